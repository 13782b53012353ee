"""``python -m bench.visible``: save → the new text visible in a real browser, under ``timeline serve``.

For each site (the shipped one, copied with its themes, and the generated
corpus) it starts ``timeline serve`` in a child process and opens headless
Chromium (Debian's, through playwright) on two pages: the timeline page that
shows one event, and that event's own page. Then, ``--edits`` times per page
and way, it saves an edit to the event's file (written beside it and renamed
over it, as editors save): a new title for the timeline page, a new paragraph
for the event's page. It times how long the new text takes to show: from just
before the write (Python's ``time.time()``) to the first animation
frame in which the page holds it (``performance.timeOrigin + performance.now()``
in the page: the same wall clock, read by both processes on this machine).

The three ways alternate edit by edit, so all see the same machine: the page
updated in place from the changed parts the server gives (what the preview
does), updated in place from the whole page fetched again (what it did before,
and still does when the parts cannot do; the page sets
``window.__timelinePreviewParts = false``), and a full reload (what it does
when a page changes shape; the page sets ``window.__timelinePreviewReloadOnly``).
For the two in-place ways the page's own record of its last update
(``window.__timelinePreviewLast``) splits the time: save → the reload signal
in the page (watcher, debounce, the build of the open page), the fetch, and
the update of the page. Each page and way starts with one save that is not counted. Between saves it waits for the server to finish the
build (its "rebuilt" line, late feeds and exports included) and for the page
to listen again. Not a test: the machine runs other work too; compare the two
columns of one run, and read the load averages printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import corpus

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
WAYS = ("in place", "whole page", "full reload")
PHASES = ("signal", "fetch", "update")
"""Save → the reload signal in the page; the signal → its update fetched; fetched → the page updated (seconds)."""
TIMEOUT = 60.0
FIRST_BUILD = 900.0
"""Seconds the first build may take (a cold build of thousands of events, on a busy machine)."""

# Runs in every document the page loads, before its own scripts: a reload keeps the edit being waited for in sessionStorage.
WATCHER = """
window.__benchWatch = (marker, selector) => {
  sessionStorage.setItem("bench:marker", marker);
  sessionStorage.setItem("bench:selector", selector);
  window.__benchSeen = null;
  const tick = () => {
    const element = document.querySelector(selector);
    if (element && element.textContent.includes(marker)) {
      window.__benchSeen = performance.timeOrigin + performance.now();
      sessionStorage.removeItem("bench:marker");
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};
if (sessionStorage.getItem("bench:reload-only")) window.__timelinePreviewReloadOnly = true;
if (sessionStorage.getItem("bench:marker")) window.__benchWatch(sessionStorage.getItem("bench:marker"), sessionStorage.getItem("bench:selector"));
"""


@dataclass
class Figures:
    """Save → visible times of one site and page, seconds, by way; and the server's rebuild times."""

    times: dict[str, list[float]] = field(default_factory=lambda: {way: [] for way in WAYS})
    phases: dict[str, dict[str, list[float]]] = field(default_factory=lambda: {way: {phase: [] for phase in PHASES} for way in WAYS[:2]})
    rebuilds: list[float] = field(default_factory=list)
    reloaded: int = 0
    """Saves meant to update the page in place that reloaded it instead."""


class Preview:
    """``timeline serve`` on a free port, its output lines read as they come."""

    def __init__(self, root: Path) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0"],
                                        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = ""
        try:
            while not self.url:
                line = self.next_line(FIRST_BUILD)
                if line.startswith("Serving "):
                    self.url = line.split()[1]
        except BaseException:
            self.stop()
            raise

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")

    def next_line(self, timeout: float = TIMEOUT) -> str:
        """The server's next output line; it stopping, or saying nothing for ``timeout`` seconds, ends the run."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise SystemExit(f"the preview said nothing for {timeout:.0f} s") from None
        if not line and self.process.poll() is not None:
            raise SystemExit("the preview stopped")
        return line

    def rebuilt(self) -> float:
        """Wait for the end of the build a save caused; how long it took to send its reload signal, seconds."""
        while True:
            line = self.next_line()
            found = re.match(r"rebuilt: reload sent after (\d+) ms", line)
            if found:
                return int(found[1]) / 1000
            if line.startswith("build failed"):
                raise SystemExit(f"the edited site failed to build: {line}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def save(path: Path, text: str) -> None:
    """Save as editors do: write a file beside it, then rename it over it."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def _paragraph(text: str, marker: str) -> str:
    """The event with one new paragraph at the end of its text (the edit ``python -m bench`` times to the reload signal)."""
    return text.rstrip("\n") + f"\n\nEdited for the benchmark: one *new* paragraph, {marker}.\n"


def _titled(text: str, marker: str) -> str:
    """The event with the marker added to its title: it stays where it was among events of the same date."""
    title = yaml.safe_load(text.split("---", 2)[1])["title"]
    return re.sub(r"^title: .*$", lambda _: f"title: {json.dumps(f'{title} {marker}')}", text, count=1, flags=re.M)


Edit = Callable[[str, str], str]
"""The text of an event file with an edit that shows ``marker``."""


@dataclass(frozen=True, slots=True)
class Edited:
    """What one save took: save → visible and the rebuild (its reload signal), seconds; whether the page reloaded; the phases of an in-place update."""

    elapsed: float
    rebuild: float
    reloaded: bool
    phases: dict[str, float]


def edit_once(page: Any, preview: Preview, path: Path, edited: str, marker: str, selector: str, way: str) -> Edited:
    """One save and the wait for its text."""
    page.evaluate("([only, parts]) => { if (only) sessionStorage.setItem('bench:reload-only', '1'); else sessionStorage.removeItem('bench:reload-only');"
                  " window.__timelinePreviewReloadOnly = only; window.__timelinePreviewParts = parts; window.__timelinePreviewLast = null; }",
                  [way == "full reload", way != "whole page"])
    page.evaluate("([m, s]) => { window.__benchWatch(m, s); window.__benchSamePage = true; }", [marker, selector])
    started = time.time()
    save(path, edited)
    rebuild = preview.rebuilt()
    deadline = time.monotonic() + TIMEOUT
    seen = None
    while seen is None:
        if time.monotonic() > deadline:
            raise SystemExit(f"{marker} did not show within a minute")
        try:  # during a reload the page has no document to ask for a moment
            seen = page.evaluate("window.__benchSeen")
        except Exception:
            seen = None
        if seen is None:
            time.sleep(0.02)
    page.wait_for_function("window.__timelinePreviewReady === true", timeout=TIMEOUT * 1000)
    page.wait_for_load_state("load")
    reloaded = not page.evaluate("window.__benchSamePage === true")
    last = None if reloaded else page.evaluate("window.__timelinePreviewLast && {...window.__timelinePreviewLast, origin: performance.timeOrigin}")
    phases = {}
    if last and "done" in last:
        phases = {"signal": (last["origin"] + last["signal"]) / 1000 - started, "fetch": (last["fetched"] - last["signal"]) / 1000,
                  "update": (last["done"] - last["fetched"]) / 1000}
    return Edited(float(seen) / 1000 - started, rebuild, reloaded, phases)


def measure_page(page: Any, preview: Preview, path: Path, selector: str, edit: Edit, edits: int, figures: Figures, label: str) -> None:
    """Warm-up saves, then ``edits`` saves per way, the ways taking turns (which goes first alternates)."""
    original = path.read_text(encoding="utf-8")
    try:
        for round_ in range(edits + 1):
            ways = WAYS if round_ % 2 == 0 else WAYS[::-1]
            for way in ways:
                marker = f"{label}-{way.replace(' ', '-')}-{round_}-{time.monotonic_ns()}"
                done = edit_once(page, preview, path, edit(original, marker), marker, selector, way)
                if round_:
                    figures.times[way].append(done.elapsed)
                    figures.rebuilds.append(done.rebuild)
                    figures.reloaded += done.reloaded and way != "full reload"
                    for phase, value in done.phases.items():
                        figures.phases[way][phase].append(value)
                time.sleep(0.1)
    finally:
        save(path, original)
        preview.rebuilt()


@contextmanager
def served(root: Path) -> Iterator[Preview]:
    preview = Preview(root)
    try:
        yield preview
    finally:
        preview.stop()


@contextmanager
def opened(browser: Any) -> Iterator[Any]:
    """A new tab that watches for the edited text, closed afterwards."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(WATCHER)
    try:
        yield page
    finally:
        page.close()


def measure_site(browser: Any, root: Path, edits: int) -> dict[str, Figures]:
    """Both pages of one site: the timeline page that shows the edited event (a new title), and its own page (a new paragraph)."""
    events = sorted((root / "content" / "events").glob("*.md"))
    path = events[len(events) // 2]
    results: dict[str, Figures] = {}
    with served(root) as preview:
        with opened(browser) as page:
            page.goto(f"{preview.url}events/{path.stem}/")
            place = page.eval_on_selector(".on-timeline a", "(a) => a.href")
            own = page.url
        pages: list[tuple[str, str, str, Edit]] = [("timeline", place, f'[id="{path.stem}"] h4', _titled), ("event page", own, ".prose", _paragraph)]
        for name, url, selector, edit in pages:
            # a page of its own for each: the last save (putting the event back) makes the page before update or
            # reload itself, which would cut short a navigation started in the same tab
            with opened(browser) as page:
                page.goto(url)
                page.wait_for_function("window.__timelinePreviewReady === true")
                results[name] = figures = Figures()
                measure_page(page, preview, path, selector, edit, edits, figures, name.replace(" ", "-"))
    return results


def _copy_site(source: Path, target: Path, themes: bool) -> Path:
    shutil.copytree(source / "content", target / "content")
    if themes and (source / "themes").is_dir():
        shutil.copytree(source / "themes", target / "themes")
    return target


def _ms(values: Sequence[float]) -> str:
    if not values:
        return "–"
    return f"{statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"


def report(results: dict[str, dict[str, Figures]], edits: int, loads: tuple[str, str]) -> str:
    """The method, then one table row per site and page."""
    lines = [
        "## Save → visible in the browser", "",
        "### Method", "",
        f"`timeline serve` in a child process, headless Chromium ({CHROMIUM}) through playwright, 1280 × 900. Per page, "
        f"{edits} saves per way after one uncounted save each; the ways take turns save by save. A save writes a new title "
        "beside the event's file and renames it over it: on the timeline page a new title, on the event's page a new paragraph "
        "at the end of its text. Time runs from just before the write (time.time() in Python) to the "
        "first animation frame whose page holds the new text (performance.timeOrigin + performance.now() in the page). "
        "\"In place\" is the preview as it is (the changed parts); \"whole page\" sets window.__timelinePreviewParts = false, "
        "so the page fetches itself whole and changes in place; \"full reload\" sets window.__timelinePreviewReloadOnly, so the "
        "page reloads. Rebuild: the server's own \"reload sent after\" figure (the open page's build), watcher and debounce excluded. "
        f"Median (min–max). Load average (1, 5, 15 min) before: {loads[0]}; after: {loads[1]}.", "",
        "| site | page | in place | whole page | full reload | rebuild | in-place saves that reloaded |", "|---|---|---|---|---|---|---|",
    ]
    for site, pages in results.items():
        for name, figures in pages.items():
            row = [site, name, *(_ms(figures.times[way]) for way in WAYS), _ms(figures.rebuilds), str(figures.reloaded)]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", "Where the time of an in-place update goes, medians: save → the reload signal in the page (watcher, debounce, "
              "the open page's build, the signal); the signal → the update fetched (the parts, or the whole page); "
              "fetched → the page updated (for the whole page, its parsing and comparison too).", "",
              "| site | page | way | save → signal | fetch | update |", "|---|---|---|---|---|---|"]
    for site, pages in results.items():
        for name, figures in pages.items():
            for way, phases in figures.phases.items():
                lines.append("| " + " | ".join([site, name, way, *(_median(phases[phase]) for phase in PHASES)]) + " |")
    return "\n".join(lines) + "\n"


def _median(values: Sequence[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms" if values else "–"


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.visible", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=15, help="counted saves per page and way (default: 15)")
    parser.add_argument("--size", type=int, default=4000, help="events in the generated site (default: 4000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=corpus.DEFAULT_CACHE, help="corpus cache folder (default: bench/.cache/corpora)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every time as JSON")
    parser.add_argument("--site", choices=("both", "shipped", "generated"), default="both", help="which site to measure (default: both)")
    args = parser.parse_args(argv)
    if args.edits < 1 or args.size < 1:
        parser.error("--edits and --size must be at least 1")
    from playwright.sync_api import sync_playwright

    generated = corpus.prepare(args.size, args.seed, args.cache)
    results: dict[str, dict[str, Figures]] = {}
    before = _load()
    with tempfile.TemporaryDirectory(prefix="timeline-visible-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            sites = (("shipped", PROJECT, True), (f"generated, {args.size} events", generated.site, False))
            for name, source, themes in (site for site in sites if args.site in ("both", site[0].split(",")[0])):
                print(f"[bench] {name}", file=sys.stderr, flush=True)
                results[name] = measure_site(browser, _copy_site(source, Path(scratch) / name.split(",")[0], themes), args.edits)
        finally:
            browser.close()
    sys.stdout.write(report(results, args.edits, (before, _load())))
    if args.json:
        data = {site: {page: {"times": f.times, "rebuilds": f.rebuilds, "reloaded": f.reloaded, "phases": f.phases} for page, f in pages.items()}
                for site, pages in results.items()}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
