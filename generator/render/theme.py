"""Themes: where templates and static files come from, and the jinja2 environment.

A site's theme folder (``themes/<name>/``) may hold just the templates it
changes; every other template and asset falls back to the default theme.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..content.model import kind_label
from ..content.schema import slugify
from ..errors import Problem
from ..urls import year_anchor, year_page
from . import jinja
from .cards import theme_style

THEMES_DIR = "themes"
DEFAULT = "default"
BUILTIN = Path(__file__).resolve().parents[2] / THEMES_DIR / DEFAULT


@dataclass(frozen=True, slots=True)
class Theme:
    """The theme folders, most specific first."""

    folders: tuple[Path, ...]

    @classmethod
    def find(cls, root: Path, name: str) -> tuple[Theme, list[Problem]]:
        """The site's theme chained to the default one."""
        chosen = root / THEMES_DIR / name
        problems = []
        if not chosen.is_dir() and name != DEFAULT:
            problems.append(Problem("content/site.yaml", None, "theme", f"no theme folder {THEMES_DIR}/{name}/"))
        candidates = [chosen, root / THEMES_DIR / DEFAULT, BUILTIN]
        folders: list[Path] = []
        for folder in candidates:
            if folder.is_dir() and folder.resolve() not in [f.resolve() for f in folders]:
                folders.append(folder)
        return cls(tuple(folders)), problems

    def environment(self) -> jinja2.Environment:
        """Autoescaping, strict jinja2 over the theme's templates."""
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(f / "templates")) for f in self.folders])
        # no auto_reload: it would stat every template on every page; a changed theme gets a new environment (see Builder)
        env = jinja2.Environment(
            loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
        )
        jinja.use(env)
        env.globals.update(kind_label=kind_label, year_anchor=year_anchor, year_page=year_page)
        env.filters["slug"] = slugify
        env.globals["card_style"] = theme_style(self.folders)
        return env

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """Every theme file with its modification time and size: changes when the theme does."""
        found = []
        for folder in self.folders:
            for parent, dirs, names in os.walk(folder):
                dirs.sort()
                for name in sorted(names):
                    stat = (Path(parent) / name).stat()
                    found.append((os.path.join(parent, name), stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def templates(self) -> list[Path]:
        """Every template file of every theme folder, in a fixed order."""
        return sorted(f for folder in self.folders for f in (folder / "templates").rglob("*") if f.is_file())

    def static_files(self) -> dict[str, Path]:
        """Relative path under ``static/`` to the file that wins."""
        files: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / "static"
            for parent, dirs, names in os.walk(static):
                dirs.sort()
                for name in sorted(names):
                    file = Path(parent) / name
                    files[file.relative_to(static).as_posix()] = file
        return dict(sorted(files.items()))


def preload(env: jinja2.Environment) -> None:
    """Compile every template of ``env`` now, before the build forks its workers: they share them, rather than each compiling its own.

    A template that does not load is left for the first page that uses it,
    which reports it as it would have: a broken template no page uses breaks nothing.
    """
    for name in env.list_templates():
        try:
            env.get_template(name)
        except (jinja2.TemplateError, UnicodeError, OSError, SyntaxError):
            pass


def template_problem(exc: Exception, root: Path) -> Problem:
    """A template error as a problem naming the template file and line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(_shown(exc.filename or exc.name or "template", root), exc.lineno, None, f"template: {exc.message}")
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt", ".j2")):
            return Problem(_shown(frame.filename, root), frame.lineno, None, f"template: {exc}")
    return Problem("template", None, None, f"template: {exc}")


def _shown(filename: str, root: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return filename
