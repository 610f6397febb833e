"""scripts/replica-drill, run by the suite where PostgreSQL's binaries and PgBouncer are installed.

The drill starts a primary cluster, a streaming replica, PgBouncer and gunicorn of its own on
free ports under a temporary folder, and checks replica reads, reading one's own writes, the
replica stopped and 200 concurrent clients (see the script). Here it runs with the small data
set and without the control run (direct connections exhausting the primary), to stay short.
"""

import glob
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def missing_programs():
    missing = [
        name
        for name in ("initdb", "pg_ctl", "pg_basebackup")
        if not glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    ]
    if not (shutil.which("pgbouncer") or Path("/usr/sbin/pgbouncer").exists()):
        missing.append("pgbouncer")
    return missing


pytestmark = [
    pytest.mark.drill,
    pytest.mark.skipif(
        bool(missing_programs()),
        reason=(
            f"the replica drill needs {', '.join(missing_programs())} "
            "(Debian packages postgresql and pgbouncer)"
        ),
    ),
]


def test_the_replica_drill_passes():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "replica-drill"),
            "--data",
            "small",
            "--no-control",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "FAIL" not in result.stdout, output
    assert "PASS  staff reads their own write at once" in result.stdout, output
