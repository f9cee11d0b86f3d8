"""Services the tests start themselves: a throwaway PostgreSQL cluster from Debian's package
(the Celery test's metadata database, the DuckLake tests' catalog) and an S3-compatible server
(moto, for a DuckLake's data on object storage)."""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def missing(message: str):
    """Fail under CI, where ./dev test installs what is missing; skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def postgres(root: Path, databases: tuple[str, ...]):
    """A PostgreSQL cluster on a free port, owned by Debian's postgres user, with the
    databases named; yields the port (user postgres, trust authentication, 127.0.0.1)."""
    if not PG_BIN or shutil.which("runuser") is None or os.geteuid() != 0:
        missing("PostgreSQL (Debian's package) and root are needed; ./dev test installs it")
    root.chmod(0o755)
    shutil.chown(root, "postgres")
    port, data = free_port(), root / "data"
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(PG_BIN[-1] / "initdb"), "-D", str(data), "-U", "postgres",
                    "--auth=trust"], check=True, capture_output=True)  # fmt: skip
    subprocess.run([*as_postgres, str(PG_BIN[-1] / "pg_ctl"), "-D", str(data), "-w", "-l",
                    str(root / "postgres.log"), "-o",
                    f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"],
                   check=True, capture_output=True)  # fmt: skip
    try:
        for database in databases:
            subprocess.run([str(PG_BIN[-1] / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U",
                            "postgres", "-c", f"create database {database}"],
                           check=True, capture_output=True)  # fmt: skip
        yield port
    finally:
        subprocess.run([*as_postgres, str(PG_BIN[-1] / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "stop"], capture_output=True)  # fmt: skip


S3_SERVER = Path(__file__).resolve().parent.parent / ".venv-s3" / "bin" / "python"


@contextmanager
def s3_server(root: Path, bucket: str):
    """moto's S3 service on a free port (its own venv, made by ./dev test), with the bucket
    made; yields the endpoint (host:port, path-style URLs, plain HTTP)."""
    if not S3_SERVER.exists():
        missing("the S3 test server's venv (.venv-s3) is missing; ./dev test makes it")
    port = free_port()
    with open(root / "moto.log", "w") as log:
        server = subprocess.Popen(
            [str(S3_SERVER), "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        endpoint = f"127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(f"http://{endpoint}/{bucket}", method="PUT")
                urllib.request.urlopen(request, timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError((root / "moto.log").read_text()[-2000:]) from None
                time.sleep(0.3)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=30)
