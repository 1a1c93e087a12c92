import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _clean_env(**extra):
    """Only the basics of the environment: no test-only variables leak into production settings."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if k in os.environ}
    return {**env, **extra}


def test_check_deploy_is_clean_with_production_settings():
    env = _clean_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="thidua.example.vn", DEBUG="false")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_a_missing_secret_key():
    env = _clean_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_serving_refuses_a_missing_secret_key():
    code = "import emulation.wsgi"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_clean_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_management_commands_run_without_a_secret_key():
    # A fresh checkout (no .env) can check the project and its migrations before anything is configured.
    for command in (["check"], ["makemigrations", "--check", "--dry-run"]):
        result = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=_clean_env(),
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_dates_show_as_day_month_year(settings):
    import datetime

    from django.template import Context, Template

    out = Template("{{ d|date:'SHORT_DATE_FORMAT' }}").render(Context({"d": datetime.date(2018, 3, 22)}))
    assert out == "22/03/2018"
