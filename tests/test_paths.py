"""Where the app finds its templates, static files and migrations, and keeps its data."""

from pathlib import Path

from conftest import app_config

from pairapp import config, create_app, paths

CHECKOUT = Path(__file__).resolve().parent.parent
BUNDLED = ("templates", "static", "migrations")


def test_a_checkout_serves_the_folders_at_the_top_of_the_tree():
    for name in BUNDLED:
        assert paths.bundled(name) == CHECKOUT / name
    found = (paths.TEMPLATES, paths.STATIC, paths.MIGRATIONS)
    assert found == tuple(CHECKOUT / name for name in BUNDLED)


def test_an_installed_package_serves_its_own_folders(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    for name in BUNDLED:
        (site / "pairapp" / name).mkdir(parents=True)
        # Another distribution's folder of the same name beside the package is not ours.
        (site / name).mkdir()
    monkeypatch.setattr(paths, "PACKAGE", site / "pairapp")
    for name in BUNDLED:
        assert paths.bundled(name) == site / "pairapp" / name


def unset(monkeypatch, name):
    """Remove an environment variable for this test only (restored afterwards)."""
    monkeypatch.setenv(name, "")
    monkeypatch.delenv(name)


def test_the_instance_folder_is_in_the_working_directory(tmp_path, monkeypatch):
    unset(monkeypatch, "PAIRAPP_INSTANCE")
    monkeypatch.chdir(tmp_path)
    assert config.instance_path() == str(tmp_path / "instance")


def test_pairapp_instance_names_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAIRAPP_INSTANCE", "data/pairapp")
    assert config.instance_path() == str(tmp_path / "data" / "pairapp")
    monkeypatch.setenv("PAIRAPP_INSTANCE", "/srv/pairapp")
    assert config.instance_path() == "/srv/pairapp"


def test_the_app_keeps_its_secret_key_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIRAPP_INSTANCE", str(tmp_path / "here"))
    unset(monkeypatch, "PAIRAPP_SECRET_KEY")
    unset(monkeypatch, "SECRET_KEY")
    settings = {**app_config(tmp_path / "pairapp.sqlite3"), "AUTO_UPGRADE": False}
    del settings["SECRET_KEY"]
    app = create_app(settings)
    assert app.instance_path == str(tmp_path / "here")
    assert app.config["SECRET_KEY"] == (tmp_path / "here" / "secret_key").read_text().strip()


def test_a_dotenv_in_the_working_directory_is_read(tmp_path, monkeypatch):
    """Whatever serves the app (pairapp serve, gunicorn, waitress), installed or not."""
    unset(monkeypatch, "PAIRAPP_INSTANCE")
    (tmp_path / ".env").write_text("PAIRAPP_INSTANCE=from-dotenv\n")
    monkeypatch.chdir(tmp_path)
    app = create_app({**app_config(tmp_path / "pairapp.sqlite3"), "AUTO_UPGRADE": False})
    assert app.instance_path == str(tmp_path / "from-dotenv")
