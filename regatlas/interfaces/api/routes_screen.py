"""Screening of an uploaded file: streamed to disk with a size limit, decided in a background job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from regatlas.errors import InputError, NotFound
from regatlas.interfaces.api.deps import Memo, memo
from regatlas.interfaces.api.respond import answer
from regatlas.store import queries

router = APIRouter(prefix="/api/v1", tags=["screening"])
MemoDep = Annotated[Memo, Depends(memo)]
JobId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]
MAX_UPLOAD = 512 * 2**20
CHUNK = 2**20


def _job(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise NotFound(f"unknown job '{job_id}'", field="job_id")
    return job


@router.post("/screen", status_code=202)
async def screen_upload(request: Request, m: MemoDep, file: Annotated[UploadFile, File()]) -> Response:
    """Upload transfers (CSV or Parquet, up to 512 MiB); returns a job to poll."""
    from regatlas.engines.screen.common import file_format
    from regatlas.engines.screen.duckdb_engine import screen

    name = Path(file.filename or "upload.csv").name
    suffix = ".csv" if name.lower().endswith((".csv", ".csv.gz")) else Path(name).suffix.lower()
    file_format(Path(f"x{suffix}"), "file")
    jobs = request.app.state.jobs
    job = jobs.create()
    src = job.workdir / f"input{suffix}"
    size = 0
    with src.open("wb") as out:
        while chunk := await file.read(CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD:
                raise InputError(f"upload larger than {MAX_UPLOAD // 2**20} MiB", field="file")
            out.write(chunk)
    out_path = job.workdir / "decisions.parquet"
    jobs.run(job, lambda progress: screen(m.atlas, src, out_path, progress=progress).as_dict())
    return answer(request, {"rulebook": queries.header(m.atlas, dt.date.today()),
                            **job.as_dict()}, status=202)


@router.get("/screen/{job_id}")
def screen_status(request: Request, job_id: JobId) -> Response:
    """State and progress of a screening job; the summary when done."""
    return answer(request, _job(request, job_id).as_dict())


@router.get("/screen/{job_id}/{part}")
def screen_file(request: Request, job_id: JobId,
                part: Annotated[str, PathParam(pattern=r"^(decisions|rejects)$")]) -> Response:
    """Download the decisions or rejects (Parquet) of a finished job."""
    job = _job(request, job_id)
    if job.state != "done" or not job.result:
        raise InputError(f"job {job_id} is {job.state}", field="job_id")
    path = Path(job.result["out"] if part == "decisions" else job.result["rejects"])
    return FileResponse(path, media_type="application/vnd.apache.parquet", filename=f"{part}.parquet")
