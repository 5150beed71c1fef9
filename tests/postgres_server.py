"""A throwaway PostgreSQL server for tests, and a store fixture that runs on both backends.

Test modules import ``postgres_url`` and ``store_url`` from here. ``TEALEAVES_TEST_PG_URL``
names an existing server instead; without one, a server is started with ``initdb`` and
``pg_ctl`` in a temporary directory on a free port (as the ``postgres`` user when run as root,
since PostgreSQL refuses root), and tests skip with a message only if that fails.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

PG_URL_VARIABLE = "TEALEAVES_TEST_PG_URL"


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user() -> list[str]:
    """A command prefix that drops root to the postgres user (created if missing)."""
    if os.geteuid() != 0:
        return []
    if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True, capture_output=True)
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a PostgreSQL server (admin database), or a skip saying why there is none."""
    if os.environ.get(PG_URL_VARIABLE):
        yield os.environ[PG_URL_VARIABLE]
        return
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip(f"PostgreSQL tests skipped: no initdb/pg_ctl found (install the postgresql "
                    f"package or set {PG_URL_VARIABLE})")
    root = Path(tempfile.mkdtemp(prefix="tealeaves-pg-"))
    data, port = root / "data", _free_port()
    try:
        prefix = _as_server_user()
        if prefix:
            shutil.chown(root, "postgres")
        subprocess.run([*prefix, initdb, "-D", str(data), "-U", "tealeaves", "--auth=trust", "-E", "UTF8"],
                       check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as problem:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: could not start a server ({problem})")
    yield f"postgresql://tealeaves@127.0.0.1:{port}/postgres"
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty store location on each backend: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    import psycopg

    admin = request.getfixturevalue("postgres_url")
    name = "tealeaves_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlsplit(admin)._replace(path="/" + name).geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
