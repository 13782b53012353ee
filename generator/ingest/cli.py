"""``timeline import`` and ``timeline new``: files, messages and exit status (their arguments: :mod:`.arguments`).

One summary line per imported page goes to stdout; a page not imported gets
one line on stderr, ``page: key: why; what to do``, and makes the exit status
1: no date found (and no ``--date``), a duplicate of an existing event, a file
that cannot be read, an address that cannot be fetched. Several pages or a
folder end with a count line: imported, duplicate, needs a date, failed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..content.schema import Source
from ..content.sources import display_path, is_ignored
from ..errors import Problem
from .arguments import add_parsers
from .duplicates import Known, duplicate_of, known_events, normalise_url
from .entities import Matcher, load_matcher
from .fetch import FetchError, fetch
from .importer import Overrides, import_any, summary
from .meta import site_of
from .text import decode
from .writer import Draft, event_path, event_text

__all__ = ["add_parsers", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``import`` or ``new``; the return value is the exit status."""
    matcher, unreadable = load_matcher(args.root)
    if unreadable:
        print(f"warning: {unreadable} entity file(s) could not be read and are not matched (see 'timeline check')", file=sys.stderr)
    if args.command == "new":
        return _new(args, matcher)
    return _import(args, matcher)


class Outcome(str, Enum):
    """What happened to one page of a batch."""

    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    UNDATED = "needs a date"
    FAILED = "failed"


@dataclass(frozen=True)
class _Run:
    """One ``timeline import``: its options, the events it compares with, and what it has written so far."""

    args: argparse.Namespace
    matcher: Matcher
    overrides: Overrides
    known: list[Known]
    written: dict[Path, str] = field(default_factory=dict)


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


# What a browser saves or a copy is pasted into; a folder's other files (answers, notes, pictures) are not pages.
PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")


def _pages(paths: list[str]) -> list[tuple[str, bool]]:
    """Each page to import, with whether it may be read; a folder gives its page files (not dotfiles or editor leftovers), sorted.

    A file named on the command line is read whatever its name; in a folder, only :data:`PAGE_SUFFIXES`, and the
    others are named on stderr so that nothing is skipped without a word.
    """
    pages: list[tuple[str, bool]] = []
    for value in paths:
        path = Path(value)
        if _is_url(value):
            pages.append((value, True))
        elif path.is_dir():
            files = [p for p in sorted(path.iterdir()) if p.is_file() and not is_ignored(p.name)]
            pages += [(p.as_posix(), True) for p in files if p.suffix.lower() in PAGE_SUFFIXES]
            others = [p.name for p in files if p.suffix.lower() not in PAGE_SUFFIXES]
            if others:
                shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
                print(f"{path.as_posix()}: skipped {len(others)} file(s) that are not pages: {shown} (pages end in {', '.join(PAGE_SUFFIXES)})",
                      file=sys.stderr)
        else:
            pages.append((path.as_posix(), path.is_file()))
    return pages


def _import(args: argparse.Namespace, matcher: Matcher) -> int:
    run = _Run(args, matcher, Overrides(args.date, args.source, args.url), list(known_events(args.root)))
    pages = _pages(args.paths)
    counts = dict.fromkeys(Outcome, 0)
    for page, exists in pages:
        outcome = _import_one(page, run) if exists else _fail(page, "read", "no such file or folder; check the path")
        counts[outcome] += 1
    if len(pages) > 1 or any(Path(p).is_dir() for p in args.paths if not _is_url(p)):
        print(f"{len(pages)} page{'s' if len(pages) != 1 else ''}: " + ", ".join(f"{counts[o]} {o.value}" for o in Outcome))
    return 0 if counts[Outcome.IMPORTED] == len(pages) else 1


def _fail(page: str, key: str, message: str, outcome: Outcome = Outcome.FAILED) -> Outcome:
    print(Problem(page, None, key, message).format(), file=sys.stderr)
    return outcome


def _read(page: str, run: _Run) -> tuple[str, str | None] | Outcome:
    """The page's text and the address it came from, or the outcome after saying on stderr why it cannot be had."""
    if _is_url(page):
        try:
            fetched = fetch(page, timeout=run.args.timeout)
        except FetchError as exc:
            return _fail(page, "fetch", str(exc))
        return fetched.text, fetched.url
    try:
        raw = Path(page).read_bytes()
    except OSError as exc:
        return _fail(page, "read", f"cannot read: {exc.strerror or exc}")
    text, reason = decode(raw)
    if text is None:
        return _fail(page, "read", f"{reason or 'cannot decode'}; save the page again as text or HTML")
    return text, None


def _import_one(page: str, run: _Run) -> Outcome:
    args = run.args
    read = _read(page, run)
    if isinstance(read, Outcome):
        return read
    text, base = read
    imported = import_any(text, run.matcher, run.overrides, base)
    draft = imported.draft
    if draft is None:
        return _fail(page, "article", "no headline or article text found; nothing imported (is this an article page?)")
    line = summary(imported, run.overrides)
    if args.dry_run:
        print(event_text(draft), end="")
    if draft.date is None:
        note = f" ({imported.page.date_note})" if imported.page.date_note else ""
        return _fail(page, "date", f"no publication date found{note}; nothing written: pass --date YYYY-MM-DD", Outcome.UNDATED)
    url = draft.sources[0].url if draft.sources else None
    same = None if args.force else duplicate_of(run.known, url, draft.title, draft.date.iso())
    if same is not None:
        event, why = same
        return _fail(page, "duplicate", f"{why} as {event.path}; nothing written (use --force to import it anyway)", Outcome.DUPLICATE)
    target = event_path(args.root, draft.date, draft.title)
    shown = display_path(args.root, target)
    if args.dry_run:
        print(f"{page} -> {shown} (dry run): {line}")
        return Outcome.IMPORTED
    if target in run.written:
        return _fail(page, "exists", f"{shown} was just written from {run.written[target]}; not overwritten")
    if target.exists() and not args.force:
        return _fail(page, "exists", f"{shown} already exists; not overwritten (use --force to replace it)")
    if not _write(page, target, event_text(draft)):
        return Outcome.FAILED
    run.written[target] = page
    run.known.append(Known(shown, draft.title, draft.date.iso(), frozenset({normalise_url(url)} if url else ())))
    print(f"{page} -> {shown}: {line}")
    return Outcome.IMPORTED


def _write(page: str, target: Path, text: str) -> bool:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        _fail(page, "write", f"cannot write {target.as_posix()}: {exc.strerror or exc}")
        return False
    return True


def _entities(names: list[str], matcher: Matcher) -> tuple[str, ...]:
    """Canonical names for ``--entity`` values; an unknown one is kept as written, with a warning."""
    entities: list[str] = []
    for name in names:
        canonical = matcher.canonical(name)
        if canonical is None:
            hint = matcher.suggest(name)
            maybe = f" (did you mean {hint!r}?)" if hint else ""
            print(f"warning: unknown entity {name!r}{maybe}; kept as written", file=sys.stderr)
        if (canonical or name) not in entities:
            entities.append(canonical or name)
    return tuple(entities)


def _new(args: argparse.Namespace, matcher: Matcher) -> int:
    sources = (Source(args.source, args.url),) if args.source else ()
    if args.url and not args.source:
        sources = (Source(site_of(args.url), args.url),)
    draft = Draft(" ".join(args.title.split()), args.date, _entities(args.entity, matcher), sources)
    if not draft.title:
        print("timeline new: the title must not be empty", file=sys.stderr)
        return 1
    target = event_path(args.root, args.date, draft.title)
    shown = display_path(args.root, target)
    if args.dry_run:
        print(event_text(draft), end="")
        return 0
    if target.exists() and not args.force:
        print(f"{shown}: already exists; not overwritten (use --force to replace it)", file=sys.stderr)
        return 1
    if not _write(shown, target, event_text(draft)):
        return 1
    print(f"created {shown}")
    return 0
