"""Where the templates, static files and migrations are.

A source checkout (and the editable install `make` uses) keeps them at the top of the tree,
beside the package; a wheel (`pip install .`) carries them inside it, as pairapp/templates,
pairapp/static and pairapp/migrations (see setup.py).
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled(name):
    """The folder `name`: inside the installed package if it is there, else in the checkout.

    Inside first: beside an installed package is site-packages, where another distribution
    may have put a folder of the same name.
    """
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


TEMPLATES = bundled("templates")
STATIC = bundled("static")
MIGRATIONS = bundled("migrations")
