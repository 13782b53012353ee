"""Helpers for the import tests: tiny registries in temporary sites, and the CLI run in-process."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.content.frontmatter import read_document
from generator.content.schema import EventRecord, read_event, slugify
from generator.ingest.cli import add_parsers, run
from generator.ingest.entities import Matcher

FIXTURES = Path(__file__).resolve().parent
PROJECT = FIXTURES.parents[2]
SEEDS = PROJECT / "seeds"


def registry() -> list[dict[str, Any]]:
    """The seed registry: every entity of the timeline with its aliases."""
    entries: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "registry.yaml").read_text(encoding="utf-8"))
    return entries


def write_entities(root: Path, entities: Iterable[Mapping[str, Any]]) -> Path:
    """Write one entity file per ``{name, kind, aliases}`` under ``root/content/entities``; return ``root``."""
    folder = root / "content" / "entities"
    folder.mkdir(parents=True, exist_ok=True)
    for entity in entities:
        data = {"name": entity["name"], "kind": entity.get("kind", "company"), "aliases": list(entity.get("aliases", []))}
        text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\nAn entity.\n"
        (folder / f"{slugify(entity['name'])}.md").write_text(text, encoding="utf-8")
    return root


def matcher(entities: Iterable[tuple[str, Sequence[str]]]) -> Matcher:
    """A matcher from ``(name, aliases)`` pairs."""
    return Matcher.build(entities)


def seed_matcher() -> Matcher:
    """The matcher for the seed registry."""
    return Matcher.build((e["name"], e.get("aliases") or []) for e in registry())


def parser() -> argparse.ArgumentParser:
    """A ``timeline`` parser with just the import commands, as the real CLI wires them."""
    result = argparse.ArgumentParser(prog="timeline")
    add_parsers(result.add_subparsers(dest="command", required=True))
    return result


def cli(*args: str | Path) -> int:
    """Run ``timeline <args>`` in-process; the exit status."""
    return run(parser().parse_args([str(a) for a in args]))


def read_back(file: Path) -> EventRecord:
    """Read a written event with the project's own reader; fail on any problem."""
    document, problems = read_document(file, file.name)
    assert document is not None and not problems, [p.format() for p in problems]
    record, problems = read_event(document, file.stem)
    assert record is not None and not problems, [p.format() for p in problems]
    return record
