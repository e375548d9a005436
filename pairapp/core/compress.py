"""Gzip for browsers that accept it, done by the app itself (so `make run` gets it too)."""

import gzip

from flask import request

# Text is worth compressing; images, fonts and archives already are.
COMPRESSIBLE = {
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "text/calendar",
    "text/css",
    "text/csv",
    "text/html",
    "text/javascript",
    "text/plain",
}
MIN_SIZE = 1024  # smaller answers fit in a packet or two either way
# Level 5: within 2 % of level 6's size for our pages at two thirds of its time (0.4 ms for
# the large plan page). Static files are compressed once per version, so at the best level.
PAGE_LEVEL = 5
FILE_LEVEL = 9
MAX_FILES = 64  # compressed static files kept, by ETag (a handful of files, a few versions)

_files = {}


def accepts_gzip():
    """Whether the request's Accept-Encoding allows gzip (q=0 refuses it)."""
    return request.accept_encodings["gzip"] > 0


def compress(response):
    """Gzip a text answer of some size when the browser accepts it; say it varies by that."""
    if response.mimetype not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")
    if (
        response.status_code in (204, 206, 304)
        or response.status_code < 200
        or "Content-Encoding" in response.headers
        or not accepts_gzip()
    ):
        return response
    if response.direct_passthrough:
        return compress_file(response)
    if response.is_streamed:
        return response  # a generator streams as it is made: left alone
    data = response.get_data()
    if len(data) < MIN_SIZE:
        return response
    return encoded(response, gzip.compress(data, PAGE_LEVEL, mtime=0))


def compress_file(response):
    """A file sent from disk (static files): its gzip is made once per version (ETag)."""
    etag = response.headers.get("ETag")
    length = response.content_length
    if not etag or length is None or length < MIN_SIZE:
        return response
    body = _files.get(etag)
    if body is None:
        response.direct_passthrough = False
        body = gzip.compress(response.get_data(), FILE_LEVEL, mtime=0)
        if len(_files) >= MAX_FILES:
            _files.clear()
        _files[etag] = body
    else:
        close = getattr(response.response, "close", None)
        if close is not None:
            close()  # the open file is not read: close it now
    return encoded(response, body)


def encoded(response, body):
    """The response carrying the gzipped body, its headers to match."""
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    # Another representation of the same content: a weak validator; no byte ranges of it.
    etag = response.headers.get("ETag")
    if etag and not etag.startswith("W/"):
        response.headers["ETag"] = "W/" + etag
    response.headers.pop("Accept-Ranges", None)
    return response
