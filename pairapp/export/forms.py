"""The import form: one file, sent with the page's CSRF token."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class ImportForm(FlaskForm):
    file = FileField("The pair's file (.json)", [FileRequired("Choose the file to import.")])
