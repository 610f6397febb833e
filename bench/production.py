"""The production profile for the benchmarks: what a deployment runs, on this machine.

``use_production_profile()`` must run before Django reads its settings. It sets
``DJANGO_ENV=production`` (tsinghua_coop/settings.py: DEBUG off, the manifest storage of
collected static files served by WhiteNoise, HSTS, secure cookies, the redirect to https), a
throw-away ``SECRET_KEY`` unless one is set, the loopback hosts, and a downloads folder of the
database's own (the prebuilt files are named by data version, and two benchmark databases
count their versions apart). ``collect_static()`` then runs ``collectstatic`` as a release does.

Every request of the benchmarks carries ``X-Forwarded-Proto: https``, as the proxy in front of
gunicorn sends it (``SECURE_PROXY_SSL_HEADER``); without it each answer would be a redirect.
"""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def use_production_profile():
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        raise SystemExit("set DATABASE_URL and REDIS_URL (the benchmark's database and Redis db)")
    os.environ["DJANGO_ENV"] = "production"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", f"bench-only-{secrets.token_urlsafe(40)}")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    database = urlsplit(os.environ["DATABASE_URL"]).path.strip("/") or "default"
    os.environ.setdefault("DOWNLOADS_ROOT", str(ROOT / ".data" / f"downloads-{database}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")


def collect_static():
    """``collectstatic`` into STATIC_ROOT with the production storage (hashed names, a
    manifest, compressed copies), as a release does; returns the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=os.environ.copy(),
        check=True,
    )
    return time.perf_counter() - started
