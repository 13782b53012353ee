"""Running the builds: each one in a fresh child process, timed by wall clock, measured by the OS.

Wall time is a monotonic clock around the child, from start to reaping; user
and system time and peak RSS come from ``os.wait4``, the kernel's accounting of
that one reaped child (peak RSS is of the largest single process, in KiB).

The subjects:

- :class:`OursCold` — ``python -m generator build`` into a fresh, empty output
  folder, with anything a previous build left beside ``content/`` removed and a
  fresh ``XDG_CACHE_HOME``, so no cache survives from run to run.
- :class:`OursWarm` — the same command over the previous build's output, with
  everything it left (output, caches) kept: a no-change rebuild.
- :class:`Peer` — Hugo, Eleventy, or the plain Python pipeline on our own
  libraries (``python_floor.py``, two processes: the floor a Python build
  starts from), with the command line the shared ``peer_cmds.sh`` defines
  (``cold_hugo``, ``cold_eleventy``, ``cold_py2``): a fresh output folder per
  run under ``$OUTROOT``, removed after the run.

Runs are interleaved (A B C A B C ...) after one warm-up run of each.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import PROJECT, Corpus

PEERS = ("hugo", "eleventy", "py2")
PEER_LABELS = {"hugo": "Hugo", "eleventy": "Eleventy", "py2": "Python pipeline (2 processes)"}
KEEP_IN_ROOT = frozenset({"content", "themes"})
"""What a cold run keeps in the site root; anything else there is taken for a build cache and removed."""


class RunError(Exception):
    """A build failed (non-zero exit); the message has the end of its stderr."""


@dataclass(frozen=True, slots=True)
class Run:
    """One measured child process."""

    wall: float
    user: float
    sys: float
    maxrss_kib: int


def spawn(argv: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None, *, what: str = "") -> tuple[Run, str]:
    """Run ``argv`` in a fresh child, wait for it with ``wait4``; ``(Run, stdout)``. Raises :class:`RunError` on failure."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=dict(env) if env is not None else None, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        tail = "\n".join((stderr or stdout).splitlines()[-20:])
        raise RunError(f"{what or argv[0]} failed with exit status {proc.returncode} (in {cwd}):\n{tail}")
    return Run(wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss), stdout


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def count_pages(folder: Path) -> int:
    """The number of ``.html`` files under ``folder``."""
    return sum(1 for _, _, names in os.walk(folder) for name in names if name.endswith(".html"))


def snapshot_generator(target: Path) -> Path:
    """Copy ``generator/`` and ``themes/`` into ``target`` and return it, for :func:`python_path`.

    The generator may be edited while a benchmark runs; every build then runs
    the code as it was at the start, not a mix of two versions.
    """
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("generator", "themes"):
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, target / name, ignore=ignore)
    return target


def python_path(snapshot: Path | None = None) -> str:
    """``PYTHONPATH`` for the children: the generator snapshot (if any), then the project root, then the inherited one."""
    parts = [str(snapshot)] if snapshot else []
    parts.append(str(PROJECT))
    if os.environ.get("PYTHONPATH"):
        parts.append(os.environ["PYTHONPATH"])
    return os.pathsep.join(parts)


def build_command(root: Path, output: Path) -> list[str]:
    """Our whole-process cold/warm build: the ``timeline build`` command line."""
    return [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(output)]


@dataclass
class Subject:
    """Something measured over and over: set up once, run, torn down."""

    key: str
    label: str
    pages: int = field(default=0, init=False)
    """HTML pages the last run wrote (counted after the timing, as a check that the tools build comparable sites)."""

    def setup(self) -> None:
        """Prepare before the warm-up run."""

    def run(self) -> Run:
        """One measured run."""
        raise NotImplementedError

    def teardown(self) -> None:
        """Clean up after the last run."""


@dataclass
class OursCold(Subject):
    """Our full build into a fresh empty output folder, caches removed before every run."""

    root: Path = field(default=Path())
    work: Path = field(default=Path())
    pythonpath: str = ""

    def run(self) -> Run:
        """Remove leftovers beside ``content/``, build into a new empty folder, delete it again."""
        for entry in self.root.iterdir():
            if entry.name not in KEEP_IN_ROOT:
                _remove(entry)
        out = _fresh(self.work / "cold-out")
        env = {**os.environ, "XDG_CACHE_HOME": str(_fresh(self.work / "cold-xdg-cache")), "PYTHONPATH": self.pythonpath or python_path()}
        try:
            result, _ = spawn(build_command(self.root, out), self.root, env, what="timeline build (cold)")
            self.pages = count_pages(out)
        finally:
            shutil.rmtree(out, ignore_errors=True)
        return result

    def teardown(self) -> None:
        """Remove the cache folder and anything the builds left in the site root."""
        shutil.rmtree(self.work / "cold-xdg-cache", ignore_errors=True)
        for entry in self.root.iterdir():
            if entry.name not in KEEP_IN_ROOT:
                _remove(entry)


@dataclass
class OursWarm(Subject):
    """Our full build again over the same output, on a private copy of the site; nothing is ever deleted between runs."""

    source: Path = field(default=Path())
    work: Path = field(default=Path())
    pythonpath: str = ""

    @property
    def root(self) -> Path:
        """The private site copy the warm builds use (their caches may live in it)."""
        return self.work / "warm-site"

    def setup(self) -> None:
        """Copy ``content/`` into a fresh private site folder; the warm-up run then makes the output."""
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.copytree(self.source / "content", self.root / "content")
        shutil.rmtree(self.work / "warm-out", ignore_errors=True)
        _fresh(self.work / "warm-xdg-cache")

    def run(self) -> Run:
        """Rebuild over the previous output, caches kept."""
        env = {**os.environ, "XDG_CACHE_HOME": str(self.work / "warm-xdg-cache"), "PYTHONPATH": self.pythonpath or python_path()}
        result = spawn(build_command(self.root, self.work / "warm-out"), self.root, env, what="timeline build (warm)")[0]
        self.pages = count_pages(self.work / "warm-out")
        return result


@dataclass(frozen=True, slots=True)
class PeerInfo:
    """A peer as ``peer_cmds.sh`` describes it."""

    name: str
    command: str
    installed: bool
    version: str
    missing: str = ""


def _shell_vars(script: Path, names: Sequence[str], env: Mapping[str, str]) -> list[str]:
    printer = "printf '%s\\0'" + "".join(f' "${{{n}:-}}"' for n in names)
    run = subprocess.run(["sh", "-c", f'. "$0" >/dev/null 2>&1; {printer}', str(script)], env=dict(env), capture_output=True, check=True)
    return run.stdout.decode().split("\0")[: len(names)]


def peer_infos(shared: Path, outroot: Path) -> dict[str, PeerInfo]:
    """Hugo, Eleventy and the plain Python pipeline: their cold command lines from ``peer_cmds.sh``, whether installed, versions."""
    env = {**os.environ, "BENCH": str(shared), "OUTROOT": str(outroot)}
    names = ["HUGO", "ELEVENTY", "PYF", "cold_hugo", "cold_eleventy", "cold_py2"]
    hugo, eleventy, floor, cold_hugo, cold_eleventy, cold_py2 = _shell_vars(shared / "peer_cmds.sh", names, env)
    infos: dict[str, PeerInfo] = {}
    if hugo and os.access(hugo, os.X_OK):
        infos["hugo"] = PeerInfo("hugo", cold_hugo, True, _version([hugo, "version"]))
    else:
        infos["hugo"] = PeerInfo("hugo", cold_hugo, False, "", f"no Hugo binary at {hugo or '$HUGO'}")
    node = shutil.which("node")
    if node and eleventy and Path(eleventy).is_file():
        infos["eleventy"] = PeerInfo("eleventy", cold_eleventy, True, _version([node, eleventy, "--version"]))
    else:
        infos["eleventy"] = PeerInfo("eleventy", cold_eleventy, False, "", "no node on PATH" if not node else f"no Eleventy at {eleventy or '$ELEVENTY'}")
    if cold_py2 and floor and os.access(floor, os.X_OK) and (shared / "python_floor.py").is_file():
        infos["py2"] = PeerInfo("py2", cold_py2, True, _version([floor, "-c", "import markdown_it, jinja2; print('markdown-it-py', markdown_it.__version__)"]))
    else:
        infos["py2"] = PeerInfo("py2", cold_py2, False, "", f"no Python at {floor or '$PYF'} with python_floor.py beside peer_cmds.sh")
    return infos


def _version(argv: list[str]) -> str:
    try:
        run = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    line = (run.stdout or run.stderr).strip().splitlines()
    return line[0].strip() if line else "?"


@dataclass
class Peer(Subject):
    """A peer's cold build (``cold_<peer>`` from ``peer_cmds.sh``) in its corpus folder."""

    command: str = ""
    cwd: Path = field(default=Path())
    outroot: Path = field(default=Path())

    def setup(self) -> None:
        """Make ``$OUTROOT``."""
        self.outroot.mkdir(parents=True, exist_ok=True)

    def run(self) -> Run:
        """One cold build; its output folder (``$OUTROOT/<peer>.<pid>``) is removed afterwards."""
        env = {**os.environ, "OUTROOT": str(self.outroot)}
        try:
            result = spawn(["sh", "-c", self.command], self.cwd, env, what=self.label)[0]
            self.pages = sum(count_pages(out) for out in self.outroot.glob(f"{self.key}.*"))
            return result
        finally:
            for leftover in self.outroot.glob(f"{self.key}.*"):
                _remove(leftover)


def measure(subjects: Sequence[Subject], runs: int, log: Callable[[str], None]) -> dict[str, list[Run]]:
    """One warm-up run of each subject, then ``runs`` rounds, interleaved (A B C, A B C, ...).

    Each subject's ``pages`` is left at what its last run wrote.
    """
    results: dict[str, list[Run]] = {s.key: [] for s in subjects}
    try:
        for subject in subjects:
            subject.setup()
        for subject in subjects:
            log(f"warm-up: {subject.label}")
            subject.run()
        for index in range(1, runs + 1):
            line = []
            for subject in subjects:
                result = subject.run()
                results[subject.key].append(result)
                line.append(f"{subject.label} {result.wall:.3f} s")
            log(f"run {index}/{runs}: " + ", ".join(line))
    finally:
        for subject in subjects:
            subject.teardown()
    return results


@dataclass(frozen=True, slots=True)
class EditResult:
    """The one-event-edit figures from the in-process child."""

    first_build: float
    times: list[float]
    """Save to reload signal, seconds: watcher, debounce and rebuild."""
    rebuilds: list[float]
    """The rebuilds alone, as the preview reports them (whole milliseconds)."""
    edited: str
    process: Run


def measure_edit(corpus: Corpus, work: Path, runs: int, pythonpath: str = "") -> EditResult:
    """In one child process: build once, then edit one event's body and time ``build()`` again, ``runs`` times after a warm-up."""
    site = work / "edit-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus.site / "content", site / "content")
    out = work / "edit-out"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(_fresh(work / "edit-xdg-cache"))}
    argv = [sys.executable, "-m", "bench.child", "edit", str(site), str(out), "--runs", str(runs)]
    try:
        process, stdout = spawn(argv, site, {**env, "PYTHONPATH": pythonpath or python_path()}, what="one-event edit")
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "edit-xdg-cache", ignore_errors=True)
    data = json.loads(stdout.strip().splitlines()[-1])
    rebuilds = [float(t) for t in data["rebuilds"]]
    return EditResult(float(data["first_build"]), [float(t) for t in data["times"]], rebuilds, str(data["edited"]), process)


def profile(corpus: Corpus, work: Path, top: int, pythonpath: str = "") -> str:
    """One cold build in a fresh child under cProfile; the top ``top`` functions by cumulative time, as text."""
    for entry in corpus.site.iterdir():
        if entry.name not in KEEP_IN_ROOT:
            _remove(entry)
    out = work / "profile-out"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(_fresh(work / "profile-xdg-cache")), "PYTHONPATH": pythonpath or python_path()}
    argv = [sys.executable, "-m", "bench.child", "profile", str(corpus.site), str(out), "--top", str(top)]
    try:
        return spawn(argv, corpus.site, env, what="profiled build")[1]
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "profile-xdg-cache", ignore_errors=True)
