"""Profiling a cold build in its parent *and* its forked worker processes, and sorting the time into phases.

The profiled child (``python -m bench.child profile``) profiles the build in
its own process and sets the generator's ``TIMELINE_PROFILE`` hook, under which
every forked worker profiles itself and saves its statistics after each chunk
of work (``convert-<pid>.prof``, ``render-<pid>.prof``): workers are stopped
without notice, so nothing waits for a signal.

Phases are given by where each function lives (the Markdown parser's modules,
Jinja2's, the YAML loader's, the generator's feed modules ...). Time spent in
functions that belong to no phase by themselves (built-ins, ``re``,
``pathlib``...) is divided among their callers in proportion to what each
caller spent in them, so ``str.join`` called by Jinja2 counts as templates.
"""

from __future__ import annotations

import os
import pstats
from collections.abc import Iterable, Mapping
from pathlib import Path

FuncKey = tuple[str, int, str]
"""(file, line, function name), as :mod:`pstats` keys its entries."""
Entry = tuple[int, int, float, float, dict[FuncKey, tuple[int, int, float, float]]]
"""(primitive calls, calls, own time, cumulative time, callers with the time spent under each)."""
StatsDict = Mapping[FuncKey, Entry]

PHASES = (
    "reading files", "YAML front matter", "Markdown", "templates", "writing files", "link check", "feeds, exports, search, sitemap",
    "caches", "site model and the rest of the generator", "workers: sending and waiting", "imports", "other",
)

# (phase, any of these path fragments) for Python functions, first match wins
_BY_FILE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("imports", ("<frozen importlib", "importlib/")),
    ("YAML front matter", ("/yaml/", "generator/content/frontmatter.py")),
    ("Markdown", ("/markdown_it/", "/mdit_py_plugins/", "markdown_it_pyrs", "generator/content/markdown.py",
                  "generator/content/engine.py", "generator/content/convert.py", "/mdurl/", "/linkify_it/")),
    ("templates", ("/jinja2/", "/markupsafe/", "/themes/", ".html", ".xml", ".j2", "generator/render/theme.py", "generator/render/pages.py",
                   "generator/render/timeline.py", "generator/render/tasks.py", "generator/render/metadata.py", "generator/render/charts.py")),
    ("link check", ("generator/build/linkcheck.py", "generator/build/linkscan.py", "/html/parser.py", "/_markupbase.py")),
    ("feeds, exports, search, sitemap", ("generator/render/feeds.py", "generator/render/exports.py", "generator/render/search.py",
                                         "generator/render/sitemap.py")),
    ("writing files", ("generator/build/output.py", "generator/outputfile.py", "/shutil.py", "/tempfile.py")),
    ("caches", ("generator/content/cache.py", "generator/build/pagecache.py", "generator/memo.py", "/pickle.py", "/copyreg.py")),
    ("reading files", ("generator/content/sources.py", "/codecs.py", "/encodings/")),
    ("workers: sending and waiting", ("/multiprocessing/", "/threading.py", "/selectors.py", "/queue.py", "generator/pool.py")),
    ("site model and the rest of the generator", ("generator/",)),
)
# (phase, any of these fragments of a built-in's name), first match wins
_BY_BUILTIN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("writing files", ("'write' of", "posix.rename", "posix.replace", "posix.mkdir", "posix.unlink", "posix.rmdir", "posix.utime",
                       "posix.chmod", "posix.fsync", "posix.link", "'truncate' of")),
    ("reading files", ("'read' of '_io", "'readline' of '_io", "posix.scandir", "posix.listdir", "posix.stat", "posix.lstat",
                       "'is_dir' of", "'is_file' of", "'stat' of 'posix.DirEntry'", "'readinto' of '_io")),
    ("YAML front matter", ("_yaml.",)),
    ("workers: sending and waiting", ("'acquire' of '_thread", "select.poll", "'poll' of", "select.select", "posix.waitpid",
                                      "posix.fork", "_posixsubprocess", "'recv", "'send")),
    ("caches", ("_pickle.", "marshal.", "_hashlib", "'digest' of", "'hexdigest' of", "zlib.")),
    ("imports", ("builtins.__import__", "_imp.", "'get_data' of", "marshal.loads")),
)


def phase_of_function(key: FuncKey) -> str | None:
    """The phase a function's own time belongs to by itself, or None when that depends on who called it."""
    filename, _, name = key
    if filename == "~":
        for phase, fragments in _BY_BUILTIN:
            if any(fragment in name for fragment in fragments):
                return phase
        return None
    path = filename.replace(os.sep, "/")
    for phase, fragments in _BY_FILE:
        if any(fragment in path for fragment in fragments):
            return phase
    return None


def phases(stats: StatsDict) -> dict[str, float]:
    """Own time (seconds) per phase; functions with no phase of their own divide theirs among their callers."""
    shares: dict[FuncKey, dict[str, float]] = {}

    def share(key: FuncKey, depth: int) -> dict[str, float]:
        """How ``key``'s own time divides among phases (fractions adding up to 1)."""
        if key in shares:
            return shares[key]
        own = phase_of_function(key)
        if own is not None or depth > 12 or key not in stats:
            result = {own or "other": 1.0}
        else:
            shares[key] = {"other": 1.0}  # a cycle back here counts as other
            result = {}
            for caller, part in _caller_parts(stats[key][4]).items():
                for phase, fraction in share(caller, depth + 1).items():
                    result[phase] = result.get(phase, 0.0) + part * fraction
            result = result or {"other": 1.0}
        shares[key] = result
        return result

    totals = dict.fromkeys(PHASES, 0.0)
    for key, entry in stats.items():
        for phase, fraction in share(key, 0).items():
            totals[phase] = totals.get(phase, 0.0) + entry[2] * fraction
    return totals


def _caller_parts(callers: Mapping[FuncKey, tuple[int, int, float, float]]) -> dict[FuncKey, float]:
    """Each caller's part (adding up to 1) of a function's own time: by the time spent under it, else by its calls."""
    for column in (2, 1):
        total = sum(edge[column] for edge in callers.values())
        if total:
            return {caller: edge[column] / total for caller, edge in callers.items()}
    return {}


def top_functions(stats: StatsDict, count: int) -> list[tuple[float, float, int, str]]:
    """The ``count`` functions with the most own time: (own s, cumulative s, calls, name)."""
    rows = [(entry[2], entry[3], entry[1], _name(key)) for key, entry in stats.items()]
    return sorted(rows, reverse=True)[:count]


def _name(key: FuncKey) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    parts = Path(filename).parts
    short = "/".join(parts[-2:]) if len(parts) > 1 else filename
    return f"{short}:{line}({name})"


# --- in the profiled child ------------------------------------------------------------------


def load(files: Iterable[Path]) -> pstats.Stats | None:
    """The statistics of several profile dumps added together; None when there are none."""
    paths = [str(p) for p in files]
    if not paths:
        return None
    stats = pstats.Stats(paths[0])
    for path in paths[1:]:
        stats.add(path)
    return stats


def raw(stats: pstats.Stats) -> StatsDict:
    """The entries of a :class:`pstats.Stats` (typeshed does not declare its ``stats`` attribute)."""
    entries: StatsDict = getattr(stats, "stats")  # noqa: B009
    return entries


def phase_table(parent: StatsDict, workers: StatsDict | None, worker_count: int) -> list[str]:
    """The per-phase Markdown table: own time in the parent and summed over the workers."""
    mine, theirs = phases(parent), phases(workers) if workers else {}
    mine_total, theirs_total = sum(mine.values()) or 1.0, sum(theirs.values()) or 1.0
    head = f"workers ({worker_count} processes, summed)" if worker_count else "workers (none started)"
    lines = [f"| phase | parent s | parent % | {head} s | workers % |", "|---|---:|---:|---:|---:|"]
    for phase in PHASES:
        a, b = mine.get(phase, 0.0), theirs.get(phase, 0.0)
        if a >= 0.0005 or b >= 0.0005:
            lines.append(f"| {phase} | {a:.3f} | {100 * a / mine_total:.0f} | {b:.3f} | {100 * b / theirs_total:.0f} |")
    lines.append(f"| **total own time** | {sum(mine.values()):.3f} | 100 | {sum(theirs.values()):.3f} | {100 if theirs else 0} |")
    return lines


def top_table(stats: StatsDict, count: int) -> list[str]:
    """The functions with the most own time, as a Markdown table."""
    lines = ["| own s | cumulative s | calls | function |", "|---:|---:|---:|---|"]
    for own, cumulative, calls, name in top_functions(stats, count):
        lines.append(f"| {own:.3f} | {cumulative:.3f} | {calls} | `{name}` |")
    return lines
