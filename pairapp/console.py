"""The `pairapp` console script: the app's commands, with the app built from the environment."""

from flask.cli import FlaskGroup

from . import create_app
from .cli import __doc__ as commands_help

main = FlaskGroup(create_app=create_app, add_default_commands=True, help=commands_help)
