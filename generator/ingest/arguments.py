"""The ``import`` and ``new`` subcommands' arguments.

Apart from :mod:`.cli`, which runs them, so that the ``timeline`` command can
list every subcommand without loading the import tools for a build.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..content.dates import DateError, PartialDate, parse_date


def _date(value: str) -> PartialDate:
    try:
        return parse_date(value)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _url(value: str) -> str:
    if not value.lower().startswith(("http://", "https://")) or " " in value.strip():
        raise argparse.ArgumentTypeError(f"expected an http:// or https:// URL, got {value!r}")
    return value.strip()


def seconds(value: str) -> float:
    """A command-line count of seconds: more than 0, at most 600 (a timeout)."""
    try:
        count = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not 0 < count <= 600:
        raise argparse.ArgumentTypeError(f"expected between 0 and 600 seconds, got {value!r}")
    return count


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", type=Path, default=Path("."), help="the site folder, holding content/ (default: .)")
    command.add_argument("--source", help="the source's name (overrides what the page says)")
    command.add_argument("--url", type=_url, help="the source's address (overrides what the page says)")
    force = "overwrite an existing event file; import: also write a page that repeats an event (same source address, or same title and date)"
    command.add_argument("--force", action="store_true", help=force)
    command.add_argument("--dry-run", action="store_true", help="print the event instead of writing it")


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` and ``new`` subcommands."""
    text = "turn article pages (copied text, saved HTML, or an http(s) address) into draft events in content/events/"
    command = commands.add_parser("import", help=text, description=text)
    command.add_argument("paths", nargs="+", metavar="PAGE", help="a page saved as text or HTML, a folder of them, or an http(s):// address")
    command.add_argument("--date", type=_date, help="the event's date, YYYY, YYYY-MM or YYYY-MM-DD (needed when the page has none)")
    command.add_argument("--timeout", type=seconds, default=20.0, help="seconds to wait for a fetched page (default: 20)")
    _common(command)
    text = "start a new draft event with empty text"
    command = commands.add_parser("new", help=text, description=text)
    command.add_argument("title", help="the event's title")
    command.add_argument("--date", type=_date, required=True, help="the event's date, YYYY, YYYY-MM or YYYY-MM-DD")
    command.add_argument("--entity", action="append", default=[], metavar="NAME", help="an entity the event involves (repeatable)")
    _common(command)
