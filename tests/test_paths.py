"""Where the app finds its templates, static files and migrations, and keeps its data."""

from pathlib import Path

from pairapp import paths

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
