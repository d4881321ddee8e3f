"""A Spark standalone cluster on this machine: one master and N worker processes on loopback.

What the tests and the benchmark run the Spark plan on besides `local[*]`: real separate JVMs
(a master, workers, and executors the workers launch), a `spark://` URL, task scheduling over
RPC and shuffle between executors, as on a cluster; input and output sit on the local disk,
which every process sees as shared storage. The scripts are those of the installed `pyspark`
(`bin/spark-class`); nothing listens beyond 127.0.0.1 and the web UIs are given free ports.

>>> free_port() > 1024
True
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from regatlas.errors import RegatlasError

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A TCP port free on loopback now (the OS picks it)."""
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def _wait_for(log: Path, text: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    raise RegatlasError(f"Spark standalone process did not report '{text}' (log: {log})")


@contextmanager
def standalone_cluster(workers: int = 2, cores: int = 1, memory: str = "1g",
                       timeout: float = 90.0) -> Iterator[str]:
    """Start a master and `workers` workers (each offering `cores` cores and `memory`); yield
    the master's `spark://` URL; stop every process and remove their folders afterwards."""
    home = _spark_home()
    work = Path(tempfile.mkdtemp(prefix="regatlas-spark-cluster-"))
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": LOOPBACK,
           "SPARK_LOG_DIR": str(work), "SPARK_WORKER_DIR": str(work / "work")}
    spark_class = [str(home / "bin" / "spark-class")]
    procs: list[subprocess.Popen] = []

    def start(name: str, args: list[str], ready: str) -> None:
        log = work / f"{name}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(spark_class + args, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        procs.append(proc)
        _wait_for(log, ready, proc, timeout)

    port = free_port()
    url = f"spark://{LOOPBACK}:{port}"
    try:
        start("master", ["org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port", str(port),
                         "--webui-port", str(free_port())], "I have been elected leader")
        for i in range(workers):
            start(f"worker-{i}", ["org.apache.spark.deploy.worker.Worker", url, "--host", LOOPBACK,
                                  "--cores", str(cores), "--memory", memory, "--webui-port", str(free_port()),
                                  "--work-dir", str(work / f"work-{i}")],
                  "Successfully registered with master")
        yield url
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)
