"""The registry of entity names and aliases, and resolving the names events use.

Names match case-insensitively after folding whitespace, so "Commerce
Department" and "commerce department" are one. A name that matches nothing but
is within a small edit distance of a known name is taken for a typo (an error
with "did you mean"); any other unknown name gets a page of its own, with a
warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import Problem, Severity
from .schema import EntityRecord, EventRecord, slugify


def fold(name: str) -> str:
    """The form names are compared in."""
    return " ".join(name.casefold().split())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``a`` to ``b``.

    Gives up, returning ``limit + 1``, once every path is past ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def typo_limit(name: str) -> int:
    """How many edits still count as a typo of a name this long."""
    return 0 if len(name) < 4 else 1 if len(name) <= 6 else 2


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entity ids per event id, and the names used without an entity file."""

    entities: Mapping[str, tuple[str, ...]]
    unfiled: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Registry:
    """Folded name or alias to entity id, and each entity's canonical name."""

    ids: Mapping[str, str]
    names: Mapping[str, str]

    @classmethod
    def build(cls, entities: Iterable[EntityRecord]) -> tuple[Registry, list[Problem]]:
        """Index every name and alias; two entities claiming one name is an error."""
        ids: dict[str, str] = {}
        names: dict[str, str] = {}
        owner: dict[str, EntityRecord] = {}
        problems: list[Problem] = []
        for entity in entities:
            if entity.id in owner:
                message = f"duplicate entity id {entity.id!r} (used by {owner[entity.id].path} and {entity.path})"
                problems += [Problem(e.path, 1, "id", message) for e in (owner[entity.id], entity)]
            owner[entity.id] = entity
            names[fold(entity.name)] = entity.name
            for key, name, line in [("name", entity.name, 2), *(("aliases", a.name, a.line) for a in entity.aliases)]:
                claimed = ids.setdefault(fold(name), entity.id)
                if claimed != entity.id:
                    problems.append(Problem(entity.path, line, key, f"{name!r} already names the entity in {owner[claimed].path}"))
        return cls(ids, names), problems

    def lookup(self, name: str) -> str | None:
        """The id of the entity with this name or alias."""
        return self.ids.get(fold(name))

    def suggest(self, name: str) -> str | None:
        """The known name or alias this one is probably a typo of."""
        folded = fold(name)
        limit = typo_limit(folded)
        best = min(((edit_distance(folded, known, limit), known) for known in self.ids), default=None)
        if best is None or best[0] > limit:
            return None
        return self.names.get(best[1], best[1])

    def resolve_all(self, events: Iterable[EventRecord], kept: Iterable[EventRecord]) -> tuple[Resolution, list[Problem]]:
        """Resolve every event's names; only kept events make pages for unfiled names."""
        kept_ids = {e.id for e in kept}
        resolved: dict[str, tuple[str, ...]] = {}
        unfiled: dict[str, str] = {}
        problems: list[Problem] = []
        for event in events:
            found: list[str] = []
            for mention in event.entities:
                ident = self.lookup(mention.name)
                if ident is None:
                    ident, problem = self._unknown(event, mention.name, mention.line, event.id in kept_ids)
                    if problem:
                        problems.append(problem)
                    if ident is None:
                        continue
                    unfiled.setdefault(ident, mention.name)
                if ident not in found:
                    found.append(ident)
            resolved[event.id] = tuple(found)
        return Resolution(resolved, unfiled), problems

    def _unknown(self, event: EventRecord, name: str, line: int, kept: bool) -> tuple[str | None, Problem | None]:
        suggestion = self.suggest(name)
        if suggestion is not None:
            return None, Problem(event.path, line, "entities", f"unknown entity {name!r} (did you mean {suggestion!r}?)")
        ident = slugify(name)
        if not ident or ident in self.ids.values():
            return None, Problem(event.path, line, "entities", f"unknown entity {name!r}: add it to the aliases of an entity or give it an entity file")
        if not kept:
            return None, None
        message = f"no entity file for {name!r}; its page shows the name only (add content/entities/{ident}.md)"
        return ident, Problem(event.path, line, "entities", message, Severity.WARNING)
