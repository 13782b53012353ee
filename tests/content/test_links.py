"""Cross-references, permanent ids and their aliases, permalinks, and the built-in link checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MakeSite, event, messages
from generator.build.pipeline import build

LISTING = event("The listing", "2019-05-16", "entities: [Huawei]\n", "Intro.\n\n## What changed\n\nA lot.")


def page(root: Path, path: str) -> str:
    return (root / "output" / path).read_text(encoding="utf-8")


def test_cross_references_resolve_to_relative_urls(make_site: MakeSite) -> None:
    body = (
        "See [the listing](event:listing), [its detail](event:listing#what-changed),\n"
        "[Huawei](entity:huawei), [Commerce](<entity:Commerce Department>) and [again](entity:commerce-department)."
    )
    root = make_site({"content/events/listing.md": LISTING, "content/events/later.md": event("Later", "2020", body=body)})
    result = build(root)
    assert result.ok, messages(result)
    html = page(root, "events/later/index.html")
    assert '<a href="../listing/">the listing</a>' in html
    assert '<a href="../listing/#what-changed">its detail</a>' in html
    assert '<a href="../../entities/huawei/">Huawei</a>' in html
    assert html.count('href="../../entities/commerce/"') == 2


def test_entity_bodies_may_reference_events(make_site: MakeSite) -> None:
    entity = "---\nname: Huawei\nkind: company\n---\nListed in [May 2019](event:listing).\n"
    root = make_site({"content/events/listing.md": LISTING, "content/entities/huawei.md": entity})
    assert build(root).ok
    assert '<a href="../../events/listing/">May 2019</a>' in page(root, "entities/huawei/index.html")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Text [x](event:lsting).", "content/events/later.md:5:10: link: no event with id 'lsting' (did you mean 'listing'?)"),
        (
            "Line one.\nAnd [x](event:listing#what-chnged) here.",
            "content/events/later.md:6:9: link: event 'listing' has no heading 'what-chnged' (did you mean 'what-changed'?)",
        ),
        ("- item [x](entity:Huwaei)", "content/events/later.md:5:12: link: no entity 'Huwaei' (did you mean 'Huawei'?)"),
        ("[x](event:draft-one)", "content/events/later.md:5:5: link: no event with id 'draft-one'"),
    ],
)
def test_a_broken_cross_reference_is_an_error_at_line_and_column(make_site: MakeSite, body: str, expected: str) -> None:
    draft = event("Draft", "2019", "draft: true\n")
    root = make_site({"content/events/listing.md": LISTING, "content/events/draft-one.md": draft, "content/events/later.md": event("Later", "2020", body=body)})
    result = build(root)
    assert not result.ok
    assert any(m.startswith(expected) for m in messages(result)), messages(result)
    assert not (root / "output").exists()


def test_former_ids_keep_resolving(make_site: MakeSite) -> None:
    moved = event("Moved", "2019-05-16", "id: new-id\naliases: [old-id, older-id]\n")
    root = make_site({"content/events/renamed.md": moved, "content/events/other.md": event("Other", "2020", body="[x](event:old-id)")})
    result = build(root)
    assert result.ok, messages(result)
    timeline = page(root, "index.html")
    assert '<li class="event" id="new-id" data-entities="" data-kinds="" data-tags="">' in timeline
    assert '<span class="alias-anchor" id="old-id"></span><span class="alias-anchor" id="older-id"></span>' in timeline
    assert '<a href="../new-id/">x</a>' in page(root, "events/other/index.html")
    old_page = page(root, "events/old-id/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../new-id/">' in old_page
    assert '<link rel="canonical" href="https://example.org/repo/events/new-id/">' in old_page
    assert '<meta http-equiv="refresh" content="0; url=../../#new-id">' in page(root, "e/old-id/index.html")


def test_every_event_has_a_short_permalink(make_site: MakeSite) -> None:
    root = make_site({"content/events/listing.md": LISTING})
    assert build(root).ok
    html = page(root, "e/listing/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../../#listing">' in html
    assert '<link rel="canonical" href="https://example.org/repo/#listing">' in html
    assert '<a href="../../#listing">The listing</a>' in html
    assert 'data-permalink="e/listing/"' in page(root, "index.html")


def test_an_alias_may_not_take_another_events_id(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event(extra="aliases: [b]\n"), "content/events/b.md": event()})
    assert "content/events/a.md:4: id: duplicate id 'b' (used by content/events/a.md, content/events/b.md)" in messages(build(root))


BROKEN = {
    "missing page": ('<a href="../nope/">x</a>', "events/a/index.html: warning: href: broken link: no file events/nope/index.html ('../nope/')"),
    "missing anchor": ('<a href="../../#nope">x</a>', "events/a/index.html: warning: href: broken anchor: index.html has no id 'nope' ('../../#nope')"),
    "same-page anchor": ('<a href="#nowhere">x</a>', "events/a/index.html: warning: href: broken anchor: events/a/index.html has no id 'nowhere' ('#nowhere')"),
    "missing image": (
        '<img src="../../static/none.png" alt="x">',
        "events/a/index.html: warning: src: broken link: no file static/none.png ('../../static/none.png')",
    ),
    "leaves the site": ('<a href="../../../x/">x</a>', "events/a/index.html: warning: href: link leaves the site ('../../../x/')"),
    "root-relative outside base": ('<a href="/elsewhere/">x</a>', "events/a/index.html: warning: href: link leaves the site ('/elsewhere/')"),
    "root-relative missing": (
        '<a href="/repo/events/zz/">x</a>',
        "events/a/index.html: warning: href: broken link: no file events/zz/index.html ('/repo/events/zz/')",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_the_link_checker_finds_each_kind_of_broken_link(make_site: MakeSite, case: str) -> None:
    html, expected = BROKEN[case]
    config = "title: T\nbase_url: https://example.org/repo/\nraw_html: true\n"
    root = make_site({"content/site.yaml": config, "content/events/a.md": event(body=f"<p>{html}</p>")})
    result = build(root)
    assert result.ok and messages(result) == [expected]
    before = {p: p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    strict = build(root, strict=True)
    assert not strict.ok and expected.replace("warning: ", "") in [p.format().replace("warning: ", "") for p in strict.problems]
    assert {p: p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()} == before


def test_good_links_pass_the_checker(make_site: MakeSite) -> None:
    config = "title: T\nbase_url: https://example.org/repo/\nraw_html: true\n"
    body = '<p><a href="/repo/entities/huawei/">ok</a> <a href="../../#y2019">ok</a> <a href="https://elsewhere.example/">ok</a></p>'
    root = make_site({"content/site.yaml": config, "content/events/a.md": event(body=body, extra="entities: [Huawei]\n")})
    result = build(root, strict=True)
    assert result.ok, messages(result)


def test_the_same_link_is_judged_from_each_page_s_own_folder(make_site: MakeSite) -> None:
    """Pages at one depth share what the checker learnt of links that climb to the root, and only those."""
    config = "title: T\nbase_url: https://example.org/repo/\nraw_html: true\n"
    links = '<p><a href="../b/">sibling</a> <a href="../b/#x:y">anchor</a> <a href="../../#y2019">root</a> <a href="mailto:x@example.org">mail</a></p>'
    root = make_site({
        "content/site.yaml": config,
        "content/events/a.md": event("A", body=links),
        "content/events/b.md": event("B", body=links),
        "content/entities/huawei.md": f"---\nname: Huawei\nkind: company\n---\n{links}\n",
    })
    result = build(root)
    assert result.ok
    assert messages(result) == [
        "entities/huawei/index.html: warning: href: broken link: no file entities/b/index.html ('../b/#x:y')",
        "entities/huawei/index.html: warning: href: broken link: no file entities/b/index.html ('../b/')",
        "events/a/index.html: warning: href: broken anchor: events/b/index.html has no id 'x:y' ('../b/#x:y')",
        "events/b/index.html: warning: href: broken anchor: events/b/index.html has no id 'x:y' ('../b/#x:y')",
    ]
