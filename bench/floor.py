"""The floor: the plainest Python build of the same site, on our own libraries, to measure against.

``python bench/floor.py EVENTS_DIR OUT [--procs 2] [--engine compiled]`` (a plain script: it imports nothing from the project) reads
every event file, splits off the front matter, loads it with libyaml's ``CSafeLoader``, converts
the body with markdown-it-py (``commonmark`` plus tables and strikethrough,
what our generator enables; with ``--engine compiled``, markdown-it-pyrs with the
same rules, to show how low a plain pipeline goes with the compiled engine), renders a Jinja2 page per event, then one page per
entity and an index by date, and writes them. The events are split into
``--procs`` contiguous halves, one forked process each; the parent writes the
index and entity pages from the small records they return.

It makes the same three kinds of page the Hugo and Eleventy set-ups make and
nothing else (no feeds, exports, checks, caches or incremental work), so the
distance between it and our build is what our generator adds on top of the
libraries it is made of.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markdown_it import MarkdownIt

Record = tuple[str, str, str, tuple[str, ...]]
"""What a worker hands back per event: (ISO date, title, slug, entity names)."""

_BASE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }} · Benchmark timeline</title></head>
<body>
<nav><a href="/">Benchmark timeline</a></nav>
<main>{% block main %}{% endblock %}</main>
</body></html>
"""
_EVENT = """{% extends "base" %}{% block main %}
<article>
<h1>{{ title }}</h1>
<p><time datetime="{{ date }}">{{ date }}</time></p>
<ul class="entities">
{%- for name in entities %}<li><a href="/entities/{{ name | slug }}/">{{ name }}</a></li>{% endfor -%}
</ul>
<p class="tags">{{ tags | join(", ") }}</p>
{{ body | safe }}
{% for source in sources %}<p class="source">Source: <a href="{{ source.url }}">{{ source.name }}</a></p>{% endfor %}
</article>
{% endblock %}"""
_LIST = """{% extends "base" %}{% block main %}
<h1>{{ title }}</h1>
<ol class="events">
{%- for date, text, slug in items %}
<li><time datetime="{{ date }}">{{ date }}</time> <a href="/articles/{{ slug }}/">{{ text }}</a></li>
{%- endfor %}
</ol>
{% endblock %}"""
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Entity page names: lower-case words joined by hyphens."""
    return _NON_SLUG.sub("-", text.lower()).strip("-")


def templates() -> jinja2.Environment:
    """The three templates, autoescaped, from memory."""
    env = jinja2.Environment(loader=jinja2.DictLoader({"base": _BASE, "event": _EVENT, "list": _LIST}), autoescape=True)
    env.filters["slug"] = slug
    return env


def markdown(engine: str = "reference") -> Callable[[str], str]:
    """The converter our generator starts from: CommonMark with tables and strikethrough, no raw HTML; ``compiled``: the Rust port."""
    if engine == "compiled":
        compiled: Any = importlib.import_module("markdown_it_pyrs")  # only here: the reference floor runs where it has no wheel
        rules = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference", "autolink",
                 "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "table", "strikethrough"]
        render: Callable[[str], str] = compiled.MarkdownIt("zero").enable_many(rules).render
        return render
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).render


def split(text: str) -> tuple[str, str]:
    """``(front matter, body)`` of a file that starts with a ``---`` block."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[4:end], text[end + 5 :]
    return "", text


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build_events(files: Sequence[Path], out: Path, engine: str = "reference") -> list[Record]:
    """Read, parse, convert, render and write each event page; the records the lists need."""
    loader: Any = yaml.CSafeLoader
    md, page = markdown(engine), templates().get_template("event")
    records: list[Record] = []
    for path in files:
        head, body = split(path.read_text(encoding="utf-8"))
        data = yaml.load(head, Loader=loader)
        date, entities = str(data["date"]), tuple(data.get("entities") or ())
        html = page.render(title=data["title"], date=date, entities=entities, tags=data.get("tags") or (),
                           sources=data.get("sources") or (), body=md(body))
        write(out / "articles" / path.stem / "index.html", html)
        records.append((date, str(data["title"]), path.stem, entities))
    return records


def build_lists(records: list[Record], out: Path) -> int:
    """The index by date (newest first) and a page per entity; the number of entity pages."""
    listing = templates().get_template("list")
    records.sort(key=lambda r: (r[0], r[2]), reverse=True)
    write(out / "index.html", listing.render(title="Benchmark timeline", items=[r[:3] for r in records]))
    by_entity: dict[str, list[tuple[str, str, str]]] = {}
    for date, title, name, entities in records:
        for entity in entities:
            by_entity.setdefault(entity, []).append((date, title, name))
    for entity, items in by_entity.items():
        write(out / "entities" / slug(entity) / "index.html", listing.render(title=entity, items=items))
    return len(by_entity)


def _chunk(args: tuple[list[Path], Path, str]) -> list[Record]:
    return build_events(*args)


def build(events: Path, out: Path, procs: int = 2, engine: str = "reference") -> tuple[int, int]:
    """The whole build; ``(events, entity pages)``. ``procs`` > 1 forks that many workers for the event pages."""
    files = sorted(events.glob("*.md"))
    if procs <= 1:
        records = build_events(files, out, engine)
    else:
        halves = [(files[i * len(files) // procs : (i + 1) * len(files) // procs], out, engine) for i in range(procs)]
        with multiprocessing.get_context("fork").Pool(procs) as pool:
            records = [r for part in pool.map(_chunk, halves) for r in part]
    return len(files), build_lists(records, out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: one cold build."""
    parser = argparse.ArgumentParser(prog="bench/floor.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=Path, help="the folder of event files (content/events)")
    parser.add_argument("out", type=Path, help="the output folder")
    parser.add_argument("--procs", type=int, default=2, help="processes for the event pages (default: 2)")
    parser.add_argument("--engine", choices=("reference", "compiled"), default="reference",
                        help="Markdown engine: markdown-it-py (default) or markdown-it-pyrs")
    args = parser.parse_args(argv)
    if not hasattr(yaml, "CSafeLoader"):
        print("bench/floor.py: PyYAML has no libyaml here (no yaml.CSafeLoader)", file=sys.stderr)
        return 2
    count, entities = build(args.events, args.out, args.procs, args.engine)
    print(f"built {count} event pages, {entities} entity pages and the index into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
