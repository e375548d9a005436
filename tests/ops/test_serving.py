"""`pairapp serve` and running behind an HTTPS reverse proxy."""

import pytest
from conftest import PASSWORD, app_config

from pairapp import cli, config, create_app
from pairapp.db import close_all, db


@pytest.mark.parametrize(("workers", "threads"), [(1, 16), (3, 8)])
def test_serve_takes_workers_and_threads_from_settings(app, runner, monkeypatch, workers, threads):
    calls = []
    monkeypatch.setattr(cli.os, "execvp", lambda file, args: calls.append(args))
    app.config.update(WORKERS=workers, THREADS=threads)
    result = runner.invoke(args=["serve", "--host", "127.0.0.1", "--port", "5001"])
    assert result.exit_code == 0, result.output
    command = " ".join(calls[0])
    assert f"--workers {workers} " in command and f"--threads {threads} " in command
    assert "-m gunicorn" in command and "--worker-class gthread" in command
    # pairapp logs requests itself; gunicorn's access log would keep query strings.
    assert "--access-logfile" not in command


def test_workers_and_threads_settings(monkeypatch, tmp_path):
    assert config.from_environment(str(tmp_path))["WORKERS"] == 1
    assert config.from_environment(str(tmp_path))["THREADS"] == 16
    monkeypatch.setenv("PAIRAPP_WORKERS", "4")
    monkeypatch.setenv("PAIRAPP_THREADS", "32")
    settings = config.from_environment(str(tmp_path))
    assert (settings["WORKERS"], settings["THREADS"]) == (4, 32)


def test_behind_an_https_proxy_cookies_are_secure_and_hsts_is_sent(
    app, migrated_database, make_user, tmp_path
):
    user = make_user()
    settings = {
        **app_config(tmp_path / "unused.sqlite3"),
        "DATABASE": app.config["DATABASE"],
        "DATABASE_URL": app.config["DATABASE_URL"],
        "PROXY_HOPS": 1,
        "SESSION_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_SECURE": True,
    }
    proxied = create_app(settings)
    try:
        client = proxied.test_client()
        forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        page = client.get("/login", headers=forwarded)
        assert page.headers["Strict-Transport-Security"].startswith("max-age=")
        token = page.get_data(as_text=True).split('name="csrf_token" type="hidden" value="')[1]
        response = client.post(
            "/login",
            data={
                "email": user.email,
                "password": PASSWORD,
                "remember": "y",
                "csrf_token": token.split('"')[0],
            },
            headers={**forwarded, "Referer": "https://localhost/login"},
        )
        assert response.status_code == 303
        cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
        for name in ("session", "remember_token"):
            assert "Secure" in cookies[name]
        # Without the proxy's word, plain http gets no HSTS.
        assert "Strict-Transport-Security" not in client.get("/login").headers
    finally:
        close_all(proxied.extensions["database"])
        db.initialize(app.extensions["database"])
