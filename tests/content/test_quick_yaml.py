"""The quick front-matter reader gives what PyYAML gives: the same values, line marks and problems.

``parse_yaml`` reads plain front matter itself (``generator.content.quickyaml``)
and hands everything else to PyYAML (``read_yaml``). The properties below write
front matter in and around the plain subset (quoted and plain scalars,
near-miss values, comments, tabs, odd indentation, duplicate keys, flow and
block lists, nested mappings) and compare both readers on every example; the
shipped site and the benchmark corpus must read to identical documents both ways.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench import corpus
from generator.content import frontmatter
from generator.content.frontmatter import Document, parse_document, parse_yaml, read_quickly, read_yaml
from generator.errors import Problem

BOUNDED = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROOT = Path(__file__).resolve().parents[2]

NEAR_MISSES = [
    "'it''s'", '"a\\tb"', '"a\tb"', "0o17", "0x1f", "017", "1e3", "1.5", "1_000", "-7", "+7", "0", "-0", "12345678901234567890",
    "yes", "No", "ON", "off", "True", "FALSE", "~", "null", "Null", "NULL", "2019-02-30", "2019", "2019-05-16T10:00:00+05:00",
    "1:30", "<<", "=", ".inf", ".nan", "key:value", "a: b", "a:", "a #c", "a#c", "#c", "&a x", "*a", "!!str 1", "|", ">", "? a",
    "- a", "-a", "-1 apples", "[a, b]", "[a,b]", "[ ]", "[]", "[a, ]", "[a,,b]", "[a, [b]]", "[a: b]", "['a', b]", "[a, b] c",
    "{a: 1}", "{}", "'a' b", "'a", "\"a", "''", '""', "'''a'", "'a'''", "\"a'b\"", "'a\"b'", "a'b", "it's", "%x", "@x", "`x",
    "a, b [c] {d}", "https://example.org/a#b?c=d", "café", "华为", "😀", "a\u00a0", "\u00a0a", "a\u2028b", "a\x85b", "\ufeffa",
    "a\x07b", "a  b", "a ", "a\t", " a",
]
ALPHABET = st.sampled_from(list("ab1-_:#'\" []{},&*!|>%@`?.\\~") + ["\t", "\u00a0", "é", "华", "😀", "\u2028", "\ufeff"])
PLAIN = st.builds(
    str.__add__, st.sampled_from(list("abcnoyYZ0129.é华😀")), st.text(st.sampled_from(list("abcXYZ0129 -_.,/:'\"()?!é华😀")), max_size=12)
)
"""Mostly text the quick reader takes, to be compared with PyYAML there too."""
SCALAR = st.one_of(
    st.sampled_from(NEAR_MISSES),
    PLAIN,
    PLAIN,
    st.text(ALPHABET, min_size=1, max_size=10),
    st.one_of(PLAIN, st.text(ALPHABET, max_size=8)).map(lambda text: "'" + text + "'"),
    st.one_of(PLAIN, st.text(ALPHABET, max_size=8)).map(lambda text: '"' + text + '"'),
    st.text(ALPHABET, max_size=8).map(lambda text: json.dumps(text, ensure_ascii=False)),
)
GOOD_KEY = st.sampled_from(["title", "date", "a", "b_c", "end-date", "_x", "Url2"])
KEY = GOOD_KEY | st.sampled_from(["k.dot", "ключ", "yes", "null", "on", "2019", "~", "a b", "'q'", '"d"', "<<", "-k", "k ", "k:v"])
GOOD_SCALAR = PLAIN | PLAIN.map(lambda text: "'" + text.replace("'", "''") + "'") | PLAIN.map(lambda text: '"' + text.replace('"', "") + '"')
NOISE = st.sampled_from(["", "   ", "# a comment", "  # indented comment", "\t", "...x", "--- x", "%YAML 1.1", "? k", ": v"])


@dataclass(frozen=True)
class Style:
    """How front matter is written: plainly (mostly read quickly), or anyhow (mostly left to PyYAML)."""

    key: st.SearchStrategy[str]
    scalar: st.SearchStrategy[str]
    kinds: tuple[str, ...]
    list_indents: tuple[int, ...]
    mapping_indents: tuple[int, ...]
    gaps: tuple[int, ...]

    @property
    def flow(self) -> st.SearchStrategy[str]:
        return st.lists(self.scalar, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")


PLAINLY = Style(GOOD_KEY, GOOD_SCALAR, ("scalar", "scalar", "flow", "null"), (0, 2), (2, 4), (1, 1, 2))
ANYHOW = Style(KEY, SCALAR | PLAIN, ("scalar", "scalar", "flow", "null", "noise"), (0, 1, 2, 2, 3, 4), (1, 2, 2, 4), (1, 1, 2))


@st.composite
def block(draw: st.DrawFn, style: Style, indent: int, depth: int) -> list[str]:
    """The lines of a block mapping at ``indent``; values nest up to ``depth`` more levels."""
    lines: list[str] = []
    for key in draw(st.lists(style.key, min_size=1, max_size=5, unique=style is PLAINLY)):
        lines += draw(entry(style, key, indent, depth))
    return lines


@st.composite
def entry(draw: st.DrawFn, style: Style, key: str, indent: int, depth: int) -> list[str]:
    """One ``key: value`` with its value on the line or below it, or a line of noise."""
    pad = " " * indent
    kind = draw(st.sampled_from(style.kinds + ("list", "records", "records", "mapping") * (depth > 0)))
    if kind == "scalar":
        return [f"{pad}{key}: {draw(style.scalar)}"]
    if kind == "flow":
        return [f"{pad}{key}: {draw(style.flow)}"]
    if kind == "null":
        return [f"{pad}{key}:" + draw(st.sampled_from(["", " ", "  "]))]
    if kind == "noise":
        return [pad * draw(st.integers(0, 1)) + draw(NOISE)]
    if kind == "mapping":
        return [f"{pad}{key}:", *draw(block(style, indent + draw(st.sampled_from(style.mapping_indents)), depth - 1))]
    inner = indent + draw(st.sampled_from(style.list_indents))
    items: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        items += draw(item(style, inner, depth - 1, kind == "records"))
    return [f"{pad}{key}:", *items]


@st.composite
def item(draw: st.DrawFn, style: Style, indent: int, depth: int, records: bool) -> list[str]:
    """One ``- item``: a scalar or a flow list, or a mapping whose first key is on the dash's line."""
    pad = " " * indent
    if not records:
        odd = st.sampled_from(["", "- a", "-"]) if style is ANYHOW else st.nothing()
        value = draw(style.scalar | style.scalar | style.flow | odd)
        return [f"{pad}- {value}".rstrip(" ") if value == "" else f"{pad}- {value}"]
    gap = draw(st.sampled_from(style.gaps))
    first, *rest = draw(block(style, indent + 1 + gap, depth))
    return [f"{pad}-{' ' * gap}{first.lstrip(' ')}", *rest]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """Front matter written plainly or anyhow, sometimes with one character put in or taken out."""
    lines = draw(block(draw(st.sampled_from([PLAINLY, PLAINLY, ANYHOW])), 0, 2))
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))
    if text and draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + draw(st.sampled_from(["", " ", "\t", "#", ":", "-", "'", "\n", "\n  ", "\u00a0"])) + text[at + 1 :]
    return text


def both_ways(source: str, first_line: int = 2) -> tuple[str, str]:
    """What ``parse_yaml`` and PyYAML make of ``source``, spelled out with types and order (``1`` is not ``True``)."""
    quick, slow = parse_yaml(source, "f.md", first_line), read_yaml(source, "f.md", first_line)
    return spelled(quick), spelled(slow)


def spelled(result: tuple[Any, dict[str, int], list[Any]]) -> str:
    data, lines, problems = result
    return repr((data, list(lines.items()), problems))


@BOUNDED
@given(front_matter())
@example("title: 'it''s'\ndate: 2019-02-30\ntags: [a, b]\n")
@example('title: "a\\tb"\nn: 0o17\nf: 1e3\nb: yes\nz: ~\n')
@example("title: x   \nk.dot: 1\nключ: 2\nkey:value\n")
@example("a: 1\na: 2\n")
@example("title: x # note\n")
@example("sources:\n  - name: a\n    url: b\n  - name: c\n   url: d\n")
def test_parse_yaml_matches_pyyaml(source: str) -> None:
    quick, slow = both_ways(source)
    assert quick == slow


@pytest.mark.parametrize("value", NEAR_MISSES)
def test_near_misses_read_the_same(value: str) -> None:
    """Each value near the plain subset, as a mapping value, a list item, and inside flow lists and mappings."""
    for source in (f"k: {value}\n", f"k:\n  - {value}\n", f"k:\n- name: {value}\n  url: x\n", f"k: [{value}, x]\n", f"k: {{a: {value}}}\n"):
        quick, slow = both_ways(source)
        assert quick == slow, source


LAYOUTS = [
    "a: x\n  b: y\n", "a: x\n b\n", "a:\n  b: 1\n c: 2\n", "a:\n  - x\n - y\n", "a:\n  - x\n  b: 1\n", "a:\n- x\nb: 1\n",
    "a:\n  - x\n    y\n", "a:\n  -  b: 1\n     c: 2\n", "a:\n  - b: 1\n   c: 2\n", "a:\n  - b: 1\n     c: 2\n", "a:\n  - b:\n    - c\n",
    "a:\n  - b:\n  - c\n", "a:\n  -\n  - c\n", "a:\n  - - c\n", " a: 1\n", "a: 1\n\n\nb: 2\n", "a:\n\n  b: 1\n", "a:\n  x\n",
    "a: [x,\n  y]\n", "a: 'x\n  y'\n", "a: \"x\n  y\"\n", "a: |\n  x\n", "- a\n", "a\n", "", "   \n", "a: {b: 1}\nc: {}\n",
    "a: {b: [1]}\n", "a: {b: 1, b: 2}\n", "a: {'b': 1}\n", "a: {b:1}\n", "a: {b: c d, e: 'f, g'}\n", "a:\n  b:\n    c:\n      d: 1\n",
]


@pytest.mark.parametrize("source", LAYOUTS)
def test_layouts_read_the_same(source: str) -> None:
    """Indentation, nesting and line shapes on both sides of what the quick reader takes."""
    quick, slow = both_ways(source)
    assert quick == slow


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["title", "summary", "name"]), st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)), max_size=4))
def test_any_characters_read_the_same(pairs: list[tuple[str, str]]) -> None:
    """Every character PyYAML may refuse, treat as a break or strip, in plain, single- and double-quoted scalars."""
    for key, text in pairs:
        for value in (text, "'" + text + "'", '"' + text + '"', f"[{text}]"):
            quick, slow = both_ways(f"{key}: {value}\n", 1)
            assert quick == slow


def test_plain_front_matter_is_read_without_pyyaml() -> None:
    """The quick path is taken for the shapes event files are written in (else the properties above prove nothing)."""
    source = (
        'title: "A t" \ndate: 2019-05-16\ndraft: false\nn: -12\nentities:\n  - Huawei\ntags: [5g, fcc]\n'
        "# where it was reported\nsources:\n  - name: 'N'\n    # the page itself\n    url: https://e.org/a#b\nextra:\n  k: ~\n"
        "entities2:\n  - {name: ZTE, role: 'target, first'}\n"
    )
    assert read_quickly(source, 2) is not None
    assert both_ways(source)[0] == both_ways(source)[1]


def split_by_lines(text: str) -> tuple[str, str, int] | None:
    """What ``split`` must give: the file cut into lines, the fences found among them, the rest joined again."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["---", "--- ", "---\x0c", "...", "....", " ---", "---x", "", "a: 1", "\u2028", "x\ry"]), max_size=7), st.booleans())
def test_split_finds_the_fences_as_lines_would(lines: list[str], newline: bool) -> None:
    text = "\n".join(lines) + "\n" * newline
    found = frontmatter.split(text, "f.md")
    expected = split_by_lines(text)
    assert (None if isinstance(found, Problem) else found) == expected
    if expected is None:
        opened = text.split("\n")[0].rstrip() == "---"
        assert isinstance(found, Problem) and found.message.startswith("front matter is not closed" if opened else "missing front matter")


def documents(text: str, path: str) -> tuple[str, str]:
    """The document ``text`` reads to, with the quick reader and with PyYAML alone."""
    quick, problems = parse_document(text, path)
    source, body, body_line = frontmatter.split(text, path)  # type: ignore[misc]
    data, lines, slow_problems = read_yaml(source, path, 2)
    slow = Document(path, data, lines, body, body_line) if not slow_problems and isinstance(data, dict) else None
    return repr((quick, problems)), repr((slow, slow_problems))


def test_the_shipped_site_reads_the_same_both_ways() -> None:
    files = sorted((ROOT / "content").rglob("*.md"))
    assert files
    for file in files:
        quick, slow = documents(file.read_text(encoding="utf-8"), file.relative_to(ROOT).as_posix())
        assert quick == slow, file
    site = (ROOT / "content" / "site.yaml").read_text(encoding="utf-8")
    assert spelled(parse_yaml(site, "content/site.yaml", 1)) == spelled(read_yaml(site, "content/site.yaml", 1))


def test_the_benchmark_corpus_reads_the_same_both_ways() -> None:
    entities, articles = corpus.generate(4000, 42)
    files = [(f"events/{a.slug}.md", corpus.event_file(a)) for a in articles] + [(f"entities/{e.slug}.md", corpus.entity_file(e)) for e in entities]
    for path, text in files:
        quick, slow = documents(text, path)
        assert quick == slow, path
