"""``python -m bench.cards``: what share cards cost, cold and warm, on the shipped site and a generated one.

Each site is copied twice into a scratch folder, once with ``share_cards:
true`` and once with ``share_cards: false``. Four subjects run in the
harness's interleaved, rotating rounds (one untimed warm-up round first),
each build a fresh ``python -m generator build`` process: cold with cards,
cold without (no output, no cache), and warm with and without (the same build
again over its own output). Printed as Markdown: medians of wall time and of
CPU time (user + system, the build and its workers), and the cold build's
cost of cards paired within each round (with / without, and the difference),
so a machine whose speed drifts moves both sides together. Not a test: the
machines run other work too, so compare within one run, not across runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from . import corpus, runners
from .harness import Hooks, Rounds, Spread, measure, ratio
from .runners import OursCold, OursWarm, python_path

PROJECT = Path(__file__).resolve().parent.parent
SUBJECTS = (("cold", True), ("cold", False), ("warm", True), ("warm", False))


def _copy(source: Path, target: Path, cards: bool) -> Path:
    shutil.copytree(source / "content", target / "content", symlinks=False)
    settings = target / "content/site.yaml"
    kept = [line for line in settings.read_text(encoding="utf-8").splitlines() if not line.startswith("share_cards:")]
    settings.write_text("\n".join([*kept, f"share_cards: {'true' if cards else 'false'}"]) + "\n", encoding="utf-8")
    return target


def _key(kind: str, cards: bool) -> str:
    return f"{kind}-{'on' if cards else 'off'}"


def measure_site(source: Path, runs: int, scratch: Path, log: bool = True) -> Rounds:
    """The four subjects' rounds for one site."""
    pythonpath = python_path()
    subjects: list[OursCold | OursWarm] = []
    for kind, cards in SUBJECTS:
        key = _key(kind, cards)
        root = _copy(source, scratch / f"{key}-site", cards)
        if kind == "cold":
            subjects.append(OursCold(key, key, root, scratch / f"{key}-out", pythonpath))
        else:
            subjects.append(OursWarm(key, key, root, scratch / f"{key}-work", pythonpath))
    hooks = Hooks(log=lambda message: print(f"[bench.cards] {message}", file=sys.stderr, flush=True)) if log else Hooks()
    return measure(subjects, runs, hooks)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def rows(name: str, result: Rounds) -> list[str]:
    """Table rows for one site: wall and CPU medians per subject, then the paired cost of cards on a cold build."""
    lines = []
    for kind, cards in SUBJECTS:
        runs = result.runs(_key(kind, cards))
        lines.append(f"| {name} | {kind} | {'on' if cards else 'off'} | {_median([r.wall for r in runs])} "
                     f"| {_median([r.user + r.sys for r in runs])} |")
    paired: Spread | None = ratio(result, "cold-on", "cold-off")
    extra = [r["cold-on"].wall - r["cold-off"].wall for r in result.rounds]
    extra_cpu = [(r["cold-on"].user + r["cold-on"].sys) - (r["cold-off"].user + r["cold-off"].sys) for r in result.rounds]
    if paired is not None:
        lines.append(f"| {name} | cold, on / off (paired) | | {paired.median:.2f} ({paired.low:.2f}–{paired.high:.2f}) | |")
        lines.append(f"| {name} | cold, on − off (paired) | | {_median(extra)} | {_median(extra_cpu)} |")
    return lines


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.cards", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="timed rounds after the warm-up round (default 3)")
    parser.add_argument("--size", type=int, default=1000, help="events in the generated site (default 1000)")
    parser.add_argument("--cache", type=Path, default=corpus.DEFAULT_CACHE, help="where generated corpora are kept")
    parser.add_argument("--shipped", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure the shipped site (default: yes)")
    args = parser.parse_args()
    runners.start_launcher()  # before the corpus is generated: the builds' peak RSS must not include this process's
    generated = corpus.prepare(args.size, 42, args.cache)
    sites = [("shipped", PROJECT)] if args.shipped else []
    sites.append((f"generated ({args.size} events)", generated.site))
    print("| site | build | share cards | wall time, median (range) | CPU time, median (range) |\n|---|---|---|---|---|")
    for name, source in sites:
        with tempfile.TemporaryDirectory() as scratch:
            for row in rows(name, measure_site(source, args.runs, Path(scratch))):
                print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
