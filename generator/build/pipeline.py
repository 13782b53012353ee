"""The build pipeline: gather the site, render it, check its links, write it."""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from ..content.assemble import CONTENT_DIR, DEFAULTS, Loaded, Options, edited_events, load, reload_events
from ..content.cache import BodyCache
from ..content.config import CONFIG_NAME, load_config
from ..content.model import Site
from ..errors import Problem, errors_in
from ..memo import Memo, RenderMemo, ScopedMemo, no_memo
from ..outputfile import OutputFile
from ..pool import WorkerLost, collector_paused, release_memory
from ..render import exports, feeds, media, search, sitemap
from ..render.tasks import Task, page_tasks, render_tasks, rerender, run, site_inputs, touched_by
from ..render.theme import Theme, preload, template_problem
from . import stamp
from .linkcheck import LinkIndex
from .output import Output, OutputError, Seal, check_target, remove_leftovers, resolve_target
from .pagecache import PageCache, salt
from .produce import Production, TemplateFailed

LINK_KEYS = ("href", "src", "refresh")
Publisher = Callable[[Site], tuple[OutputFile, ...]]


@dataclass(frozen=True, slots=True)
class Rendered:
    """A site rendered in memory: pages, published files (feeds, exports), theme assets, problems."""

    problems: tuple[Problem, ...]
    ok: bool
    site: Site | None = None
    pages: tuple[OutputFile, ...] = ()
    published: tuple[OutputFile, ...] = ()
    static: dict[str, Path] = field(default_factory=dict)
    loaded: Loaded | None = field(default=None, repr=False)
    """The site as loaded, for the next incremental build."""
    tasks: Mapping[Hashable, tuple[OutputFile, ...]] = field(default_factory=dict, repr=False)
    """The pages by the task that made them, for the next incremental build."""

    @property
    def files(self) -> tuple[OutputFile, ...]:
        """Everything to write or serve except the theme assets."""
        return self.pages + self.published


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build (or a check) did and found."""

    problems: tuple[Problem, ...]
    ok: bool
    output: Path | None = None
    files: int = 0
    events: int = 0
    entities: int = 0
    seconds: float = 0.0
    site: Site | None = field(default=None, repr=False)
    made: int = 0
    """How many build tasks ran; the others were kept from the page cache."""
    drafts: int = 0
    """How many draft events were left out (``--drafts`` keeps them)."""
    unchanged: bool = False
    """Nothing had changed since the last build: the output was left as it was (see :mod:`generator.build.stamp`)."""


_PUBLISHERS = (feeds, exports, search, sitemap, media)


def publishing_tasks(site: Site) -> list[Task]:
    """Feeds, data exports, the search index and the sitemap: they show every event, so any change redoes them."""
    return [Task(("published", p.__name__.rpartition(".")[2]), partial(site_inputs, site), partial(p.files, site)) for p in _PUBLISHERS]


def publishing_files(site: Site, memo: Memo = no_memo) -> tuple[OutputFile, ...]:
    """All of :func:`publishing_tasks`' files, kept (and taken from ``memo`` when nothing changed)."""
    return tuple(itertools.chain.from_iterable(run(task, memo) for task in publishing_tasks(site)))


@dataclass(frozen=True, slots=True)
class Prepared:
    """A site gathered and checked, with the theme to render it: everything before rendering."""

    site: Site
    theme: Theme
    env: jinja2.Environment
    problems: list[Problem]
    loaded: Loaded


def prepare(root: Path, options: Options = DEFAULTS, *, strict: bool = False, memo: Memo = no_memo,
            theme: Theme | None = None, env: jinja2.Environment | None = None, cache: BodyCache | None = None) -> Prepared | Rendered:
    """Gather the site and find its theme; a failed :class:`Rendered` when the content has errors."""
    loaded, problems = load(root, options, memo, cache)
    if theme is None:
        theme, theme_problems = Theme.find(root, loaded.site.config.theme if loaded else "default")
        problems += theme_problems
    if loaded is None or errors_in(problems, strict=strict):
        return Rendered(tuple(sorted(problems)), ok=False)
    return Prepared(loaded.site, theme, env or theme.environment(), problems, loaded)


def render(root: Path, options: Options = DEFAULTS, *, strict: bool = False, memo: Memo = no_memo,
           theme: Theme | None = None, env: jinja2.Environment | None = None,
           links: LinkIndex | None = None, publisher: Publisher | None = None, check: bool = True) -> Rendered:
    """Everything a build does short of writing, kept in memory (for the preview server and tests).

    ``memo`` and ``links`` make it incremental; ``publisher`` replaces how the
    feeds, sitemap and exports are made, and ``check=False`` leaves the link
    check for later (the preview server defers both until the browser reloads).
    """
    prepared = prepare(root, options, strict=strict, memo=memo, theme=theme, env=env)
    if isinstance(prepared, Rendered):
        return prepared
    site, problems = prepared.site, prepared.problems
    try:
        tasks = render_tasks(prepared.env, site, memo)
        published = publisher(site) if publisher else publishing_files(site, memo)
    except jinja2.TemplateError as exc:
        return Rendered(tuple(sorted([*problems, template_problem(exc, root)])), ok=False)
    result = Rendered(tuple(sorted(problems)), True, site, _flat(tasks), published, prepared.theme.static_files(), prepared.loaded, tasks)
    return _check_links(result, problems, links or LinkIndex(site.config.base_path), strict) if check else result


def _check_links(result: Rendered, problems: list[Problem], links: LinkIndex, strict: bool) -> Rendered:
    problems = [*problems, *links.update(result.files, ["static/" + name for name in result.static])]
    return replace(result, problems=tuple(sorted(problems)), ok=not errors_in(problems, strict=strict))


def build_tasks(env: jinja2.Environment, site: Site) -> list[Task]:
    """Everything a build makes, as independent tasks: the published files (few, heavy) first, then the pages."""
    return publishing_tasks(site) + page_tasks(env, site)


def build(root: Path, *, output: Path | None = None, options: Options = DEFAULTS, strict: bool = False, write: bool = True,
          use_cache: bool = True) -> BuildResult:
    """Build the site at ``root`` into ``output`` (default: site.yaml's ``output``): see :func:`_build`.

    A build's objects live as long as it runs, so the cyclic collector waits until it ends.
    A worker killed from outside fails the build, which has written nothing (the staging folder goes).
    """
    with collector_paused():
        try:
            return _build(root, output, options, strict, write, use_cache)
        except WorkerLost as lost:
            return BuildResult((Problem(str(_output_folder(root, output)), None, None, str(lost)),), ok=False)


def _build(root: Path, output: Path | None, options: Options, strict: bool, write: bool, use_cache: bool) -> BuildResult:
    """Build the site at ``root`` into ``output`` (default: site.yaml's ``output``).

    The tasks run in worker processes where that pays, writing into a staging
    folder; the link checker's verdict decides, at the end, whether the new
    output replaces the old. With ``use_cache``, converted bodies and what each
    task made are kept in the output folder, and the next build makes only the
    tasks whose inputs changed, hard-linking the other files from the old output;
    and when no input changed and the output is as the last build left it,
    the build stops there, touching nothing.
    """
    started = time.perf_counter()
    inputs = None
    if use_cache and write:
        done, inputs = _up_to_date(root, output, options, strict)
        if done is not None:
            return replace(done, seconds=time.perf_counter() - started)
    cache = BodyCache.load(_output_folder(root, output)) if use_cache and write else None
    prepared = prepare(root, options, strict=strict, cache=cache)
    if isinstance(prepared, Rendered):
        return BuildResult(prepared.problems, ok=False)
    site, problems = prepared.site, prepared.problems
    drafts = len(prepared.loaded.records) - len(prepared.loaded.kept)
    out = output if output is not None else root / site.config.output
    links = LinkIndex(site.config.base_path)
    theme, env = prepared.theme, prepared.env
    # what loading kept for quick rebuilds (every record, with its Markdown) is not needed past here
    del prepared

    def accept() -> bool:
        problems.extend(production.found)
        return not errors_in(problems, strict=strict)

    try:
        check_target(out, root, root / CONTENT_DIR)
        target = Output(out) if write else None
        present = target.previous.present() if target else None
        pages = PageCache.load(out, salt(theme.templates(), (site.config, options)), present) if cache else None
        # brought up to date, the output keeps an unchanged body cache as it is
        early = (lambda: () if pages and cache.unchanged() else (cache.file(),)) if cache else tuple
        production = Production(root, build_tasks(env, site), links, pages, theme.static_files(), early, partial(preload, env))

        def fill(staging: Path | None) -> int:
            count = production.fill(staging)
            # what only making the pages needed (their links, the page cache's records) is gone: hand it back
            # before publishing lists every file of the output again
            release_memory()
            return count

        if target is None:
            count = _check_only(fill, accept)
        else:
            # a build whose inputs cannot be vouched for still writes a stamp (one no build matches): publishing takes the same steps
            seal = _sealer(inputs or stamp.UNTRUSTED, site, drafts, problems) if cache else None
            count = target.publish(fill, accept, lambda: production.kept, production.paths, keep_caches=cache is not None,
                                   seal=seal)
    except TemplateFailed as exc:
        return BuildResult(tuple(sorted([*problems, exc.args[0]])), ok=False)
    except (OutputError, OSError) as exc:
        problem = Problem(str(out), None, None, f"cannot write output: {exc}")
        return BuildResult(tuple(sorted([*problems, problem])), ok=False)
    if count is None:
        return BuildResult(tuple(sorted(problems)), ok=False)
    seconds = time.perf_counter() - started
    return BuildResult(tuple(sorted(problems)), True, out, count, len(site.events), len(site.entities), seconds, site, production.made, drafts)


def _up_to_date(root: Path, output: Path | None, options: Options, strict: bool) -> tuple[BuildResult | None, bytes | None]:
    """The last build's result if nothing changed since (see :mod:`.stamp`), and the digest of this build's inputs."""
    config, _ = load_config(root / CONTENT_DIR, CONFIG_NAME)
    if config is None:
        return None, None
    if options.base_url:
        config = config.with_base_url(options.base_url)
    out = output if output is not None else root / config.output
    try:
        check_target(out, root, root / CONTENT_DIR)
        target = resolve_target(out)
    except (OutputError, OSError):
        return None, None  # the build says why
    theme, _ = Theme.find(root, config.theme)
    inputs = stamp.digest(root, target, theme.folders, salt(theme.templates(), (config, options, strict)))
    last = stamp.Stamp.read(target) if inputs is not None else None
    if last is None or last.inputs != inputs:
        return None, inputs
    try:
        remove_leftovers(target)  # a build killed after its swap leaves the old output beside the new one
    except (OutputError, OSError):
        return None, inputs
    if not last.intact(target):
        return None, inputs
    done = last.summary
    return BuildResult(done.problems, True, out, done.files, done.events, done.entities, drafts=done.drafts, unchanged=True), inputs


def _sealer(inputs: bytes, site: Site, drafts: int, problems: list[Problem]) -> Seal:
    """What makes the new output's stamp, whose summary says what this build reports (its ``problems`` as they end up)."""

    def seal(folder: Path, owned: Collection[str], count: int) -> bytes:
        summary = stamp.Summary(count, len(site.events), len(site.entities), drafts, tuple(sorted(problems)))
        return stamp.make(folder, owned, inputs, summary)
    return seal


def _output_folder(root: Path, output: Path | None) -> Path:
    """Where a build will write, known before the site is read (for the cache)."""
    if output is not None:
        return output
    config, _ = load_config(root / CONTENT_DIR, CONFIG_NAME)
    return root / (config.output if config else "output")


def _flat(tasks: Mapping[Hashable, tuple[OutputFile, ...]]) -> tuple[OutputFile, ...]:
    return tuple(itertools.chain.from_iterable(tasks.values()))


def _check_only(fill: Callable[[Path | None], int], accept: Callable[[], bool]) -> int | None:
    """Render and check everything without writing (``timeline check``)."""
    count = fill(None)
    return count if accept() else None


class Builder:
    """Builds one site again and again, redoing only what its changes touch.

    Used by the preview server. Pages are memoised on their inputs plus the
    settings and the theme files, so a changed template or ``site.yaml``
    re-renders everything, and an edited event only its own pages.
    """

    def __init__(self, root: Path, options: Options = DEFAULTS, *, strict: bool = False) -> None:
        self.root, self.options, self.strict = root, options, strict
        self.memo = RenderMemo()
        self.quick = 0
        """How many builds took the quick path (one event's own words edited)."""
        self._theme_key: tuple[Any, ...] | None = None
        self._env: jinja2.Environment | None = None
        self._theme: Theme | None = None
        self._links = LinkIndex()
        self._published: tuple[OutputFile, ...] | None = None
        self._scoped: Memo = no_memo
        self._context: tuple[Any, ...] | None = None
        self._loaded: Loaded | None = None
        self._tasks: Mapping[Hashable, tuple[OutputFile, ...]] = {}
        self.served: Rendered | None = None
        """The last good build :meth:`complete` finished: what the preview serves."""

    def render(self, *, defer_publishing: bool = False, changed: Collection[Path] = (), first: Collection[str] = (),
               shown: Callable[[Rendered], None] | None = None) -> Rendered:
        """Render the site as it is on disk now.

        With ``defer_publishing`` the feeds, sitemap and exports of the
        previous build stand in for new ones (they show every event, so they
        are the slow part of an edit); :meth:`complete` then brings them up to date.
        ``changed`` (the files the watcher saw change) lets a save that only
        changes one event's own words take the quick path: that file alone is
        read again, and only the pages that show it are looked at; on that path,
        the tasks that make the files named in ``first`` (the pages open in a
        browser) are made before the others, and the site with only those
        remade goes to ``shown`` before the rest is.
        """
        self.memo.begin()
        config, _ = load_config(self.root / CONTENT_DIR, CONFIG_NAME)
        if config is not None and self.options.base_url:
            config = config.with_base_url(self.options.base_url)
        theme, problems = Theme.find(self.root, config.theme if config else "default")
        key = (theme.folders, theme.signature())
        if key != self._theme_key:
            self._theme_key, self._theme, self._env = key, theme, theme.environment()
        base_path = config.base_path if config else "/"
        if self._links.base_path != base_path:
            self._links = LinkIndex(base_path)
        context: tuple[Any, ...] = (self._theme_key, config, self.options)
        same = context == self._context
        if same and self._context is not None:
            context = self._context  # one object for one context: every memo entry then compares its context by identity
        self._scoped = ScopedMemo(self.memo, context)
        quick = self._quick(changed, first, shown) if changed and defer_publishing and not problems and same else None
        self._context = context
        result = quick or self._full(defer_publishing, problems)
        if result.ok:
            self._loaded, self._tasks = result.loaded, result.tasks
            self.memo.finish()
        else:
            self.memo.abandon()
        # what the memo keeps lives long: leave it out of every later garbage collection
        gc.freeze()
        return result

    def _full(self, defer_publishing: bool, problems: list[Problem]) -> Rendered:
        stale = self._published if defer_publishing else None
        publisher = self._publish if stale is None else (lambda site: stale)
        # link findings are warnings unless strict, so they may follow the reload
        check = not (defer_publishing and not self.strict)
        result = render(self.root, self.options, strict=self.strict, memo=self._scoped, theme=self._theme, env=self._env,
                        links=self._links, publisher=publisher, check=check)
        return Rendered(tuple(sorted([*result.problems, *problems])), False) if problems else result

    def _quick(self, changed: Collection[Path], first: Collection[str] = (), shown: Callable[[Rendered], None] | None = None) -> Rendered | None:
        """The rebuild after an edit :func:`~generator.content.assemble.reload_events` takes; ``None`` for any other."""
        if self._loaded is None or self._published is None or self._theme is None or self._env is None or not self._tasks:
            return None
        edited = edited_events(self.root, self._loaded, changed)
        if not edited:
            return None
        loaded, problems = reload_events(self._loaded, edited, self._scoped)
        if loaded is None or errors_in(problems, strict=self.strict):
            return None
        touched = touched_by(loaded.site, (loaded.records[source.display].id for source in edited))
        static = self._theme.static_files()
        try:
            early = {key: self._tasks[key] for key in touched & self._tasks.keys() if any(file.path in first for file in self._tasks[key])}
            if early and shown is not None:
                # the same touched set, so the timeline remakes the touched years inside the task; the later run takes these from the memo
                tasks = {**self._tasks, **rerender(self._env, loaded.site, early, touched, self._scoped)}
                shown(Rendered(tuple(sorted(problems)), True, loaded.site, _flat(tasks), self._published, static, loaded, tasks))
            tasks = rerender(self._env, loaded.site, self._tasks, touched, self._scoped)
        except jinja2.TemplateError:
            return None  # the full build reports it
        self.memo.carry()
        self.quick += 1
        return Rendered(tuple(sorted(problems)), True, loaded.site, _flat(tasks), self._published, static, loaded, tasks)

    def complete(self, result: Rendered) -> Rendered:
        """``result`` with fresh feeds, sitemap and exports, and its links checked."""
        if not result.ok or result.site is None:
            return result
        self.served = None  # until this completes: the preview then serves a build no finished one describes
        fresh = replace(result, published=self._publish(result.site))
        problems = [p for p in result.problems if p.key not in LINK_KEYS]
        self.served = _check_links(fresh, problems, self._links, self.strict)
        return self.served

    def _publish(self, site: Site) -> tuple[OutputFile, ...]:
        self._published = publishing_files(site, self._scoped)
        return self._published
