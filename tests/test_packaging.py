"""`pip install .` (not editable) gives a copy that serves from any directory.

The wheel is built from a copy of this checkout and installed into a fresh venv; `pairapp
init` and `pairapp serve` then run from a directory of their own, as an operator's would. To
stay offline and quick, the wheel is built without build isolation (the project venv's
setuptools, from the test extra) and installed without dependencies, which the fresh venv
reads from the project venv through a .pth file: a plain folder on its path, so the editable
install's finder there is never activated and the checkout is out of reach.
Leave these out with `pytest -m "not packaging"`.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.packaging

CHECKOUT = Path(__file__).resolve().parent.parent
BUNDLED = ("templates", "static", "migrations")
PIP = (sys.executable, "-m", "pip", "--disable-pip-version-check")


def not_source(folder, names):
    """What `pip install .` has no use for: the checkout's environments, caches and data."""
    top = Path(folder) == CHECKOUT
    return [
        name
        for name in names
        if name == "__pycache__"
        or name.endswith(".egg-info")
        or (top and (name.startswith(".") or name in {"instance", "build", "dist", "test-results"}))
    ]


def run(*args, cwd, env):
    """Run a command and return its output; fail the test with the output if it fails."""
    args = [str(arg) for arg in args]
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def operator_env():
    """This run's environment without its Python paths and pairapp settings."""
    unwanted = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DATABASE_URL", "SECRET_KEY"}
    return {
        name: value
        for name, value in os.environ.items()
        if name not in unwanted and not name.startswith("PAIRAPP_")
    }


@pytest.fixture(scope="module")
def installed():
    """`pip wheel .`, then a fresh venv with the wheel installed; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="pairapp-packaging-") as temporary:
        work, env = Path(temporary), operator_env()
        source, dist, venv = work / "source", work / "dist", work / "venv"
        # From a copy, so the checkout gets no build/ or egg-info.
        shutil.copytree(CHECKOUT, source, ignore=not_source)
        offline = ("--no-deps", "--no-index", "--no-build-isolation", "--check-build-dependencies")
        run(*PIP, "wheel", *offline, "--wheel-dir", dist, source, cwd=work, env=env)
        (wheel,) = dist.glob("pairapp-*.whl")

        run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work, env=env)
        python = venv / "bin" / "python"
        install = ("install", "--no-deps", "--no-index", wheel)
        run(*PIP, "--python", python, *install, cwd=work, env=env)
        purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
        site = Path(run(python, "-c", purelib, cwd=work, env=env).strip()).resolve()
        dependencies = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        (site / "pairapp-test-dependencies.pth").write_text("\n".join(sorted(dependencies)))

        elsewhere = work / "elsewhere"
        elsewhere.mkdir()
        yield SimpleNamespace(
            wheel=wheel, venv=venv, python=python, site=site, cwd=elsewhere, env=env, work=work
        )


def files_in(folder):
    """The files of a folder, relative to it (caches and hidden files left out)."""
    found = {path.relative_to(folder) for path in folder.rglob("*") if path.is_file()}
    assert found, f"{folder} is empty"
    return {
        path for path in found if not any(p.startswith((".", "__pycache__")) for p in path.parts)
    }


def test_the_wheel_carries_every_file_of_the_package_templates_static_and_migrations(installed):
    package = installed.site / "pairapp"
    assert files_in(CHECKOUT / "pairapp") <= files_in(package)
    for folder in BUNDLED:
        assert files_in(CHECKOUT / folder) <= files_in(package / folder), folder


def test_the_installed_copy_runs_from_site_packages(installed):
    where = (
        "import json, pairapp, pairapp.paths as p; print(json.dumps("
        "[pairapp.__file__, str(p.TEMPLATES), str(p.STATIC), str(p.MIGRATIONS)]))"
    )
    found = json.loads(run(installed.python, "-c", where, cwd=installed.cwd, env=installed.env))
    package = installed.site / "pairapp"
    assert [Path(path).resolve() for path in found] == [
        package / "__init__.py",
        *(package / folder for folder in BUNDLED),
    ]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """(status, body) of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(url, server, log, seconds=30):
    """Poll until the server answers, failing early if it exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"pairapp serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            return fetch(url)
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"pairapp serve did not answer within {seconds} s:\n{log.read_text()}")


def stop(server):
    """SIGTERM (gunicorn stops gracefully), then SIGKILL for its group if it hangs."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


def test_pairapp_init_and_serve_from_another_directory(installed):
    pairapp = installed.venv / "bin" / "pairapp"
    output = run(pairapp, "init", cwd=installed.cwd, env=installed.env)
    migrations = sorted(path.stem for path in (CHECKOUT / "migrations").glob("[0-9]*.py"))
    # Building the app applies them already, so init says "(0 applied just now)".
    assert f"up to date: {len(migrations)} migrations, newest {migrations[-1]} (" in output
    # The data is in ./instance of the working directory, nothing in the venv.
    assert (installed.cwd / "instance" / "pairapp.sqlite3").is_file()
    assert (installed.cwd / "instance" / "secret_key").is_file()
    assert not [*installed.venv.rglob("*.sqlite3"), *installed.venv.rglob("secret_key")]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = installed.work / "serve.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [pairapp, "serve", "--port", str(port)], cwd=installed.cwd, env=installed.env,
            stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            status, body = wait_until_up(f"{base}/healthz", server, log)
            assert (status, json.loads(body)) == (200, {"status": "ok", "db": "ok"})

            status, body = fetch(f"{base}/login")
            page = body.decode()
            assert status == 200, page
            assert "<title>Log in · pairapp</title>" in page and 'name="password"' in page

            static = re.findall(r'(?:href|src|data-local)="(/static/[^"]+)"', page)
            assert any("app.css" in url for url in static), static
            assert any("/vendor/" in url for url in static), static
            for url in static:
                status, body = fetch(base + url)
                assert (status, bool(body)) == (200, True), url
            status, body = fetch(f"{base}/static/app.css")
            assert (status, body) == (200, (CHECKOUT / "static" / "app.css").read_bytes())
        finally:
            stop(server)
    assert server.returncode == 0, log.read_text()
