"""``python -m generator.ingest.evaluate DIR``: how well import reads pages it has answers for.

Each page ``NAME.txt`` or ``NAME.html`` in DIR has ``NAME.expected.yaml``
beside it (title, date, source, url, summary, entities, first_sentence,
last_sentence, must_not_appear). The command imports every page as
``timeline import`` would, with the entities of the site at ``--root``, and
prints the share right for each field, then every miss. It always exits 0 when
it could read the folder: a score is a report, not a verdict.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .entities import Matcher, load_matcher
from .importer import Imported, import_any
from .text import clean, decode, key

FIELDS = ("title", "date", "source", "url", "summary", "first_sentence", "last_sentence")


@dataclass(frozen=True, slots=True)
class Score:
    """One page's answers against the expected ones."""

    name: str
    right: dict[str, bool]
    misses: tuple[str, ...]
    entities_expected: int
    entities_found: int
    entities_right: int
    leaked: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over the pages."""

    pages: int
    right: dict[str, int]
    expected: int  # entities the answers list
    found: int  # entities import found
    correct: int  # entities in both
    boilerplate: int  # lines that must not appear
    leaked: int  # of those, lines that reached a body

    @classmethod
    def of(cls, scores: Sequence[Score], boilerplate: int) -> Totals:
        """Add up the pages' scores."""
        return cls(
            pages=len(scores),
            right={name: sum(s.right[name] for s in scores) for name in FIELDS},
            expected=sum(s.entities_expected for s in scores),
            found=sum(s.entities_found for s in scores),
            correct=sum(s.entities_right for s in scores),
            boilerplate=boilerplate,
            leaked=sum(len(s.leaked) for s in scores),
        )


def same(a: str | None, b: str | None) -> bool:
    """Equal after whitespace, quote and dash differences (and case for names)."""
    if a is None or b is None:
        return a is b
    return key(clean(a)) == key(clean(b))


def score(name: str, imported: Imported, expected: dict[str, object]) -> Score:
    """Compare one import with its expected answers."""
    page, draft = imported.page, imported.draft
    paragraphs = [key(clean(p)) for p in (draft.paragraphs if draft else ())]
    body = " ".join(paragraphs)
    got: dict[str, str | None] = {
        "title": page.title,
        "date": draft.date.iso() if draft and draft.date else None,
        "source": page.source,
        "url": page.url,
        "summary": page.standfirst,
    }
    right = {f: same(got[f], _str(expected.get(f))) if f != "source" else _same_name(got[f], _str(expected.get(f))) for f in got}
    first, last = key(clean(str(expected["first_sentence"]))), key(clean(str(expected["last_sentence"])))
    right["first_sentence"] = bool(paragraphs) and paragraphs[0].startswith(first)
    right["last_sentence"] = bool(paragraphs) and paragraphs[-1].endswith(last)
    got["first_sentence"] = paragraphs[0][: len(first) + 20] if paragraphs else None
    got["last_sentence"] = paragraphs[-1][-len(last) - 20 :] if paragraphs else None
    misses = tuple(f"{name}: {f}: expected {_str(expected.get(f))!r}, got {got[f]!r}" for f in FIELDS if not right[f])
    wanted = [str(e) for e in _list(expected.get("entities"))]
    found = list(draft.entities) if draft else []
    entity_misses = [f"{name}: entities: missed {e!r}" for e in wanted if e not in found]
    entity_misses += [f"{name}: entities: extra {e!r}" for e in found if e not in wanted]
    leaked = tuple(str(line) for line in _list(expected.get("must_not_appear")) if key(clean(str(line))) in body)
    leak_misses = [f"{name}: boilerplate in body: {line!r}" for line in leaked]
    return Score(name, right, misses + tuple(entity_misses + leak_misses), len(wanted), len(found), len(set(wanted) & set(found)), leaked)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _same_name(a: str | None, b: str | None) -> bool:
    return same(a.casefold() if a else a, b.casefold() if b else b)


def pages(folder: Path) -> list[Path]:
    """The pages in ``folder`` that have an expected answer, sorted."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".htm") and p.with_suffix(".expected.yaml").is_file())


def evaluate(folder: Path, matcher: Matcher) -> tuple[Totals, list[Score]]:
    """Import and score every page in ``folder``."""
    scores: list[Score] = []
    boilerplate = 0
    for path in pages(folder):
        expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8")) or {}
        text, _ = decode(path.read_bytes())
        scores.append(score(path.name, import_any(text or "", matcher), expected))
        boilerplate += len(_list(expected.get("must_not_appear")))
    return Totals.of(scores, boilerplate), scores


def report(folder: Path, totals: Totals, scores: Sequence[Score]) -> str:
    """The table, then each miss."""
    rows = [f"evaluation of {totals.pages} pages in {folder.as_posix()}", f"{'field':<26}{'right':>7}{'of':>5}{'share':>9}"]
    for name in FIELDS:
        rows.append(f"{name:<26}{totals.right[name]:>7}{totals.pages:>5}{_share(totals.right[name], totals.pages):>9}")
    rows.append(f"{'entities recall':<26}{totals.correct:>7}{totals.expected:>5}{_ratio(totals.correct, totals.expected):>9}")
    rows.append(f"{'entities precision':<26}{totals.correct:>7}{totals.found:>5}{_ratio(totals.correct, totals.found):>9}")
    rows.append(f"{'boilerplate lines leaked':<26}{totals.leaked:>7}{totals.boilerplate:>5}")
    misses = [miss for s in scores for miss in s.misses]
    rows += ["", f"misses ({len(misses)}):", *("  " + miss for miss in misses)] if misses else ["", "misses: none"]
    return "\n".join(rows) + "\n"


def markdown(folder: Path, totals: Totals, scores: Sequence[Score]) -> str:
    """The same report as a Markdown table and a list of misses, for notes and pull requests."""
    rows = [f"Evaluation of {totals.pages} pages in `{folder.as_posix()}`", "", "| field | right | of | share |", "|---|---:|---:|---:|"]
    rows += [f"| {name} | {totals.right[name]} | {totals.pages} | {_share(totals.right[name], totals.pages)} |" for name in FIELDS]
    rows.append(f"| entities recall | {totals.correct} | {totals.expected} | {_ratio(totals.correct, totals.expected)} |")
    rows.append(f"| entities precision | {totals.correct} | {totals.found} | {_ratio(totals.correct, totals.found)} |")
    rows.append(f"| boilerplate lines leaked | {totals.leaked} | {totals.boilerplate} | |")
    misses = [miss for s in scores for miss in s.misses]
    rows += ["", f"Misses ({len(misses)}):", "", *("- " + miss.replace("|", "\\|") for miss in misses)] if misses else ["", "Misses: none"]
    return "\n".join(rows) + "\n"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; 0 when the folder was read, 2 for a bad command line."""
    parser = argparse.ArgumentParser(prog="python -m generator.ingest.evaluate", description="score import against pages with expected answers")
    parser.add_argument("folder", type=Path, metavar="DIR", help="a folder of NAME.txt|NAME.html pages, each with NAME.expected.yaml")
    parser.add_argument("--root", type=Path, default=Path("."), help="the site whose content/entities are matched (default: .)")
    parser.add_argument("--markdown", action="store_true", help="print the table and the misses as Markdown")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder.as_posix()}: not a folder", file=sys.stderr)
        return 2
    matcher, _ = load_matcher(args.root)
    totals, scores = evaluate(args.folder, matcher)
    sys.stdout.write((markdown if args.markdown else report)(args.folder, totals, scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
