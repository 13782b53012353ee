"""Finding the registry's entities in a page's headline, standfirst and body.

Rules, in the order they apply:

* Whole words only: "Ren" is not found in "Renault"; CJK names, written without
  spaces, are found anywhere.
* Case: the page may capitalise a name more than the registry spells it, never
  less. "Commerce" (registry) matches "Commerce" and "COMMERCE", not the word
  "commerce"; "blacklist" (registry, lower case) matches any capitalisation.
* Where capitals prove nothing — at the start of a sentence, or anywhere in a
  Title Case or ALL CAPS headline — a one-word capitalised name ("Commerce",
  "Ross") counts only if the page never uses that word in lower case.
* Longest match first: "Commerce Secretary Wilbur Ross" is Wilbur Ross, not
  also the Commerce Department; a shorter match inside a longer one is dropped.
  Two names that only share a word are both found: "the US Department of
  Commerce's Bureau of Industry and Security" names the department and the bureau.
* Each entity once, by canonical name, in order of first appearance.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.frontmatter import read_document
from ..content.registry import fold
from ..content.schema import EntityRecord, read_entity
from ..content.sources import ENTITIES_DIR, find
from .text import is_upper, key, title_case_ratio

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LOWER_WORD = re.compile(r"(?<![\w'])[^\W\d_]+(?![\w'])")


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling of an entity's name, and the pattern that finds it."""

    spelling: str
    canonical: str
    pattern: re.Pattern[str]

    @property
    def is_capitalised_word(self) -> bool:
        """A single word written with an initial capital only ("Commerce"), which may also be a common word."""
        return " " not in self.spelling and self.spelling[:1].isupper() and self.spelling[1:].islower()


@dataclass(frozen=True, slots=True)
class _Match:
    segment: int
    start: int
    end: int
    variant: Variant


@dataclass(frozen=True, slots=True)
class Matcher:
    """Every spelling of every entity, ready to search page text."""

    variants: tuple[Variant, ...]

    @classmethod
    def build(cls, entities: Iterable[tuple[str, Sequence[str]]]) -> Matcher:
        """From ``(canonical name, aliases)`` pairs; a spelling claimed twice keeps its first owner."""
        seen: set[str] = set()
        variants: list[Variant] = []
        for canonical, aliases in entities:
            for spelling in (canonical, *aliases):
                spelling = key(" ".join(spelling.split()))
                if spelling and spelling not in seen:
                    seen.add(spelling)
                    variants.append(Variant(spelling, canonical, _pattern(spelling)))
        return cls(tuple(variants))

    @classmethod
    def from_records(cls, records: Iterable[EntityRecord]) -> Matcher:
        """From the registry's entity records."""
        return cls.build((r.name, tuple(a.name for a in r.aliases)) for r in records)

    def find(self, texts: Sequence[str]) -> tuple[str, ...]:
        """Canonical names found in ``texts`` (headline first), each once, in order of first appearance."""
        keyed = [key(text) for text in texts]
        lower_words = {w for text in keyed for w in _LOWER_WORD.findall(text) if w.islower()}
        candidates = [
            m for index, text in enumerate(keyed) for m in self._candidates(index, text)
            if not (m.variant.is_capitalised_word and _ambiguous(keyed, m) and m.variant.spelling.lower() in lower_words)
        ]
        chosen: list[_Match] = []
        for match in sorted(candidates, key=lambda m: (m.start - m.end, m.segment, m.start)):
            if not any(c.segment == match.segment and c.start <= match.start and match.end <= c.end for c in chosen):
                chosen.append(match)
        names: list[str] = []
        for match in sorted(chosen, key=lambda m: (m.segment, m.start)):
            if match.variant.canonical not in names:
                names.append(match.variant.canonical)
        return tuple(names)

    def canonical(self, name: str) -> str | None:
        """The canonical name for a name or alias, compared as the registry compares (case and spacing ignored)."""
        wanted = fold(key(name))
        return next((v.canonical for v in self.variants if fold(v.spelling) == wanted), None)

    def suggest(self, name: str) -> str | None:
        """The canonical name a misspelt name probably means."""
        close = difflib.get_close_matches(fold(key(name)), [fold(v.spelling) for v in self.variants], n=1, cutoff=0.8)
        return self.canonical(close[0]) if close else None

    def _candidates(self, segment: int, text: str) -> Iterable[_Match]:
        for variant in self.variants:
            for found in variant.pattern.finditer(text):
                if _case_allows(variant.spelling, found.group()):
                    yield _Match(segment, found.start(), found.end(), variant)


def _pattern(spelling: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in spelling.split(" "))
    if not _CJK.search(spelling):
        body = (r"(?<!\w)" if re.match(r"\w", spelling) else "") + body + (r"(?!\w)" if re.search(r"\w$", spelling) else "")
    return re.compile(body, re.IGNORECASE)


def _case_allows(spelling: str, found: str) -> bool:
    """More capitals than the registry's spelling are fine ("HUAWEI"); fewer are not ("commerce")."""
    if len(spelling) != len(found):
        return fold(spelling) == fold(found) and spelling == found
    return all(not s.isupper() or f.isupper() for s, f in zip(spelling, found, strict=True))


def _ambiguous(texts: Sequence[str], match: _Match) -> bool:
    """Whether capitals prove nothing where ``match`` is: a sentence's first word, or a Title Case or ALL CAPS headline."""
    text = texts[match.segment]
    if match.segment == 0 and (title_case_ratio(text) >= 0.6 or is_upper(text)):
        return True
    before = text[: match.start].rstrip(" \"'([")
    return not before or before[-1] in ".!?:;-"


def load_matcher(root: Path) -> tuple[Matcher, int]:
    """The matcher for the site at ``root``, and how many entity files could not be read."""
    content = root / "content"
    records: list[EntityRecord] = []
    unreadable = 0
    for source in find(root, content, ENTITIES_DIR):
        document, _ = read_document(source.file, source.display)
        record = read_entity(document, source.stem)[0] if document is not None else None
        if record is None:
            unreadable += 1
        else:
            records.append(record)
    return Matcher.from_records(records), unreadable
