"""The production profile of the settings, checked in a fresh process as a deployment starts."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from apps.core.tests.waiting import READY_LIMIT

MANAGE_PY = Path(settings.BASE_DIR) / "manage.py"


# The development values a deployment never has; DJANGO_ALLOW_ASYNC_UNSAFE is set by the
# browser tests' fixture for their own process.
NOT_IN_DEPLOYMENT = {
    "DJANGO_ENV",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_manage(*args, **env_overrides):
    env = {key: value for key, value in os.environ.items() if key not in NOT_IN_DEPLOYMENT}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), *args],
        env=env,
        cwd=MANAGE_PY.parent,
        capture_output=True,
        text=True,
        timeout=READY_LIMIT,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="coop.example.edu.cn",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_fails_at_start_up_naming_it():
    result = run_manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="coop.example.edu.cn")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
