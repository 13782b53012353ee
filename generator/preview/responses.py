"""What the preview answers a request with: a page with the reload script and the error overlay injected, the changed parts of a page, or a 404.

The script and overlay are injected here, as pages are served, so files
written by ``timeline build`` never depend on whether a preview runs.
"""

from __future__ import annotations

import html
import json
import mimetypes
import posixpath
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import Problem
from .parts import changed_parts
from .script import SCRIPT
from .state import PreviewState, Snapshot

RELOAD_PATH = "__livereload"
PARTS_PATH = RELOAD_PATH + "/parts"
"""Where a page asks for the elements that changed since the build it shows (see :mod:`.parts`)."""
_ERROR_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
    b"<body><h1>The site has not built yet</h1></body></html>"
)
_OVERLAY_STYLE = (
    "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:50vh;overflow:auto;"
    "background:#2b0b0b;color:#fff;border:3px solid #ff5c5c;border-radius:8px;padding:1rem;"
    "font:14px/1.5 ui-monospace,monospace;box-shadow:0 4px 24px rgba(0,0,0,.5)"
)




@dataclass(frozen=True, slots=True)
class Response:
    """What to send back for a request."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    location: str | None = None


def respond(state: PreviewState, raw_path: str) -> Response:
    """The response to ``GET raw_path``; no sockets involved, so it is tested directly."""
    path = unquote(urlsplit(raw_path).path)
    base = state.base_path
    if not path.startswith(base):
        return Response(302, location=base) if path in ("/", base.rstrip("/")) else _not_found(state)
    relative = _relative(path, base)
    if relative is None:
        return _not_found(state)
    snapshot = state.snapshot
    if not snapshot.good:
        return Response(503, _inject(_ERROR_PAGE, snapshot, base), "text/html; charset=utf-8")
    name = _file_name(relative)
    if name not in snapshot.files:
        if name + "/index.html" in snapshot.files:
            return Response(301, location=base + relative + "/")
        return _not_found(state)
    return _file(name, snapshot.files[name], snapshot, base, 200)


def _relative(path: str, base: str) -> str | None:
    """``path`` (decoded) below the base path, or ``None`` when it is outside it or climbs out of it."""
    if not path.startswith(base):
        return None
    relative = path[len(base):]
    if any(part in ("..", ".") or "\\" in part or "\0" in part for part in relative.split("/")):
        return None
    return relative


def _file_name(relative: str) -> str:
    return posixpath.join(relative, "index.html") if relative == "" or relative.endswith("/") else relative


def viewed_file(state: PreviewState, page: str) -> str | None:
    """The file a page at ``page`` (its address's path, as the browser encoded it) shows, or ``None`` for no page."""
    relative = _relative(unquote(page), state.base_path)
    return None if relative is None else _file_name(relative)


def parts(state: PreviewState, query: str) -> Response:
    """The elements of a page that changed since the build it shows, as JSON (see :mod:`.parts`).

    The query names the page (``page``, its address's path) and the build it shows
    (``since``). 409 says the page has to be fetched whole: its build is no longer
    at hand, or the change is not one of elements with ids.
    """
    since, values = since_version(query), parse_qs(query)
    page = (values.get("page") or [""])[0]
    if since is None or not page:
        return Response(400, b"since, page: expected the version number and the address of the page\n")
    name = viewed_file(state, page)
    snapshot = state.snapshot
    old = state.files_of(since)
    if name is None or name not in snapshot.files or not name.endswith(".html"):
        return Response(404, b"no such page\n")
    found = changed_parts(old[name], snapshot.files[name]) if old is not None and name in old and snapshot.good else None
    if found is None:
        return Response(409, b"fetch the page whole\n")
    body = {
        "version": snapshot.version,
        "parts": [[part.id, part.before, part.after] for part in found],
        "overlay": overlay(snapshot.problems) if snapshot.failed else None,
    }
    return Response(200, json.dumps(body).encode(), "application/json; charset=utf-8")


def _file(name: str, data: bytes, snapshot: Snapshot, base: str, status: int) -> Response:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind == "text/html":
        return Response(status, _inject(data, snapshot, base), "text/html; charset=utf-8")
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml", "image/svg+xml"):
        kind += "; charset=utf-8"
    return Response(status, data, kind)


def _not_found(state: PreviewState) -> Response:
    snapshot = state.snapshot
    page = snapshot.files.get("404.html")
    if page is not None:
        return _file("404.html", page, snapshot, state.base_path, 404)
    body = b"<!DOCTYPE html><html lang=\"en\"><title>Not found</title><h1>Not found</h1></html>"
    return Response(404, _inject(body, snapshot, state.base_path), "text/html; charset=utf-8")


def overlay(problems: tuple[Problem, ...]) -> str:
    """The error overlay for a failed build: every problem, file and line first."""
    items = "".join(f"<li>{html.escape(p.format())}</li>" for p in problems)
    return (
        f'<div id="timeline-preview-overlay" role="alert" style="{_OVERLAY_STYLE}">'
        f'<strong>Build failed: showing the last good build.</strong><ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></div>'
    )


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(value: object) -> str:
    """``value`` as a JavaScript literal that is safe inside ``<script>``.

    ``json.dumps`` leaves ``</script>`` and ``<!--`` as they are, which end or
    change the script element around them; escaped as ``\\u003c`` they are the
    same string to JavaScript and nothing to the HTML parser.
    """
    return json.dumps(value).translate(_SCRIPT_ESCAPES)


def _inject(page: bytes, snapshot: Snapshot, base: str) -> bytes:
    url = script_json(f"{base}{RELOAD_PATH}?since={snapshot.version}")
    extra = (overlay(snapshot.problems) if snapshot.failed else "") + SCRIPT % {"url": url}
    text = page.decode("utf-8", errors="replace")
    index = text.rfind("</body>")
    text = text + extra if index < 0 else text[:index] + extra + text[index:]
    return text.encode("utf-8")


def since_version(query: str) -> int | None:
    """The ``since`` version of a reload stream's query (``0`` when absent), or ``None`` when it is no version number."""
    values = parse_qs(query).get("since") or ["0"]
    text = values[0] or "0"
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
