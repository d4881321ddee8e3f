"""Background screening jobs for uploaded files: one worker, progress, results kept on disk.

>>> jobs = JobStore(max_jobs=2)
>>> jobs.get("nope") is None
True
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Job:
    """One screening run: state, progress (0-100) per phase, result summary or error."""

    id: str
    workdir: Path
    state: str = "queued"
    progress: dict[str, float] = field(default_factory=dict)
    result: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The job's status document."""
        return {"id": self.id, "state": self.state, "progress": self.progress, "result": self.result,
                "error": self.error}


class JobStore:
    """Jobs by id; the oldest finished job's files are removed past `max_jobs`."""

    def __init__(self, max_jobs: int = 20) -> None:
        self.max_jobs = max_jobs
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen")

    def create(self) -> Job:
        """A new job with its own working directory."""
        job = Job(id=uuid.uuid4().hex, workdir=Path(tempfile.mkdtemp(prefix="regatlas-job-")))
        with self.lock:
            self.jobs[job.id] = job
            finished = [j for j in self.jobs.values() if j.state in ("done", "failed")]
            while len(self.jobs) > self.max_jobs and finished:
                old = finished.pop(0)
                shutil.rmtree(old.workdir, ignore_errors=True)
                del self.jobs[old.id]
        return job

    def get(self, job_id: str) -> Job | None:
        """The job with this id, if it is still kept."""
        return self.jobs.get(job_id)

    def run(self, job: Job, work) -> None:
        """Run `work(progress_callback)` in the background; its return value is the result."""

        def progress(label: str, pct: float) -> None:
            job.progress[label] = round(pct, 1)

        def target() -> None:
            job.state = "running"
            try:
                job.result = work(progress)
                job.state = "done"
            except Exception as exc:  # noqa: BLE001 - any failure is reported on the job, not lost
                job.error, job.state = str(exc), "failed"

        self.pool.submit(target)
