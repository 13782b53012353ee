"""What runs inside a measured child process: the in-process edit loop and the profiled build.

``python -m bench.child edit SITE OUT --runs N`` serves the site as
``timeline serve`` would, then N+1 times saves one event with a new paragraph
and times it to the reload signal (the first is a warm-up); it prints one JSON
line. ``python -m bench.child profile SITE OUT FOLDER --top K`` runs one cold
build under cProfile, in this process and in each worker it forks (their
profiles go to FOLDER), and prints per-phase and top-function tables.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.build.pipeline import BuildResult


def _check(result: BuildResult, what: str) -> None:
    if not result.ok:
        problems = "\n".join(p.format() for p in result.problems)
        raise SystemExit(f"{what} failed:\n{problems}")


def edit(site: Path, output: Path, runs: int) -> dict[str, object]:
    """The preview path, timed: save one event, then wait for the server's reload signal.

    A real watcher and the server's build loop run as under ``timeline serve``;
    the time runs from the write to the new snapshot being published (what the
    browser's reload stream waits for), debounce included.
    """
    import threading

    from generator.build.pipeline import Builder
    from generator.preview.serve import QUIET, rebuild
    from generator.preview.state import PreviewState
    from generator.preview.watch import Changes, start_watching

    started = time.perf_counter()
    builder, state, changes = Builder(site), PreviewState(), Changes()
    rebuild(builder, state, set(), lambda line: None)
    first = time.perf_counter() - started
    rebuilds: list[float] = []

    def report(line: str) -> None:
        # rebuild() says how long the build took to send the reload: the rebuild alone, without watcher and debounce
        found = re.search(r"reload sent after (\d+) ms", line)
        if found:
            rebuilds.append(int(found.group(1)) / 1000)

    observer = start_watching([site / "content"], changes)
    stop, idle = threading.Event(), threading.Event()
    idle.set()

    def loop() -> None:
        while not stop.is_set():
            changed = changes.wait(quiet=QUIET, timeout=0.2)
            if changed:
                idle.clear()
                rebuild(builder, state, changed, report)
                idle.set()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    events = sorted((site / "content" / "events").glob("*.md"))
    target = events[len(events) // 2]
    original = target.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        for index in range(runs + 1):
            version = state.snapshot.version
            started = time.perf_counter()
            target.write_text(original.rstrip("\n") + f"\n\nEdited for the benchmark, round {index}: one *new* paragraph.\n", encoding="utf-8")
            if state.wait_newer(version, 60) is None:
                raise SystemExit("no reload signal within 60 s")
            elapsed = time.perf_counter() - started
            time.sleep(QUIET * 3)
            idle.wait(60)  # the late feeds and exports finish before the next save
            if index:
                times.append(elapsed)
            else:
                rebuilds.clear()
    finally:
        stop.set()
        observer.stop()
        target.write_text(original, encoding="utf-8")
    return {"first_build": first, "times": times, "rebuilds": rebuilds, "quick": builder.quick, "edited": target.name}


def profile(site: Path, output: Path, folder: Path, top: int) -> str:
    """One cold build under cProfile, in this process and in every worker it forks; per-phase and top-function tables, Markdown."""
    from . import profiling

    started = time.perf_counter()
    from generator.build.pipeline import build

    imported = time.perf_counter() - started
    from generator import pool

    # the generator's own hook: each forked worker profiles itself and saves after every chunk of work, no signals involved
    folder.mkdir(parents=True, exist_ok=True)
    os.environ[pool.PROFILE_VARIABLE] = str(folder)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    try:
        result = build(site, output=output)
    finally:
        profiler.disable()
        del os.environ[pool.PROFILE_VARIABLE]
    elapsed = time.perf_counter() - started
    _check(result, "profiled build")
    parent = profiling.raw(pstats.Stats(profiler))
    dumps = sorted([*folder.glob("convert-*.prof"), *folder.glob("render-*.prof")])
    merged = profiling.load(dumps)
    workers = profiling.raw(merged) if merged is not None else None
    lines = [
        f"One cold build of {result.events} events ({result.files} files) took {elapsed:.2f} s under the profiler "
        f"(importing the generator took {imported:.2f} s before it, not profiled); {len(dumps)} worker process(es) profiled. "
        "Own time per phase (cProfile slows Python code down unevenly: compare the shares, not the seconds with a timed build):",
        "",
        *profiling.phase_table(parent, workers, len(dumps)),
        "",
        f"Parent process, top {top} functions by own time:",
        "",
        *profiling.top_table(parent, top),
    ]
    if workers:
        lines += ["", f"Worker processes (summed), top {top} functions by own time:", "", *profiling.top_table(workers, top)]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the child process."""
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    commands = parser.add_subparsers(dest="command", required=True)
    edit_cmd = commands.add_parser("edit")
    edit_cmd.add_argument("site", type=Path)
    edit_cmd.add_argument("output", type=Path)
    edit_cmd.add_argument("--runs", type=int, default=5)
    profile_cmd = commands.add_parser("profile")
    profile_cmd.add_argument("site", type=Path)
    profile_cmd.add_argument("output", type=Path)
    profile_cmd.add_argument("folder", type=Path, help="where the workers' profiles go")
    profile_cmd.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    if args.command == "edit":
        print(json.dumps(edit(args.site, args.output, args.runs)))
    else:
        sys.stdout.write(profile(args.site, args.output, args.folder, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
