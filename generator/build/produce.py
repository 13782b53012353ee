"""Making a build's files: each task kept from the page cache or run (in a worker where that pays), written, its links read.

A task whose inputs are unchanged since the previous build, and whose files
are still in the output folder as they were written, is kept: nothing is
rendered or written for it, and its links are checked from what the page cache
remembers. Every other task runs where :func:`~generator.pool.run_all`
puts it, writes its files into the staging folder and reports them back, with
what the link checker needs of each page. Only that report crosses between
processes, so the result is the same whichever process made a page.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple

import jinja2

from ..content.cache import CACHE_DIR
from ..errors import Problem
from ..outputfile import OutputFile, RecordFile
from ..pool import forks, run_all
from ..render.tasks import Task
from ..render.theme import template_problem
from .linkcheck import LinkIndex
from .linkscan import Page, places, scan, unpack
from .output import Writer
from .pagecache import Fingerprints, Made, PageCache, Written

STATIC_KEY = ("static",)


class TemplateFailed(Exception):
    """A template failed while a task ran (in whichever process); ``args[0]`` is the problem."""


_Row = tuple[str, int, int, str | None, str]
"""A :class:`Written` as its fields, in order: what crosses from a worker (a plain tuple is the cheapest to send)."""


class _Done(NamedTuple):
    """What one task reports: the files it wrote and where their links lead, or the template error that stopped it."""

    number: int
    files: tuple[_Row, ...] = ()
    places: frozenset[tuple[str, str]] = frozenset()
    """Where its pages' links lead, but for the places this process reported with an earlier task: the rest is known."""
    problem: Problem | None = None


class Production:
    """One build's tasks, made or kept, into one staging folder, and their links checked.

    ``pages`` is the page cache (``None``: keep nothing, remember nothing);
    ``static`` the theme files to copy; ``early`` makes the files known before
    any task runs (the body cache): they are written first, so what they hold
    is let go before the workers start rather than kept to the end.
    ``before_fork`` runs when the tasks to make go to forked workers, just
    before they start: what it loads (the templates) is then loaded once, not once per worker.
    """

    def __init__(self, root: Path, tasks: list[Task], links: LinkIndex, pages: PageCache | None,
                 static: dict[str, Path], early: Callable[[], Iterable[RecordFile]] = tuple,
                 before_fork: Callable[[], None] = lambda: None) -> None:
        self.root, self.links, self.pages, self.early, self.before_fork = root, links, pages, early, before_fork
        self.tasks = [*tasks, _static_task(static)]
        self.made = 0
        """How many tasks ran (the rest were kept)."""
        self.found: list[Problem] = []
        """What the link check found, once :meth:`fill` is done."""
        self._paths: set[str] = set()
        self.kept: list[str] = []
        """The files kept from the previous output as they are, once :meth:`fill` is done: publishing links them across."""
        self._checked: list[Written] = []  # the pages whose links were added, for naming the broken ones
        self._changed_ids = False
        self._writer: Writer | None = None
        self._reported: set[tuple[str, str]] = set()  # the link places this process sent: each forked worker has its own

    def fill(self, staging: Path | None) -> int:
        """Make or keep every task's files, writing what is made into ``staging`` (``None``: write nothing).

        Returns how many files the site has (the caches are not counted).
        """
        self._writer = Writer(staging) if staging else None
        self.links.start()
        for file in self.early():
            self._add_one(file)
        kept, todo, fingerprints = self._plan()
        previous_ids = self.pages.previous_ids if self.pages else {}
        if forks(len(todo)):
            self.before_fork()
        # while workers run, what stays here is long-lived: keep the collector off it
        gc.freeze()
        for done in run_all(len(todo), lambda n: self._run(todo[n]), partial(self._fingerprint, todo, fingerprints)):
            if done.problem:
                raise TemplateFailed(done.problem)
            files = tuple(Written(*row) for row in done.files)
            self._add(files, done.places)
            self._changed_ids = self._changed_ids or any(previous_ids.get(w.path, w.ids) != w.ids for w in files)
            if self.pages is not None:
                self.pages.record(self.tasks[done.number].key, Made(fingerprints[done.number], files))
        self.made = len(todo)
        self._keep(kept)
        self.found = self.links.finish(self._checked_pages)
        self._checked = []  # only naming broken links needed them, each with its links: let them go before publishing
        if self.pages is not None and not self.pages.unchanged_after(self.found):
            self._add_one(self.pages.file())
        return sum(1 for path in self._paths if not path.startswith(CACHE_DIR + "/"))

    def paths(self) -> set[str]:
        """Every file of the new output (the caches included), once :meth:`fill` is done."""
        return self._paths

    def _plan(self) -> tuple[list[Made], list[int], dict[int, bytes]]:
        """What the page cache keeps, and the numbers of the tasks to run with their fingerprints."""
        if not self.pages:
            # nothing to keep: the fingerprints (if any are wanted) are taken while the tasks run (see _fingerprint)
            return [], list(range(len(self.tasks))), {}
        kept: list[Made] = []
        todo: list[int] = []
        fingerprints: dict[int, bytes] = {}
        digests = Fingerprints()
        for number, task in enumerate(self.tasks):
            fingerprint = digests.of(task.inputs())
            made = self.pages.reuse(task.key, fingerprint)
            if made is None:
                todo.append(number)
                fingerprints[number] = fingerprint
            else:
                kept.append(made)
        return kept, todo, fingerprints

    def _fingerprint(self, todo: list[int], fingerprints: dict[int, bytes]) -> None:
        """Take the fingerprints an empty page cache wants, and :meth:`_plan` did not: here, while the workers render.

        This process only waits for them meanwhile, and takes each event's digest
        once, where each worker would take those of the events its tasks show.
        """
        if self.pages is not None and not self.pages:
            digests = Fingerprints()  # let go once taken: the records' digests are of no use past here
            fingerprints.update((number, digests.of(self.tasks[number].inputs())) for number in todo)

    def _keep(self, kept: list[Made]) -> None:
        """Add the kept files: a page's links are checked again only if its verdict may have changed."""
        assert self.pages is not None or not kept
        paths = {w.path for made in kept for w in made.files}
        # a link can only break when a page it points at went away or changed its ids
        moved = self._changed_ids or bool(self.pages and self.pages.previous_paths - paths - self._paths)
        for made in kept:
            for written in made.files:
                self._paths.add(written.path)
                self.kept.append(written.path)
                if written.ids is None:
                    self.links.add(written.path)
                elif moved or (self.pages and self.pages.was_flagged(written.path)):
                    self._add((written,), places(unpack(written.path, written.ids, written.links, self.links.base_path)))
                else:
                    self.links.keep(written.path, written.ids)

    def _run(self, number: int) -> _Done:
        written: list[_Row] = []
        found: set[tuple[str, str]] = set()
        task = self.tasks[number]
        try:
            for file in task.make():  # written as made: a task may make many large files (the feeds)
                done, page_places = self._write(file)
                written.append((done.path, done.size, done.mtime_ns, done.ids, done.links))
                found |= page_places
        except jinja2.TemplateError as exc:
            return _Done(number, problem=template_problem(exc, self.root))
        # the same few thousand places recur on every page: only new ones cross back to the parent
        new = frozenset(found - self._reported)
        self._reported |= new
        return _Done(number, tuple(written), new)

    def _write(self, file: OutputFile | RecordFile) -> tuple[Written, set[tuple[str, str]]]:
        size, mtime = self._writer.write(file) if self._writer else (0, 0)
        if not isinstance(file, OutputFile) or not file.path.endswith(".html"):
            return Written(file.path, size, mtime), set()
        page = scan(file.path, file.data, self.links.base_path)
        return Written(file.path, size, mtime, page.ids, page.links), page.places

    def _checked_pages(self) -> Iterator[tuple[str, Page]]:
        for written in self._checked:
            yield written.path, unpack(written.path, written.ids or "", written.links, self.links.base_path)

    def _add_one(self, file: RecordFile) -> None:
        written, found = self._write(file)
        self._add((written,), found)

    def _add(self, files: Iterable[Written], found: Iterable[tuple[str, str]]) -> None:
        for written in files:
            self._paths.add(written.path)
            self.links.add(written.path, written.ids)
            if written.ids is not None:  # a page
                self._checked.append(written)
        self.links.want(found)


def _static_task(static: dict[str, Path]) -> Task:
    """The theme's static files as one task: kept while their bytes are unchanged."""
    def inputs() -> tuple[tuple[str, bytes], ...]:
        return tuple((name, source.read_bytes()) for name, source in static.items())

    return Task(STATIC_KEY, inputs, lambda: [OutputFile("static/" + name, data) for name, data in inputs()])
