"""Screening of an uploaded file: streamed to disk with a size limit, decided in a background job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from fastapi import Depends, File, Form, Request, Response, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from regatlas.errors import InputError, NotFound
from regatlas.interfaces.api.deps import Memo, api_router, memo
from regatlas.interfaces.api.guard import MAX_UPLOAD, BodyTooLarge
from regatlas.interfaces.api.problems import NOT_MODIFIED, errors
from regatlas.interfaces.api.respond import answer
from regatlas.model.answers import ScreenAccepted, ScreenJob
from regatlas.store import queries

router = api_router("/api/v1", "screening")
MemoDep = Annotated[Memo, Depends(memo)]
JobId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]
CHUNK = 2**20


def _job(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise NotFound(f"unknown job '{job_id}'", field="job_id")
    return job


@router.post("/screen", status_code=202, response_model=ScreenAccepted,
             responses=errors(403, 413, 415, 422, 503))
async def screen_upload(request: Request, m: MemoDep, file: Annotated[UploadFile, File()],
                        decisions_only: Annotated[bool, Form()] = False) -> Response:
    """Upload transfers (CSV or Parquet, up to 512 MiB); returns a job to poll. With
    `decisions_only` the decisions keep only `id` of the input columns (rejects keep them all).

    The size is checked before a job exists, and a job is admitted only within the server's disk
    budget and queue (503 otherwise); an upload that fails half-way leaves nothing behind.
    """
    from regatlas.engines.screen.common import file_format
    from regatlas.engines.screen.duckdb_engine import screen

    name = Path(file.filename or "upload.csv").name
    suffix = ".csv" if name.lower().endswith((".csv", ".csv.gz")) else Path(name).suffix.lower()
    file_format(Path(name), "file")
    if file.size is not None and file.size > MAX_UPLOAD:
        raise BodyTooLarge(MAX_UPLOAD)
    jobs = request.app.state.jobs
    job = jobs.admit(file.size or 0)
    src = job.workdir / f"input{suffix}"
    try:
        with src.open("wb") as out:
            while chunk := await file.read(CHUNK):
                out.write(chunk)
    except BaseException:
        jobs.discard(job)
        raise
    jobs.run(job, src, lambda progress: screen(m.atlas, src, job.file("decisions"), job.file("rejects"),
                                               progress=progress, decisions_only=decisions_only).as_dict())
    return answer(request, ScreenAccepted, {"rulebook": queries.header(m.atlas, dt.date.today()),
                            **job.as_dict()}, status=202)


@router.get("/screen/{job_id}", response_model=ScreenJob, responses={**NOT_MODIFIED, **errors(404, 422)})
def screen_status(request: Request, job_id: JobId) -> Response:
    """State and progress of a screening job; the summary when done."""
    return answer(request, ScreenJob, _job(request, job_id).as_dict())


@router.get("/screen/{job_id}/{part}", response_class=FileResponse, responses={
    200: {"content": {"application/vnd.apache.parquet": {}}, "description": "The Parquet file."},
    **errors(404, 422)})
def screen_file(request: Request, job_id: JobId,
                part: Annotated[str, PathParam(pattern=r"^(decisions|rejects)$")]) -> Response:
    """Download the decisions or rejects (Parquet) of a finished job."""
    job = _job(request, job_id)
    if job.state != "done" or not job.result:
        raise InputError(f"job {job_id} is {job.state}", field="job_id")
    return FileResponse(job.file(part), media_type="application/vnd.apache.parquet", filename=f"{part}.parquet")
