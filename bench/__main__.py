"""``python -m bench``: time our builds against Hugo, Eleventy and a plain Python pipeline on the shared corpus, print a Markdown report.

Examples::

    python -m bench                                  # 1000 and 4000 events, 5 runs, peers if installed
    python -m bench --sizes 1000,4000,20000 --runs 7 --json bench-results.json
    python -m bench --sizes 30 --runs 1 --no-peers   # a quick smoke run
    python -m bench --profile --sizes 4000           # cProfile of one cold build instead of timing
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import corpus, report, runners
from .report import LABELS, OURS_COLD, OURS_WARM, SizeFigures


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,4000, got {text!r}") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError(f"expected positive sizes, got {text!r}")
    return sizes


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=_sizes, default=[1000, 4000], help="corpus sizes, comma-separated (default: 1000,4000)")
    p.add_argument("--runs", type=_positive, default=5, help="counted runs per tool and size, after one warm-up (default: 5)")
    p.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True, help="also time the peers when installed (default: yes)")
    p.add_argument("--seed", type=int, default=42, help="corpus seed for make_corpus.py (default: 42)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the raw figures as JSON")
    p.add_argument("--profile", action="store_true", help="instead of timing, run one cold build per size under cProfile and print the top functions")
    p.add_argument("--top", type=_positive, default=25, help="functions shown by --profile (default: 25)")
    p.add_argument("--shared", type=Path, help=f"the shared benchmark folder (default: ${corpus.SHARED_ENV}, else ../shared/bench)")
    p.add_argument("--cache", type=Path, default=corpus.DEFAULT_CACHE, help="corpus cache folder (default: bench/.corpora)")
    p.add_argument("--out-root", type=Path, help="where builds write (default: <cache>/runs; e.g. /dev/shm/bench for tmpfs)")
    p.add_argument("--snapshot", action=argparse.BooleanOptionalAction, default=True,
                   help="build with a copy of generator/ and themes/ taken at the start, so edits made meanwhile cannot mix in (default: yes)")
    p.add_argument("--keep", action="store_true", help="keep the run folders (outputs, warm caches) afterwards")
    return p


def log(message: str) -> None:
    """Progress, on stderr (stdout is the report)."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _log_size(size: int, message: str) -> None:
    log(f"{size} events, {message}")


def _git_state() -> str:
    """The commit the generator is at, and whether generator/ or themes/ have uncommitted changes."""
    def git(*args: str) -> str:
        run = subprocess.run(["git", "-C", str(corpus.PROJECT), *args], capture_output=True, text=True, check=False)
        return run.stdout.strip() if run.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD")
    if not head:
        return "not a git checkout"
    changed = git("status", "--porcelain", "--", "generator", "themes", "pyproject.toml").splitlines()
    return f"git {head}" + (f" + {len(changed)} uncommitted change(s) under generator/, themes/, pyproject.toml" if changed else ", clean")


def _meta(args: argparse.Namespace, shared: Path, out_root: Path, peers: dict[str, runners.PeerInfo], generator: str) -> dict[str, Any]:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    meta: dict[str, Any] = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, load average {load} at start",
        "generator": generator,
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "method": (
            f"{args.runs} counted runs per tool after 1 warm-up, interleaved tool by tool; each build is a fresh process "
            "(wall clock around it; peak RSS and CPU from wait4); cold = new empty output folder and caches removed; "
            "warm = the same build again over the previous output with caches kept; "
            "edit = under the preview server: from saving one event to the reload signal (watcher, debounce and rebuild)"
        ),
        "corpus": f"make_corpus.py from {shared}, seed {args.seed}, converted to content/ (cache {args.cache})",
        "output folder": str(out_root),
        "our command": "python -m generator build --root SITE --output OUT",
    }
    for key, info in peers.items():
        meta[f"{LABELS[key]} command (peer_cmds.sh cold_{key})"] = f"`{info.command}`" if info.installed else f"not installed ({info.missing})"
    return meta


def _size_figures(c: corpus.Corpus, args: argparse.Namespace, shared: Path, out_root: Path,
                  peers: dict[str, runners.PeerInfo], pythonpath: str) -> SizeFigures:
    """Measure one corpus size; a failed phase becomes a note instead of losing the other figures."""
    work = out_root / c.folder.name
    work.mkdir(parents=True, exist_ok=True)
    subjects: list[runners.Subject] = [
        runners.OursCold(OURS_COLD, "ours cold", root=c.site, work=work, pythonpath=pythonpath),
        runners.OursWarm(OURS_WARM, "ours warm", source=c.site, work=work, pythonpath=pythonpath),
    ]
    for key, info in peers.items():
        if info.installed:
            corpus.link_peer_sites(c, shared, (key,))
            subjects.append(runners.Peer(key, LABELS[key], command=info.command, cwd=c.peer_dir(key), outroot=out_root / "peers"))
    figures = SizeFigures(c.size, {}, peers)
    try:
        log(f"{c.size} events: {', '.join(s.label for s in subjects)}, {args.runs} runs each after a warm-up")
        figures.runs = runners.measure(subjects, args.runs, functools.partial(_log_size, c.size))
        figures.pages = {s.key: s.pages for s in subjects}
    except runners.RunError as exc:
        log(str(exc))
        figures.notes.append(f"{c.size} events: timing runs FAILED: {exc.args[0].splitlines()[0]} (see stderr)")
    try:
        log(f"{c.size} events: one-event edit, {args.runs} in-process builds after a warm-up")
        figures.edit = runners.measure_edit(c, work, args.runs, pythonpath)
    except runners.RunError as exc:
        log(str(exc))
        figures.notes.append(f"{c.size} events: one-event edit FAILED: {exc.args[0].splitlines()[0]} (see stderr)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit status (1 when a build failed)."""
    args = parser().parse_args(argv)
    try:
        shared = corpus.shared_bench(args.shared)
    except corpus.CorpusError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    out_root = (args.out_root or args.cache / "runs").absolute()
    args.cache = args.cache.absolute()
    try:
        corpora = [corpus.prepare(size, args.seed, shared, args.cache) for size in args.sizes]
    except corpus.CorpusError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    git_state = _git_state()
    snapshot = runners.snapshot_generator(out_root / "generator-snapshot") if args.snapshot else None
    pythonpath = runners.python_path(snapshot)
    try:
        if args.profile:
            return _profile(corpora, args, out_root, pythonpath)
        peers = runners.peer_infos(shared, out_root / "peers") if args.peers else {}
        install_hint = f"bash {os.path.relpath(shared / 'install_peers.sh', corpus.PROJECT)}"
        for key, info in peers.items():
            if not info.installed:
                log(f"{LABELS[key]}: not installed ({info.missing}); install with `{install_hint}`")
        figures = [_size_figures(c, args, shared, out_root, peers, pythonpath) for c in corpora]
    finally:
        if not args.keep:
            for leftover in ("peers", "generator-snapshot"):
                shutil.rmtree(out_root / leftover, ignore_errors=True)
            with contextlib.suppress(OSError):
                out_root.rmdir()
    meta = _meta(args, shared, out_root, peers, git_state + (" (copied at the start; every build runs that copy)" if snapshot else " (run in place)"))
    meta["load average at the end"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    sys.stdout.write(report.markdown(figures, meta, install_hint))
    if args.json:
        report.write_json(args.json, figures, meta)
        log(f"raw figures written to {args.json}")
    return 1 if any(f.notes for f in figures) else 0


def _profile(corpora: Sequence[corpus.Corpus], args: argparse.Namespace, out_root: Path, pythonpath: str) -> int:
    """``--profile``: one cold build per size under cProfile, printed."""
    status = 0
    for c in corpora:
        work = out_root / c.folder.name
        log(f"profiling one cold build of {c.size} events")
        try:
            text = runners.profile(c, work, args.top, pythonpath)
        except runners.RunError as exc:
            print(f"bench: {exc}", file=sys.stderr)
            status = 1
            continue
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        print(f"### cProfile, {c.size} events, top {args.top} by cumulative time\n\n```")
        print(text.rstrip("\n"))
        print("```\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
