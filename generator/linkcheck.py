"""The built-in link checker: every internal ``href`` and ``src`` must land.

Runs on the rendered files before anything is written, so under ``--strict`` a
broken link fails the build and leaves the previous output alone. The pages
are our own templates' output, so attributes are always double-quoted and a
regular expression reads them reliably (and far faster than an HTML parser).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from .errors import Problem, Severity
from .outputfile import OutputFile

_LINK = re.compile(r'\s(href|src)="([^"]*)"')
_ID = re.compile(r'\s(?:id|name)="([^"]*)"')
_REFRESH = re.compile(r'http-equiv="refresh" content="\d+;\s*url=([^"]*)"')


def _ids(page: str) -> frozenset[str]:
    return frozenset(html.unescape(value) for value in _ID.findall(page))


def _target(page_path: str, url: str, base_path: str) -> tuple[str, str] | None:
    """The output path and fragment a link points at, or ``None`` for outside links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return page_path, unquote(parts.fragment)
    if path.startswith("/"):
        # a root-relative URL: inside the site only under its base path
        if not path.startswith(base_path):
            return "../" + path, ""
        path, page_path = path[len(base_path):] or "./", "index.html"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined, unquote(parts.fragment)


def check_links(files: Iterable[OutputFile], other_paths: Iterable[str] = (), base_path: str = "/") -> list[Problem]:
    """Every broken internal link or anchor among ``files``, as warnings.

    ``base_path`` is the URL path the site is served under, for root-relative links.
    """
    files = list(files)
    pages = {f.path: f.data.decode("utf-8") for f in files if f.path.endswith(".html")}
    existing = {f.path for f in files} | set(other_paths)
    ids = {path: _ids(text) for path, text in pages.items()}
    problems = []
    for path, text in pages.items():
        links = [(m.group(1), html.unescape(m.group(2))) for m in _LINK.finditer(text)]
        links += [("refresh", html.unescape(u)) for u in _REFRESH.findall(text)]
        for attribute, url in links:
            message = _broken(path, url, existing, ids, base_path)
            if message:
                problems.append(Problem(path, None, attribute, f"{message} ({url!r})", Severity.WARNING))
    return problems


def _broken(page: str, url: str, existing: set[str], ids: dict[str, frozenset[str]], base_path: str) -> str | None:
    target = _target(page, url, base_path)
    if target is None:
        return None
    path, fragment = target
    if path.startswith("../") or path == "..":
        return "link leaves the site"
    if path not in existing:
        return f"broken link: no file {path}"
    if fragment and path in ids and fragment not in ids[path]:
        return f"broken anchor: {path} has no id {fragment!r}"
    return None
