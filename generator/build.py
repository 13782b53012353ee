"""The build pipeline: gather the site, render it, write it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .assemble import CONTENT_DIR, DEFAULTS, Options, load_site
from .errors import Problem, errors_in
from .linkcheck import check_links
from .model import Site
from .output import OutputError, check_target, write_site
from .render import OutputFile, render_site
from .theme import Theme, template_problem


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


def build(root: Path, *, output: Path | None = None, options: Options = DEFAULTS, strict: bool = False, write: bool = True) -> BuildResult:
    """Build the site at ``root`` into ``output`` (default: site.yaml's ``output``)."""
    started = time.perf_counter()
    site, problems = load_site(root, options)
    theme, theme_problems = Theme.find(root, site.config.theme if site else "default")
    problems += theme_problems
    if site is None or errors_in(problems, strict=strict):
        return BuildResult(tuple(sorted(problems)), ok=False)
    out = output if output is not None else root / site.config.output
    try:
        check_target(out, root, root / CONTENT_DIR)
        files: list[OutputFile] = list(render_site(theme.environment(), site))
        static = theme.static_files()
        problems += check_links(files, ["static/" + name for name in static], site.config.base_path)
        if errors_in(problems, strict=strict):
            return BuildResult(tuple(sorted(problems)), ok=False)
        count = write_site(out, files, static) if write else len(files)
    except jinja2.TemplateError as exc:
        problems.append(template_problem(exc, root))
        return BuildResult(tuple(sorted(problems)), ok=False)
    except (OutputError, OSError) as exc:
        problems.append(Problem(str(out), None, None, f"cannot write output: {exc}"))
        return BuildResult(tuple(sorted(problems)), ok=False)
    seconds = time.perf_counter() - started
    return BuildResult(tuple(sorted(problems)), True, out, count, len(site.events), len(site.entities), seconds, site)
