"""The WSGI entry point for gunicorn or waitress: `pairapp.wsgi:app`."""

from . import create_app

app = create_app()
