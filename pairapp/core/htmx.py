"""Answering htmx and plain requests from one URL: page or fragment, redirect or fragment."""

from flask import redirect, render_template, request


def is_htmx():
    """Whether htmx made this request."""
    return request.headers.get("HX-Request") == "true"


def is_partial():
    """Whether htmx asked for a fragment (a targeted swap), not a whole page."""
    return is_htmx() and request.headers.get("HX-Request-Type", "partial") == "partial"


def render(page, partial, status=200, **context):
    """The partial for an htmx partial request, else the full page."""
    template = partial if is_partial() else page
    return render_template(template, **context), status


def done(url, partial=None, **context):
    """After a successful change: the fresh fragment for htmx, else 303 back to url."""
    if partial and is_partial():
        return render_template(partial, **context)
    return redirect(url, code=303)


def error_page(status, title, message, back=None, headers=None):
    """An error as a page, or for htmx as a notice in the page's message area.

    back: (url, words) of the way back the page offers; by default My pairs.
    """
    headers = dict(headers or {})
    if is_htmx():
        # Swap nothing the person typed: show the message in the page's message area.
        notice = render_template("_error_notice.html", title=title, message=message)
        headers.update({"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"})
        return notice, status, headers
    page = render_template("error.html", title=title, message=message, back=back)
    return page, status, headers


def add_vary(response):
    """Caches must key on the htmx headers, since one URL answers both ways."""
    response.vary.add("HX-Request")
    response.vary.add("HX-Request-Type")
    return response
