"""The figures as a Markdown report (method, tables of medians, paired ratios, targets) and as JSON."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .harness import Rounds, Spread, ratio, walls

COLD, COLD_REF, WARM, HUGO, ELEVENTY, FLOOR = "cold", "cold-reference", "warm", "hugo", "eleventy", "floor"
FLOOR_COMPILED = "floor-compiled"
ORDER = (COLD, COLD_REF, WARM, HUGO, ELEVENTY, FLOOR, FLOOR_COMPILED)
OUR_LABELS = {
    COLD: "ours, cold (fast engine)",
    COLD_REF: "ours, cold (reference engine)",
    WARM: "ours, warm (no change, cache kept)",
}
RATIOS: tuple[tuple[str, str, str], ...] = (
    (COLD, HUGO, "ours cold / Hugo"),
    (COLD, ELEVENTY, "ours cold / Eleventy"),
    (COLD, FLOOR, "ours cold / floor"),
    (COLD, FLOOR_COMPILED, "ours cold / floor with the compiled engine"),
    (WARM, HUGO, "ours warm / Hugo"),
    (COLD_REF, COLD, "reference engine / fast engine (ours cold)"),
)
TARGET_SIZE, LARGE_SIZE = 4000, 20000
MB = 1_000_000
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class EditFigures:
    """The preview path at one size: save one event → reload signal, and the rebuild alone, seconds."""

    reload: list[float]
    rebuild: list[float]
    maxrss_kib: int


@dataclass
class Table:
    """Every size measured with the output in one place (tmpfs or disk)."""

    place: str
    root: str
    sizes: dict[int, Rounds] = field(default_factory=dict)


@dataclass
class Results:
    """Everything one invocation measured, and how."""

    method: str
    facts: dict[str, str]
    labels: dict[str, str]
    tables: list[Table]
    edits: dict[int, EditFigures] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    """Peers not installed: why."""
    notes: list[str] = field(default_factory=list)
    install_hint: str = ""


def _spread(s: Spread | None, scale: float = 1.0, digits: int = 3) -> tuple[str, str]:
    if s is None:
        return "–", "–"
    return f"{s.median * scale:.{digits}f}", f"{s.low * scale:.{digits}f}–{s.high * scale:.{digits}f}"


def timing_table(table: Table, labels: dict[str, str]) -> list[str]:
    """Per size and subject: median wall, range, median CPU, peak RSS, pages."""
    lines = ["| events | subject | runs | median wall s | min–max s | median user+sys s | peak RSS MiB | HTML pages |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for size, rounds in table.sizes.items():
        for key in [k for k in ORDER if k in rounds.keys()] + [k for k in rounds.keys() if k not in ORDER]:
            runs = rounds.runs(key)
            median, spread = _spread(walls(rounds, key))
            cpu = statistics.median(r.user + r.sys for r in runs)
            peak = max(r.maxrss_kib for r in runs) / 1024
            lines.append(f"| {size} | {labels.get(key, key)} | {len(runs)} | {median} | {spread} | {cpu:.2f} | {peak:.1f} | {rounds.pages.get(key, '')} |")
    return lines


def ratio_table(table: Table) -> list[str]:
    """Per size: the paired ratios, median of the per-round ratios and their range."""
    lines = ["| events | ratio (wall, paired by round) | median | min–max | rounds |", "|---:|---|---:|---:|---:|"]
    for size, rounds in table.sizes.items():
        for num, den, name in RATIOS:
            spread = ratio(rounds, num, den)
            if spread is not None:
                median, low_high = _spread(spread, digits=2)
                lines.append(f"| {size} | {name} | {median} | {low_high} | {spread.count} |")
    return lines


def edit_table(edits: dict[int, EditFigures]) -> list[str]:
    """The preview path under ``timeline serve``."""
    lines = ["| events | measure | runs | median ms | min–max ms |", "|---:|---|---:|---:|---:|"]
    for size, figures in edits.items():
        for name, values in (("save one event → reload signal (watcher, debounce, rebuild)", figures.reload),
                             ("the rebuild alone (as the preview reports it)", figures.rebuild)):
            if values:
                median, spread = _spread(Spread.of(values), 1000, 0)
                lines.append(f"| {size} | {name} | {len(values)} | {median} | {spread} |")
    return lines


@dataclass(frozen=True, slots=True)
class Target:
    """One target: what, the measured value as text, and met (None: not measured)."""

    name: str
    measured: str
    met: bool | None


def _ratio_target(rounds: Rounds | None, num: str, den: str, limit: float, name: str, why: str) -> Target:
    spread = ratio(rounds, num, den) if rounds is not None else None
    if spread is None:
        return Target(name, why, None)
    return Target(name, f"{spread.median:.2f} (paired, min–max {spread.low:.2f}–{spread.high:.2f})", spread.median <= limit)


def _peak(rounds: Rounds | None, limit_mb: float, name: str, why: str) -> Target:
    runs = rounds.runs(COLD) if rounds is not None else []
    if not runs:
        return Target(name, why, None)
    peak = max(r.maxrss_kib for r in runs) * 1024
    return Target(name, f"{peak / MB:.0f} MB ({peak / MIB:.0f} MiB), largest process, highest of {len(runs)} runs", peak / MB <= limit_mb)


def _edit(values: list[float] | None, limit_s: float, name: str, why: str) -> Target:
    if not values:
        return Target(name, why, None)
    median = statistics.median(values)
    return Target(name, f"{median * 1000:.0f} ms (median of {len(values)}, {min(values) * 1000:.0f}–{max(values) * 1000:.0f})", median < limit_s)


def targets(results: Results) -> list[Target]:
    """The targets, from the first table (tmpfs unless it was not available) at 4,000 and 20,000 events."""
    table = results.tables[0] if results.tables else Table("", "")
    at4k, at20k = table.sizes.get(TARGET_SIZE), table.sizes.get(LARGE_SIZE)
    not_run = f"not measured: {TARGET_SIZE} events not in --sizes"

    def peer_why(peer: str) -> str:
        if at4k is None:
            return not_run
        return f"not measured: {results.missing[peer]}" if peer in results.missing else "not measured (--no-peers)"

    edit = results.edits.get(TARGET_SIZE)
    found = [
        _ratio_target(at4k, COLD, HUGO, 1.0, "4,000 events: ours cold ≤ 1.0 × Hugo", peer_why(HUGO)),
        _ratio_target(at4k, COLD, ELEVENTY, 0.5, "4,000 events: ours cold (fast engine) ≤ 0.5 × Eleventy", peer_why(ELEVENTY)),
        _ratio_target(at4k, WARM, HUGO, 0.3, "4,000 events: ours warm ≤ 0.3 × Hugo", peer_why(HUGO)),
        _peak(at4k, 120, "4,000 events: peak RSS of our cold build ≤ 120 MB", not_run),
        _edit(edit.rebuild if edit else None, 0.050, "4,000 events: one-event edit, rebuild < 50 ms", not_run),
        _edit(edit.reload if edit else None, 0.100, "4,000 events: save → reload signal < 100 ms", not_run),
    ]
    both = f"not measured: needs {TARGET_SIZE} and {LARGE_SIZE} in --sizes"
    small, large = (walls(at4k, COLD) if at4k else None), (walls(at20k, COLD) if at20k else None)
    if small is not None and large is not None:
        factor = large.median / small.median
        found.append(Target("20,000 events: ours cold ≤ 5.5 × its 4,000-event time", f"{factor:.2f} × ({large.median:.2f} s / {small.median:.2f} s, medians)",
                            factor <= 5.5))
    else:
        found.append(Target("20,000 events: ours cold ≤ 5.5 × its 4,000-event time", both, None))
    found.append(_peak(at20k if at4k else None, 300, "20,000 events: peak RSS of our cold build ≤ 300 MB", both))
    return found


def target_lines(results: Results) -> list[str]:
    """The targets as a table: measured value and met / not met."""
    lines = ["| target | measured | met |", "|---|---|---|"]
    for t in targets(results):
        verdict = "–" if t.met is None else ("**met**" if t.met else "**not met**")
        lines.append(f"| {t.name} | {t.measured} | {verdict} |")
    return lines


def markdown(results: Results) -> str:
    """The whole report; it begins with the method."""
    out = ["## Build benchmark", "", "### Method", "", results.method, ""]
    out += [f"- {key}: {value}" for key, value in results.facts.items()]
    for table in results.tables:
        out += ["", f"### Output on {table.place} ({table.root})", "", *timing_table(table, results.labels)]
        out += ["", "Paired ratios (each round's ratio, then the median of those):", "", *ratio_table(table)]
    if results.edits:
        out += ["", "### Editing under `timeline serve` (tmpfs)", "", *edit_table(results.edits)]
    if results.missing:
        out += [""] + [f"- {results.labels.get(k, k)}: not installed ({why}); install the peers with `{results.install_hint}`."
                       for k, why in results.missing.items()]
    if results.notes:
        out += ["", *[f"- {note}" for note in results.notes]]
    out += ["", "### Targets", "", *target_lines(results)]
    return "\n".join(out) + "\n"


def to_json(results: Results) -> dict[str, Any]:
    """Every run of every table, the edits and the targets, for later comparison."""
    tables = []
    for table in results.tables:
        sizes = {str(size): {"rounds": [{k: asdict(r) for k, r in rnd.items()} for rnd in rounds.rounds], "orders": rounds.orders,
                             "pages": rounds.pages} for size, rounds in table.sizes.items()}
        tables.append({"place": table.place, "root": table.root, "sizes": sizes})
    return {
        "method": results.method, "facts": results.facts, "labels": results.labels, "tables": tables,
        "edits": {str(size): asdict(e) for size, e in results.edits.items()},
        "targets": [asdict(t) for t in targets(results)], "missing": results.missing, "notes": results.notes,
    }


def write_json(path: Path, results: Results) -> None:
    """Write :func:`to_json` to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(results), indent=2) + "\n", encoding="utf-8")
