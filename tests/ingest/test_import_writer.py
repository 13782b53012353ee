"""The written event: front matter the build reads back, a body Markdown shows exactly as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.dates import PartialDate
from generator.content.markdown import make_markdown, plain_text
from generator.content.schema import Source
from generator.ingest.importer import import_text
from generator.ingest.writer import Draft, escape, event_path, event_text, slug
from import_fixtures.support import matcher, read_back

P1 = "The Commerce Department said on Thursday that it had added Huawei and dozens of affiliates to its Entity List."
P2 = "The decision means American suppliers will need a licence before they can sell the company parts or software."

MD = make_markdown()


def rendered(markdown: str) -> list[str]:
    """The paragraphs Markdown makes of ``markdown``, as plain text; anything else is named by its type."""
    tokens = MD.parse(markdown)
    blocks = [t for t in tokens if t.level == 0 and t.nesting != -1]
    return [plain_text(tokens[tokens.index(t) + 1]) if t.type == "paragraph_open" else t.type for t in blocks]


@pytest.mark.parametrize(
    "paragraph",
    [
        "# not a heading",
        "> not a quote",
        "- not a list item",
        "* not a list item either",
        "+ nor this",
        "1. not a numbered item",
        "2019) not one either",
        "---",
        "===",
        "*stars* and _underscores_ and __double__ stay literal",
        "`code` and ```fences``` too",
        "[a link](https://example.org) and [^1] a footnote",
        "<b>tags</b> and <https://example.org> autolinks",
        "~~struck~~ text, and a \\ backslash \\* before a star",
        "AT&T and &amp; and &#169; entities",
        "| a | table? |",
        "snake_case_names stay readable",
        "~~~",
    ],
)
def test_escaped_paragraphs_render_as_written(paragraph: str) -> None:
    assert rendered(escape(paragraph)) == [paragraph]


def test_escaping_leaves_plain_prose_alone() -> None:
    text = "Huawei’s revenue rose 5% in 2019 — the company said, citing “strong demand” (and U.S. rules)."
    assert escape(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(lambda s: s.split()))
def test_any_text_renders_as_written(paragraph: str) -> None:
    assert rendered(escape(paragraph)) == [" ".join(paragraph.split())]


def test_front_matter_has_the_documented_shape() -> None:
    draft = Draft(
        title="Commerce adds Huawei to the Entity List",
        date=PartialDate(2019, 5, 16),
        entities=("Huawei", "US Department of Commerce"),
        sources=(Source("Reuters", "https://www.reuters.com/x", PartialDate(2019, 5, 16)),),
        extra={"byline": "Jane Doe", "image_credit": "Getty Images"},
        paragraphs=("First paragraph.", "Second paragraph."),
    )
    assert event_text(draft) == (
        "---\n"
        "title: Commerce adds Huawei to the Entity List\n"
        "date: 2019-05-16\n"
        "entities: [Huawei, US Department of Commerce]\n"
        "sources:\n"
        "  - name: Reuters\n"
        "    url: https://www.reuters.com/x\n"
        "    date: 2019-05-16\n"
        "draft: true\n"
        "extra:\n"
        "  byline: Jane Doe\n"
        "  image_credit: Getty Images\n"
        "---\n"
        "First paragraph.\n\nSecond paragraph.\n"
    )


@pytest.mark.parametrize(
    "title",
    ["Huawei: the case for and against", "[Exclusive] Huawei", "'Quoted' title", "Yes", "2019", "- dash", "# hash", "a: b #c", "@home", "null"],
)
def test_awkward_titles_read_back(tmp_path: Path, title: str) -> None:
    draft = Draft(title, PartialDate(2019), ("AT&T", "Commerce: Dept", "[x]"), (Source("A: B", None, None),), {"byline": "O'Brien"})
    file = tmp_path / "e.md"
    file.write_text(event_text(draft), encoding="utf-8")
    record = read_back(file)
    assert record.title == title and [m.name for m in record.entities] == ["AT&T", "Commerce: Dept", "[x]"]
    assert record.sources[0].name == "A: B" and record.extra == {"byline": "O'Brien"}


def test_slug_and_path() -> None:
    assert slug("Commerce adds Huawei — and 68 affiliates — to the Entity List, effective immediately") == (
        "commerce-adds-huawei-and-68-affiliates-to-the-entity-list"
    )
    assert slug("华为") == "event"
    assert event_path(Path("site"), PartialDate(2019, 5), "Hi").as_posix() == "site/content/events/2019-05-hi.md"


def test_the_standfirst_is_the_event_s_summary(tmp_path: Path) -> None:
    standfirst = "American suppliers will need a licence: the Commerce Department's strongest step yet"
    page = f"Commerce adds Huawei to the Entity List\n{standfirst}\nBy Jane Doe\n16 May 2019\n{P1}\n{P2}\n"
    imported = import_text(page, matcher([("Huawei", [])]))
    assert imported.draft is not None
    file = tmp_path / "event.md"
    file.write_text(event_text(imported.draft), encoding="utf-8")
    record = read_back(file)
    assert record.summary == standfirst and "standfirst" not in record.extra
