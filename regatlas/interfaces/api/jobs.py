"""Background screening jobs for uploaded files: one worker, progress, results kept on disk.

Disk is bounded: every job lives under one folder of this process (removed at shutdown, and at
the next start if the process was killed); a job is admitted only while the files of all jobs
stay within `disk_budget` (finished jobs are evicted first, oldest first) and while fewer than
`max_pending` jobs wait; a failed job's files are removed at once, a finished job's input too.
Answers name no server path.

>>> jobs = JobStore(max_jobs=2, disk_budget=100)
>>> jobs.get("nope") is None
True
>>> jobs.admit(101)
Traceback (most recent call last):
...
starlette.exceptions.HTTPException: 503: screening disk budget used up (100 bytes); retry later
>>> jobs.close()
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException

ROOT_PREFIX = "regatlas-jobs-"
RETRY = {"Retry-After": "30"}


@dataclass
class Job:
    """One screening run: state, progress (0-100) per phase, result summary or error."""

    id: str
    workdir: Path
    state: str = "queued"
    progress: dict[str, float] = field(default_factory=dict)
    result: dict[str, Any] | None = None
    error: str | None = None

    def file(self, part: str) -> Path:
        """Where the job's `part` ("decisions" or "rejects") is written."""
        return self.workdir / f"{part}.parquet"

    def as_dict(self) -> dict[str, Any]:
        """The job's status document; files are named by their download URL, not their path."""
        result = None
        if self.result is not None:
            links = {"out": f"/api/v1/screen/{self.id}/decisions",
                     "rejects": f"/api/v1/screen/{self.id}/rejects"}
            result = {**self.result, **{k: v for k, v in links.items() if k in self.result}}
        return {"id": self.id, "state": self.state, "progress": self.progress, "result": result,
                "error": self.error}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def sweep_stale(tmp: Path) -> int:
    """Remove job folders left by regatlas processes that no longer run; how many went.

    >>> sweep_stale(Path(tempfile.mkdtemp()))
    0
    """
    gone = 0
    for folder in tmp.glob(f"{ROOT_PREFIX}*"):
        match = re.match(rf"{ROOT_PREFIX}(\d+)-", folder.name)
        if match and folder.is_dir() and not _alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)
            gone += 1
    return gone


class JobStore:
    """Jobs by id, under one folder of this process, within a disk budget."""

    def __init__(self, max_jobs: int = 20, disk_budget: int = 2 * 2**30, max_pending: int = 4) -> None:
        self.max_jobs, self.disk_budget, self.max_pending = max_jobs, disk_budget, max_pending
        tmp = Path(tempfile.gettempdir())
        sweep_stale(tmp)
        self.root = Path(tempfile.mkdtemp(prefix=f"{ROOT_PREFIX}{os.getpid()}-", dir=tmp))
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen")

    def admit(self, size: int) -> Job:
        """A new job for an upload of `size` bytes, or 503 when the disk budget or queue is full."""
        with self.lock:
            pending = sum(j.state in ("queued", "running") for j in self.jobs.values())
            if pending >= self.max_pending:
                raise HTTPException(503, f"{pending} screening jobs are waiting; retry later", RETRY)
            finished = [j for j in self.jobs.values() if j.state in ("done", "failed")]
            used = _size(self.root)
            while finished and (used + size > self.disk_budget or len(self.jobs) >= self.max_jobs):
                used -= self._drop(finished.pop(0))
            if used + size > self.disk_budget:
                raise HTTPException(503, f"screening disk budget used up ({self.disk_budget:,} bytes); "
                                         "retry later", RETRY)
            job = Job(id=uuid.uuid4().hex, workdir=self.root / uuid.uuid4().hex)
            job.workdir.mkdir()
            self.jobs[job.id] = job
        return job

    def _drop(self, job: Job) -> int:
        size = _size(job.workdir) if job.workdir.exists() else 0
        shutil.rmtree(job.workdir, ignore_errors=True)
        self.jobs.pop(job.id, None)
        return size

    def discard(self, job: Job) -> None:
        """Forget a job that never started (its upload failed) and remove its files."""
        with self.lock:
            self._drop(job)

    def get(self, job_id: str) -> Job | None:
        """The job with this id, if it is still kept."""
        return self.jobs.get(job_id)

    def run(self, job: Job, source: Path, work: Callable[..., dict[str, Any]]) -> None:
        """Run `work(progress_callback)` in the background; its return value is the result.

        The uploaded `source` is removed when the job ends; a failed job's files all go.
        """

        def progress(label: str, pct: float) -> None:
            job.progress[label] = round(pct, 1)

        def target() -> None:
            job.state = "running"
            try:
                job.result = work(progress)
                job.state = "done"
            except Exception as exc:  # noqa: BLE001 - any failure is reported on the job, not lost
                job.error = str(exc).replace(str(job.workdir) + os.sep, "")
                job.state = "failed"
                shutil.rmtree(job.workdir, ignore_errors=True)
            finally:
                source.unlink(missing_ok=True)

        self.pool.submit(target)

    def close(self) -> None:
        """Stop taking work and remove every job's files (at server shutdown)."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)
