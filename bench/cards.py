"""``python -m bench.cards``: what share cards cost, cold and warm, on the shipped site and a generated one.

Each site is copied twice into a scratch folder, once as it is and once with
``share_cards: false``; each copy is built cold (no output, no cache) and then
warm (the same build again over its output), ``--runs`` times, in a fresh
process each, and the medians are printed as a Markdown table. Not a test: the
machines run other work too, so compare the two columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus

PROJECT = Path(__file__).resolve().parent.parent


def _timed_build(root: Path, output: Path, *, cold: bool) -> float:
    if cold:
        shutil.rmtree(output, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(output)],
                   check=True, capture_output=True, cwd=PROJECT)
    return time.perf_counter() - started


def _copy(source: Path, target: Path, cards: bool) -> Path:
    shutil.copytree(source / "content", target / "content", symlinks=False)
    settings = target / "content/site.yaml"
    kept = [line for line in settings.read_text(encoding="utf-8").splitlines() if not line.startswith("share_cards:")]
    settings.write_text("\n".join([*kept, f"share_cards: {'true' if cards else 'false'}"]) + "\n", encoding="utf-8")
    return target


def measure(name: str, source: Path, runs: int, scratch: Path) -> list[str]:
    """Table rows for one site: cold and warm medians with and without cards."""
    rows = []
    for cards in (True, False):
        root = _copy(source, scratch / f"{name}-{cards}", cards)
        output = root / "output"
        cold, warm = [], []
        for _ in range(runs):
            cold.append(_timed_build(root, output, cold=True))
            warm.append(_timed_build(root, output, cold=False))
        rows.append(f"| {name} | {'on' if cards else 'off'} | {statistics.median(cold):.2f} s | {statistics.median(warm):.2f} s |")
    return rows


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.cards", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=1000, help="events in the generated site (default 1000)")
    args = parser.parse_args()
    generated = corpus.prepare(args.size, 42)
    print("| site | share cards | cold build (median) | warm build (median) |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for name, source in (("shipped (43 events)", PROJECT), (f"generated ({args.size} events)", generated.site)):
            for row in measure(name, source, args.runs, Path(scratch)):
                print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
