"""``timeline import`` and ``timeline new``: files, messages and exit status (their arguments: :mod:`.arguments`).

One summary line per page goes to stdout; problems go to stderr as
``path: message``, and any of them makes the exit status 1. A page without a
date is not a failure: nothing is written and its summary says to pass --date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.schema import Source
from ..content.sources import display_path, is_ignored
from .arguments import add_parsers
from .entities import Matcher, load_matcher
from .importer import Overrides, import_text, summary
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


def _pages(paths: list[Path]) -> list[tuple[Path, bool]]:
    """Each page to import, with whether it exists; a folder gives its files (not dotfiles or editor leftovers), sorted."""
    pages: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            pages += [(p, True) for p in sorted(path.iterdir()) if p.is_file() and not is_ignored(p.name)]
        else:
            pages.append((path, path.is_file()))
    return pages


def _import(args: argparse.Namespace, matcher: Matcher) -> int:
    overrides = Overrides(args.date, args.source, args.url)
    written: dict[Path, Path] = {}
    failed = False
    for path, exists in _pages(args.paths):
        ok = _import_one(path, args, matcher, overrides, written) if exists else _fail(path, "no such file or folder")
        failed = failed or not ok
    return 1 if failed else 0


def _fail(path: Path, message: str) -> bool:
    print(f"{path.as_posix()}: {message}", file=sys.stderr)
    return False


def _read(path: Path) -> str | None:
    """The page's text, or ``None`` after saying on stderr why it cannot be had."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _fail(path, f"cannot read: {exc.strerror or exc}")
        return None
    text, reason = decode(raw)
    if text is None:
        _fail(path, reason or "cannot decode")
    return text


def _import_one(path: Path, args: argparse.Namespace, matcher: Matcher, overrides: Overrides, written: dict[Path, Path]) -> bool:
    display = path.as_posix()
    text = _read(path)
    if text is None:
        return False
    imported = import_text(text, matcher, overrides)
    draft = imported.draft
    if draft is None:
        return _fail(path, "no headline or article text found; nothing imported")
    line = summary(imported, overrides)
    if draft.date is None:
        if args.dry_run:
            print(event_text(draft), end="")
        print(f"{display} -> not written: {line}")
        return True
    target = event_path(args.root, draft.date, draft.title)
    shown = display_path(args.root, target)
    if args.dry_run:
        print(event_text(draft), end="")
        print(f"{display} -> {shown} (dry run): {line}")
        return True
    if target in written:
        return _fail(path, f"{shown} was just written from {written[target].as_posix()}; not overwritten")
    if target.exists() and not args.force:
        return _fail(path, f"{shown} already exists; not overwritten (use --force to replace it)")
    if not _write(path, target, event_text(draft)):
        return False
    written[target] = path
    print(f"{display} -> {shown}: {line}")
    return True


def _write(page: Path, target: Path, text: str) -> bool:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        return _fail(page, f"cannot write {target.as_posix()}: {exc.strerror or exc}")
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
    if not _write(Path(shown), target, event_text(draft)):
        return 1
    print(f"created {shown}")
    return 0
