"""The build's quick reading of a page's links (``scan``) gives what the link checker's full reading (``read_page``) gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bench import corpus
from generator.build import linkscan
from generator.build.linkscan import pack, places, read_page, scan
from generator.build.pipeline import render

BASE_PATHS = ("/", "/repo/", "/bench/")


def assert_read_alike(pages: list[tuple[str, bytes]], base_path: str) -> None:
    """Each page, scanned in this order (what earlier pages taught the scan counts), reads as ``read_page`` reads it."""
    for path, data in pages:
        page = read_page(path, data, base_path)
        scanned = scan(path, data, base_path)
        assert (scanned.ids, scanned.links) == pack(page), path
        assert scanned.places == places(page), path


def html_pages(folder: Path) -> list[tuple[str, bytes]]:
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes()) for p in folder.rglob("*.html") if ".timeline-cache" not in p.parts)


@pytest.mark.parametrize("base_path", BASE_PATHS)
def test_every_page_of_the_shipped_site_scans_as_it_reads(shipped_output: Path, base_path: str) -> None:
    pages = html_pages(shipped_output)
    assert len(pages) > 100
    assert_read_alike(pages, base_path)


def test_every_page_of_the_bench_corpus_scans_as_it_reads(tmp_path: Path) -> None:
    """The 4,000-event corpus: year and entity pages of every size, thousands of permalinks."""
    corpus.write_corpus(tmp_path / "corpus", 4000, 42)
    rendered = render(tmp_path / "corpus" / "site", check=False)
    assert rendered.ok, [p.format() for p in rendered.problems]
    pages = [(f.path, f.data) for f in rendered.files if f.path.endswith(".html")]
    assert len(pages) > 8000
    for base_path in BASE_PATHS:
        assert_read_alike(pages, base_path)


_PIECES = ["../", "./", "/", "repo/", "bench/", "a", "b/", "events/", "x y", "#", "#top", "?q=1", ":", "%20", "%2F", "&amp;",
           "&#35;", "&quot;", "\t", "\n", " ", "//host/", "mailto:me@example.org", "https://example.org/", "index.html", "é", "..", ".",
           "%", "&", "[", "javascript&#58;x"]
_VALUES = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
_ATTRIBUTES = st.sampled_from(["href", "src", "id", "name", "class", "data-href"])
_PATHS = st.sampled_from(["index.html", "404.html", "events/a/index.html", "events/b/index.html", "entities/a/index.html",
                          "years/2019/index.html", "years/2019/05/index.html", "e/a/index.html", "tags/x/y.html"])


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, bytes]:
    attributes = draw(st.lists(st.tuples(_ATTRIBUTES, _VALUES), max_size=12))
    body = "".join(f'<a {name}="{value.replace(chr(34), "")}">x</a> ' for name, value in attributes)
    if draw(st.booleans()):
        body += f'<meta http-equiv="refresh" content="0; url={draw(_VALUES).replace(chr(34), "")}">'
    return draw(_PATHS), f"<html><body>{body}</body></html>".encode()


@settings(max_examples=300, deadline=None)
@given(st.lists(pages(), min_size=1, max_size=8), st.sampled_from(BASE_PATHS))
@example([("events/a/index.html", b'<a href="/a/#top">')], "/repo/")  # outside the base path: the fragment does not count
@example([("events/a/index.html", b'<a href="../b?q#a\tb">')], "/")  # urlsplit drops the tab from the fragment
@example([("index.html", b'<a href="?q#x">'), ("404.html", b'<a href="?q#x">')], "/")  # at the root, yet on each page itself
@example([("e/a/index.html", b'<p id="a&amp;b" name="a&amp;b"><a id="c">')], "/")
def test_generated_pages_scan_as_they_read(generated: list[tuple[str, bytes]], base_path: str) -> None:
    """Any links and ids, in any order of pages: character references, spaces, fragments, queries, schemes, climbs out of the site."""
    assert_read_alike(generated, base_path)


_FOLDERS = st.sampled_from(["", "events", "events/a", "years/2019/05", "e/a", "a b", "x.y/z", "-", "-/-"])


@settings(max_examples=1000, deadline=None)
@given(_FOLDERS, _VALUES, st.sampled_from(BASE_PATHS))
@example("events/a", "..//x", "/")  # the double slash spans the climb and the rest
@example("events/a", "../../../x/", "/")  # climbs out of the site
@example("years/2019/05", "../../#a/./b", "/")
def test_a_link_resolves_as_posix_paths_and_urlsplit_read_it(page_dir: str, url: str, base_path: str) -> None:
    """Whatever shortcut resolves a link, it lands where joining and normalising its path from the page's folder says."""
    assert _outcome(linkscan._resolve, page_dir, url, base_path) == _outcome(linkscan._target.__wrapped__, page_dir, url, base_path)


def _outcome(resolve: Callable[[str, str, str], object], *args: str) -> object:
    try:
        return resolve(*args)
    except ValueError as exc:  # urlsplit refuses some (an unclosed ``[``): either way, the same
        return type(exc)
