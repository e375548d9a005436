"""What the wheel holds; everything else about the project is in pyproject.toml.

The source tree keeps templates/, static/ and migrations/ at the top, beside the package. A
wheel (`pip install .`) carries them inside it, as pairapp/templates, pairapp/static and
pairapp/migrations, where pairapp/paths.py finds them. Packages, the folders inside those
three, and the files in them all are found rather than listed: a new feature, template folder
or data file needs no change here.
"""

from setuptools import find_namespace_packages, setup

BUNDLED = ("templates", "static", "migrations")


def bundled_packages(folder):
    """pairapp.<folder> and a package for each folder inside it (setuptools wants them all)."""
    inside = find_namespace_packages(where=folder)
    return [f"pairapp.{folder}", *(f"pairapp.{folder}.{name}" for name in inside)]


setup(
    packages=[
        *find_namespace_packages(include=["pairapp", "pairapp.*"]),
        *(name for folder in BUNDLED for name in bundled_packages(folder)),
    ],
    package_dir={f"pairapp.{folder}": folder for folder in BUNDLED},
    # Every file of every package (hidden files and caches aside): modules, the features' YAML
    # and text files, templates, static files.
    package_data={"": ["*"]},
)
