"""Resolving cross-references (``event:<id>#<heading>``, ``entity:<name>``) to URLs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import urls
from ..errors import Problem
from .fields import did_you_mean
from .markdown import Reference
from .registry import Registry


@dataclass(frozen=True, slots=True)
class Targets:
    """Everything a reference may point at."""

    events: Mapping[str, str]
    """Event id or former id (alias) to the current id."""
    headings: Mapping[str, tuple[str, ...]]
    """Current event id to the heading ids of its body."""
    entities: frozenset[str]
    registry: Registry

    def entity_id(self, target: str) -> str | None:
        """An entity by id, name or alias (``commerce-department`` also matches the alias)."""
        if target in self.entities:
            return target
        for name in (target, target.replace("-", " ").replace("_", " ")):
            ident = self.registry.lookup(name)
            if ident is not None and ident in self.entities:
                return ident
        return None


def resolve(targets: Targets, reference: Reference, page: str, source: str) -> tuple[str, Problem | None]:
    """The URL of ``reference`` from ``page``, or a problem (and the link left as written)."""
    if reference.kind == "entity":
        ident = targets.entity_id(reference.target)
        if ident is None:
            hint = targets.registry.suggest(reference.target)
            more = f" (did you mean {hint!r}?)" if hint else ""
            return reference.written, _problem(source, reference, f"no entity {reference.target!r}{more}")
        return urls.relative(page, urls.entity_path(ident), reference.fragment), None
    ident = targets.events.get(reference.target)
    if ident is None:
        more = did_you_mean(reference.target, list(targets.events), cutoff=0.6)
        return reference.written, _problem(source, reference, f"no event with id {reference.target!r}{more}")
    fragment = reference.fragment
    if fragment and fragment not in targets.headings.get(ident, ()):
        more = did_you_mean(fragment, targets.headings.get(ident, ()), cutoff=0.6)
        return reference.written, _problem(source, reference, f"event {ident!r} has no heading {fragment!r}{more}")
    return urls.relative(page, urls.event_path(ident), fragment), None


def _problem(source: str, reference: Reference, message: str) -> Problem:
    return Problem(source, reference.line, "link", message, column=reference.column)
