"""The build pipeline: gather the site, render it, check its links, write it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import exports, feeds, search, sitemap
from .assemble import CONTENT_DIR, DEFAULTS, Options, load_site
from .config import CONFIG_NAME, load_config
from .errors import Problem, Severity, errors_in
from .linkcheck import check_links
from .memo import Memo, RenderMemo, ScopedMemo, no_memo
from .model import Site
from .output import OutputError, check_target, write_site
from .outputfile import OutputFile
from .render import render_site
from .theme import Theme, template_problem


@dataclass(frozen=True, slots=True)
class Rendered:
    """A site rendered in memory: pages, theme assets and every problem found."""

    problems: tuple[Problem, ...]
    ok: bool
    site: Site | None = None
    pages: tuple[OutputFile, ...] = ()
    static: dict[str, Path] = field(default_factory=dict)


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


def render(root: Path, options: Options = DEFAULTS, *, strict: bool = False, memo: Memo = no_memo,
           theme: Theme | None = None, env: jinja2.Environment | None = None) -> Rendered:
    """Everything a build does short of writing; ``memo`` makes it incremental."""
    site, problems = load_site(root, options, memo)
    if theme is None:
        theme, theme_problems = Theme.find(root, site.config.theme if site else "default")
        problems += theme_problems
    if site is None or errors_in(problems, strict=strict):
        return Rendered(tuple(sorted(problems)), ok=False)
    try:
        pages = (*render_site(env or theme.environment(), site, memo), *publishing_files(site, memo))
    except jinja2.TemplateError as exc:
        return Rendered(tuple(sorted([*problems, template_problem(exc, root)])), ok=False)
    if site.config.public_url is None:
        message = "feeds and sitemap need an absolute address such as https://you.github.io/repo/; they were not written"
        problems.append(Problem(f"{CONTENT_DIR}/{CONFIG_NAME}", None, "base_url", message, Severity.WARNING))
    static = theme.static_files()
    problems += check_links(pages, ["static/" + name for name in static], site.config.base_path)
    return Rendered(tuple(sorted(problems)), not errors_in(problems, strict=strict), site, pages, static)


def publishing_files(site: Site, memo: Memo = no_memo) -> tuple[OutputFile, ...]:
    """Feeds, sitemap and data exports: they show every event, so any change redoes them."""
    inputs = (site.events, tuple(site.entities.values()))
    return memo("publishing", inputs, lambda: (*feeds.files(site), *sitemap.files(site), *exports.files(site), *search.files(site)))


def build(root: Path, *, output: Path | None = None, options: Options = DEFAULTS, strict: bool = False, write: bool = True) -> BuildResult:
    """Build the site at ``root`` into ``output`` (default: site.yaml's ``output``)."""
    started = time.perf_counter()
    result = render(root, options, strict=strict)
    site = result.site
    if not result.ok or site is None:
        return BuildResult(result.problems, ok=False)
    out = output if output is not None else root / site.config.output
    try:
        check_target(out, root, root / CONTENT_DIR)
        count = write_site(out, result.pages, result.static) if write else len(result.pages)
    except (OutputError, OSError) as exc:
        problem = Problem(str(out), None, None, f"cannot write output: {exc}")
        return BuildResult(tuple(sorted([*result.problems, problem])), ok=False)
    seconds = time.perf_counter() - started
    return BuildResult(result.problems, True, out, count, len(site.events), len(site.entities), seconds, site)


class Builder:
    """Builds one site again and again, redoing only what its changes touch.

    Used by the preview server. Pages are memoised on their inputs plus the
    settings and the theme files, so a changed template or ``site.yaml``
    re-renders everything, and an edited event only its own pages.
    """

    def __init__(self, root: Path, options: Options = DEFAULTS, *, strict: bool = False) -> None:
        self.root, self.options, self.strict = root, options, strict
        self.memo = RenderMemo()
        self._theme_key: tuple[Any, ...] | None = None
        self._env: jinja2.Environment | None = None
        self._theme: Theme | None = None

    def render(self) -> Rendered:
        """Render the site as it is on disk now."""
        self.memo.begin()
        config, _ = load_config(self.root / CONTENT_DIR, CONFIG_NAME)
        theme, problems = Theme.find(self.root, config.theme if config else "default")
        key = (theme.folders, theme.signature())
        if key != self._theme_key:
            self._theme_key, self._theme, self._env = key, theme, theme.environment()
        memo = ScopedMemo(self.memo, (self._theme_key, config, self.options))
        result = render(self.root, self.options, strict=self.strict, memo=memo, theme=self._theme, env=self._env)
        if problems:
            result = Rendered(tuple(sorted([*result.problems, *problems])), False)
        if result.ok:
            self.memo.finish()
        else:
            self.memo.abandon()
        return result
