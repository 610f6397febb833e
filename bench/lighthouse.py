"""Lighthouse (npm lighthouse, pinned in package.json) over the home, a province and a city page.

Serves the portal as in production, gunicorn with WhiteNoise and hashed static files (not
runserver), and prints each page's performance score on Lighthouse's phone profile (its
default: a mid-range phone, a slow 4G line, the CPU slowed four times) with the measures it is
made of, and the accessibility, best-practices and SEO scores. Targets: performance 90,
the others 95. Run from the repository root with DATABASE_URL (and REDIS_URL) set,
on a database holding the demo data:

    python bench/lighthouse.py [--port 8105] [--pages / /regions/320000/ /cities/320500/]

Lighthouse drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
MEASURES = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def production_env(port):
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="tsinghua_coop.settings",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Served over plain HTTP on this machine: no redirect to HTTPS.
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
    )
    return env


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not answer within {seconds} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--pages", nargs="+", default=["/", "/regions/320000/", "/cities/320500/"])
    args = parser.parse_args()
    env = production_env(args.port)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "tsinghua_coop.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    lighthouse = os.environ.get("LIGHTHOUSE") or str(
        BASE_DIR / "node_modules" / ".bin" / "lighthouse"
    )
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    failures = 0
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_until_up(base + "/healthz/")
        print(f"{'page':<22}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for path in args.pages:
            with tempfile.NamedTemporaryFile(suffix=".json") as report:
                subprocess.run(
                    [
                        lighthouse,
                        base + path,
                        f"--only-categories={','.join(CATEGORIES)}",
                        "--output=json",
                        f"--output-path={report.name}",
                        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
                        "--quiet",
                    ],
                    env={**os.environ, "CHROME_PATH": chrome},
                    check=True,
                )
                result = json.loads(Path(report.name).read_text())
            scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
            failures += sum(scores[c] < TARGETS[c] for c in CATEGORIES)
            print(f"{path:<22}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
            print(
                "    "
                + " · ".join(
                    f"{short} {result['audits'][audit]['displayValue']}"
                    for audit, short in MEASURES.items()
                )
            )
            for category in CATEGORIES:
                for ref in result["categories"][category]["auditRefs"]:
                    audit = result["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        print(f"    {category}: {audit['id']} — {audit['title']}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    targets = ", ".join(f"{c} {t}" for c, t in TARGETS.items())
    print(f"targets ({targets}): {'met' if not failures else f'{failures} score(s) below'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
