"""``timeline serve``: build, watch, rebuild on save, and serve with live reload."""

from __future__ import annotations

import gc
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..build.pipeline import Builder, Rendered
from ..content.assemble import CONTENT_DIR, DEFAULTS, Options
from ..content.config import CONFIG_NAME, load_config
from ..content.sources import display_path
from ..errors import Problem, shorten
from ..outputfile import OutputFile
from ..render.theme import BUILTIN, THEMES_DIR
from .server import PreviewServer
from .state import PreviewState
from .watch import Changes, start_watching


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Where to listen and what to build."""

    host: str = "127.0.0.1"
    port: int = 8000
    build: Options = DEFAULTS
    strict: bool = False


def snapshot_files(result: Rendered, served: tuple[Rendered, Mapping[str, bytes]] | None = None) -> dict[str, bytes]:
    """A rendered site as served: pages and theme assets, by output path.

    ``served`` is the build being served and its files: when ``result`` kept
    its feeds, exports and tasks, only the files of the tasks that made new
    ones are looked at (after an edit, a handful out of thousands).
    """
    last, served_files = served if served else (None, {})
    remade = _remade(last, result) if last is not None else None
    if remade is not None:
        files = dict(served_files)
        for before, made in remade:
            for file in before:
                files.pop(file.path, None)
            files.update((file.path, file.data) for file in made)
    else:
        files = {file.path: file.data for file in result.files}
    files.update({"static/" + name: path.read_bytes() for name, path in result.static.items()})
    return files


def _remade(last: Rendered, result: Rendered) -> list[tuple[tuple[OutputFile, ...], tuple[OutputFile, ...]]] | None:
    """The files of each task ``result`` made anew, before and after; ``None`` unless it has ``last``'s tasks, feeds and assets."""
    if last.published is not result.published or last.static != result.static or len(last.tasks) != len(result.tasks):
        return None
    previous = last.tasks
    remade = []
    for key, made in result.tasks.items():
        before = previous.get(key)
        if made is not before:
            if before is None:  # a task the last build did not have
                return None
            remade.append((before, made))
    return remade


def edited_events(result: Rendered, root: Path, changed: set[Path]) -> tuple[str, ...]:
    """Ids of the events whose files changed, to bring into view after the reload, in timeline order."""
    if result.site is None or result.loaded is None:
        return ()
    site, records = result.site, result.loaded.records
    found = set()
    for path in changed:
        try:
            name = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        record = records.get(name)
        if record is not None and record.id in result.loaded.kept:
            found.add(record.id)
    return tuple(sorted(found, key=site.index_of))


def rebuild(builder: Builder, state: PreviewState, changed: set[Path], report: Callable[[str], None]) -> Rendered:
    """One build, published to the server: its files, or the overlay over the last good ones.

    After an edit of an event's own words, the pages open in a browser go out
    first and update; then the other pages the edit touched, told only to a
    page that changed since (one opened meanwhile);
    the feeds, sitemap and exports (which show every event) follow once each
    open page has fetched its update (or :data:`HEAD_START` passed), without
    a reload. No exception leaves: whatever a build raises becomes a problem
    in the overlay, and the last good build stays served, even when the open
    pages had gone out.
    """
    started = time.perf_counter()
    before = state.snapshot.files
    early: list[float] = []

    def shown(partial: Rendered) -> None:
        state.publish(_files(builder, state, partial), partial.problems, edited_events(partial, builder.root, changed))
        early.append(time.perf_counter())
        # the open pages fetch their update before the rest is made: making it meanwhile would slow every answer
        state.wait_fetched(HEAD_START)

    try:
        result = builder.render(defer_publishing=True, changed=changed, first=state.viewed(), shown=shown)
        files = _files(builder, state, result) if result.ok else None
        events = edited_events(result, builder.root, changed) if not early else ()
    except Exception as exc:  # a theme file deleted mid-build, or a bug: report it, keep serving
        result, files, events = _failed(builder.root, exc), None, ()
    state.publish(files, result.problems, events, last_good=before if early else None, quiet=bool(early) and files is not None)
    reloaded = early[0] if early else time.perf_counter()
    pages = time.perf_counter()
    if result.ok:
        # the open pages fetch their update first: making the late files meanwhile would slow every answer
        state.wait_fetched(HEAD_START)
        try:
            result = builder.complete(result)
            state.refresh(snapshot_files(result), result.problems)
        except Exception as exc:
            result = _failed(builder.root, exc)
            state.publish(None, result.problems)
    for problem in result.problems:
        report(problem.format())
    # as after each render: what is now served lives until the next build, so keep it out of every collection's way
    gc.freeze()
    # the first build is no rebuild: nothing had changed yet
    status = ("rebuilt" if changed else "built") if result.ok else "build failed; serving the last good build"
    figures = [("reload sent", reloaded), ("all pages", pages), ("all files", time.perf_counter())]
    report(f"{status}: " + ", ".join(f"{name} after {(at - started) * 1000:.0f} ms" for name, at in figures))
    return result


def _files(builder: Builder, state: PreviewState, result: Rendered) -> dict[str, bytes]:
    """The files to serve for ``result``, made from those served now where it kept what the served build had."""
    return snapshot_files(result, (builder.served, state.snapshot.files) if builder.served else None)


def _failed(root: Path, exc: Exception) -> Rendered:
    """A failed build for an exception: a file that vanished or cannot be read mid-build, or a bug in timeline."""
    if isinstance(exc, OSError):
        where = display_path(root, Path(exc.filename)) if isinstance(exc.filename, str) and exc.filename else str(root)
        return Rendered((Problem(where, None, None, f"cannot read: {exc.strerror or exc}"),), ok=False)
    detail = shorten(" ".join(str(exc).split()))
    return Rendered((Problem("timeline", None, None, f"internal error, a bug in timeline (not in your content): {type(exc).__name__}: {detail}"),), ok=False)


DEFAULT_SERVE = ServeOptions()
HEAD_START = 0.25
"""Seconds the feeds and exports wait after a build for the open pages to fetch their update."""
QUIET = 0.03
"""Seconds without a new change before a build starts: an editor's atomic save or a
``git checkout`` writes its files well within this, so they make one build."""


def _say(line: str) -> None:
    print(line, flush=True)


class CannotServe(Exception):
    """The preview cannot start: the port is taken, the address is not this machine's."""


def _listen(options: ServeOptions, state: PreviewState) -> PreviewServer:
    try:
        return PreviewServer((options.host, options.port), state)
    except OSError as exc:
        raise CannotServe(f"cannot listen on {_authority(options.host, options.port)}: {exc.strerror or exc}") from None


def _authority(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def own_address(options: ServeOptions, base_path: str, port: int) -> Options:
    """The build options with ``base_url`` set to where this preview answers, whatever ``site.yaml`` says.

    Feeds, canonical links and the sitemap then point at the preview itself, not at the
    published site (nor at another port of this machine).
    """
    host = "127.0.0.1" if options.host in ("", "0.0.0.0", "::") else f"[{options.host}]" if ":" in options.host else options.host
    return replace(options.build, base_url=f"http://{host}:{port}{base_path}", local=True)


def serve(root: Path, options: ServeOptions = DEFAULT_SERVE, report: Callable[[str], None] = _say) -> None:
    """Serve the site at ``root`` until interrupted; :class:`CannotServe` when it cannot listen."""
    config, _ = load_config(root / CONTENT_DIR, CONFIG_NAME)
    if config is not None and options.build.base_url:
        config = config.with_base_url(options.build.base_url)
    base_path = config.base_path if config else "/"
    state = PreviewState(base_path)
    server = _listen(options, state)  # first: a taken port is said at once, before any build or watcher
    builder = Builder(root, own_address(options, base_path, server.server_address[1]), strict=options.strict)
    changes = Changes()
    output = root / (config.output if config else "output")
    observer = start_watching([root / CONTENT_DIR, root / THEMES_DIR, BUILTIN], changes, ignore=[output])
    rebuild(builder, state, set(), report)
    report(f"Serving http://{_authority(options.host, server.server_address[1])}{base_path} (Ctrl-C to stop)")
    sys.stdout.flush()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _stop_on_signals(changes)
    try:
        while not changes.woken:
            changed = changes.wait(quiet=QUIET, timeout=1.0)
            if changed and not changes.woken:
                rebuild(builder, state, changed, report)
        report("stopped")
    finally:
        state.close()
        server.shutdown()
        server.server_close()
        observer.stop()
        observer.join(timeout=5)


def _stop_on_signals(changes: Changes) -> None:
    """Ctrl-C and SIGTERM wake ``changes`` for good, and the loop stops between builds.

    Raised inside a build instead, the interrupt could surface in a library as another
    exception (lxml turns it into a TypeError while making a feed), be reported as a
    failed build, and leave the server running.
    """
    def stop(signum: int, frame: object) -> None:
        changes.wake()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
