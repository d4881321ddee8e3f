"""The built wheel deploys: installed in a clean venv, `python -m regatlas serve` works from anywhere.

What a Docker image or `pip install regatlas` gets is the wheel, not this checkout: web templates,
static files, report templates, the rulebook and the examples must all be inside it. The clean venv
sees the dependencies through a plain path line to this venv's site-packages (a path line, so the
editable install's finder there is not run), and regatlas only from the wheel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
URL_ATTR = re.compile(r'\b(?:src|href|spec-url|data-openapi-url)="([^"]*)"')


def _run(args: list, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], check=False, capture_output=True, text=True, timeout=120,
                          **kw)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None, ctype: str = "") -> tuple[int, dict, str]:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": ctype} if ctype else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


def _start(args: list, cwd: Path, env: dict, base: str) -> subprocess.Popen:
    """Start a server and wait until it answers (the first start compiles the atlas)."""
    proc = subprocess.Popen([str(a) for a in args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited {proc.returncode}:\n{proc.stdout.read()}")
        try:
            with urllib.request.urlopen(base + "/openapi.json", timeout=2):
                return proc
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise AssertionError(f"server did not answer in time:\n{proc.communicate()[0]}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _check_docs_page(base: str, path: str) -> str:
    """The page answers, has no inline script or style attribute, and every URL in it is local and 200."""
    status, headers, body = _get(base + path)
    assert status == 200, (path, status)
    urls = URL_ATTR.findall(body)
    assert urls, f"{path} references no assets"
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), f"{path} references {url}"
        assert _get(base + url)[0] == 200, f"{path}: {url} is not served"
    assert not re.search(r"<script(?![^>]*\bsrc=)", body), f"{path} has an inline script"
    assert " style=" not in body and "fonts.googleapis" not in body, path
    assert headers.get("content-security-policy"), f"{path} is sent without a CSP"
    return body


def test_wheel_installs_and_serves_from_outside_the_checkout(tmp_path):
    # Build from a copy, so the checkout gets no build/ folder and only what the wheel holds counts.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "regatlas", src / "regatlas",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.duckdb*", "*.egg-info"))
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "--no-index", src, "-w", wheels])
    (wheel,) = wheels.glob("regatlas-*.whl")
    # Every file of the package ships (a folder without __init__.py or a new kind of data file
    # missing from package-data shows up here first).
    with zipfile.ZipFile(wheel) as zf:
        shipped = {n for n in zf.namelist() if n.startswith("regatlas/")}
    present = {p.relative_to(src).as_posix() for p in (src / "regatlas").rglob("*") if p.is_file()}
    assert present <= shipped, sorted(present - shipped)

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_regatlas_deps.pth").write_text("".join(f"{p}\n" for p in sorted(ours)))
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
          "--no-index", wheel])

    run = tmp_path / "run"
    run.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["REGATLAS_HOME"] = str(tmp_path / "home")
    where = _run([python, "-c", "import regatlas; print(regatlas.__file__)"], cwd=run, env=env).stdout.strip()
    assert where.startswith(str(site)), where

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start([python, "-m", "regatlas", "serve", "--host", "127.0.0.1", "--port", port], run, env, base)
    try:
        assert _get(base + "/")[0] == 200
        assert _get(base + "/static/app.css")[0] == 200
        status, _, page = _get(base + "/assess")
        assert status == 200 and "eu-exchange.yaml" in page
        profile = (REPO / "examples" / "profiles" / "eu-exchange.yaml").read_bytes()
        status, _, body = _get(base + "/api/v1/assess", profile, "application/yaml")
        assert status == 200, body
        assert json.loads(body)["rulebook"]["version"]
        status, _, report = _get(base + "/api/v1/assess?format=html", profile, "application/yaml")
        assert status == 200 and "<html" in report.lower()
        wired = "/docs-assets/" in _get(base + "/docs")[2]
        if wired:
            _check_docs_page(base, "/docs")
            assert "/openapi.json" in _check_docs_page(base, "/redoc")
    finally:
        _stop(server)

    if not wired:
        # The app does not call docs.install yet: check the installed module on a bare app.
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        code = ("import sys, uvicorn; from fastapi import FastAPI; from regatlas.interfaces.api import docs; "
                "app = FastAPI(docs_url=None, redoc_url=None); docs.install(app); "
                "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[1]), log_level='warning')")
        server = _start([python, "-c", code, port], run, env, base)
        try:
            _check_docs_page(base, "/docs")
            assert "/openapi.json" in _check_docs_page(base, "/redoc")
        finally:
            _stop(server)
