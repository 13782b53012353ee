"""The changed parts of a page: elements with ids that hold every difference, or ``None`` when the page must go whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.preview import parts as parts_module
from generator.preview.parts import MAX_PARTS, Part, changed_parts


def page(*items: str, head: str = "<title>T</title>", after: str = "") -> bytes:
    entries = "\n".join(f'<li id="e{i}" class="event"><h4>{text}</h4><p>Words <em>here</em>.</p></li>' for i, text in enumerate(items))
    return (f'<!DOCTYPE html><html lang="en"><head>{head}</head><body><main id="content">'
            f'<ul id="list">\n{entries}\n</ul>{after}</main></body></html>').encode()


def replaced(old: bytes, parts: tuple[Part, ...]) -> bytes:
    """``old`` with each part's old HTML replaced by its new: it must give the new page."""
    text = old.decode()
    for part in parts:
        assert text.count(part.before) == 1
        text = text.replace(part.before, part.after)
    return text.encode()


def test_the_same_page_has_no_parts() -> None:
    assert changed_parts(page("a", "b"), page("a", "b")) == ()


def test_a_changed_entry_is_its_own_element() -> None:
    old, new = page("a", "b", "c"), page("a", "b, edited", "c")
    parts = changed_parts(old, new)
    assert parts == (Part("e1", '<li id="e1" class="event"><h4>b</h4><p>Words <em>here</em>.</p></li>',
                          '<li id="e1" class="event"><h4>b, edited</h4><p>Words <em>here</em>.</p></li>'),)
    assert replaced(old, parts) == new


def test_changes_in_several_entries_are_several_parts() -> None:
    titles = [f"t{i}" for i in range(40)]
    edited = [*titles]
    edited[3], edited[30] = "three", "thirty"
    old, new = page(*titles), page(*edited)
    parts = changed_parts(old, new)
    assert parts is not None and [p.id for p in parts] == ["e3", "e30"]
    assert replaced(old, parts) == new


def test_a_change_beside_the_entries_takes_the_element_around_them() -> None:
    old, new = page("a", "b"), page("a", "b", after="<p>Added note</p>")
    parts = changed_parts(old, new)
    assert parts is not None and [p.id for p in parts] == ["content"]
    assert replaced(old, parts) == new


@pytest.mark.parametrize("new", [
    page("a", "b", head="<title>Other</title>"),  # the head holds no element with an id
    page("a", "b").replace(b'<main id="content">', b'<main id="main">'),  # an id itself changed
    page("a", "b").replace(b"<html", b"<html class=x"),  # the root, no id
])
def test_a_change_no_element_with_an_id_holds_gives_none(new: bytes) -> None:
    assert changed_parts(page("a", "b"), new) is None


def test_an_element_that_is_never_closed_gives_none() -> None:
    old = b'<body><div id="x"><p>one</p>'
    assert changed_parts(old, old.replace(b"one", b"two")) is None


def test_an_id_found_twice_gives_none() -> None:
    old = page("a", "b").replace(b'id="e0"', b'id="e1"')
    assert changed_parts(old, old.replace(b"<h4>b</h4>", b"<h4>c</h4>")) is None


def test_tags_that_only_begin_with_the_name_are_not_counted() -> None:
    old = b'<body><ul id="x"><li id="a"><link rel="x"><lib>one</lib></li><li id="b">two</li></ul></body>'
    parts = changed_parts(old, old.replace(b"one", b"uno"))
    assert parts is not None and [p.id for p in parts] == ["a"]
    assert replaced(old, parts) == old.replace(b"one", b"uno")


def test_a_void_element_with_an_id_is_a_part() -> None:
    old = b'<body><form id="f"><input id="q" value="one"><input id="r"></form></body>'
    parts = changed_parts(old, old.replace(b"one", b"two"))
    assert parts == (Part("q", '<input id="q" value="one">', '<input id="q" value="two">'),)


def test_nested_elements_of_the_same_name_are_matched() -> None:
    old = b'<body><div id="a"><div><div id="b">one</div></div><div>two</div></div><div id="c">three</div></body>'
    parts = changed_parts(old, old.replace(b"two", b"deux"))
    assert parts is not None and [p.id for p in parts] == ["a"]
    assert replaced(old, parts) == old.replace(b"two", b"deux")


def test_too_many_separate_changes_go_whole() -> None:
    titles = [f"t{i}" for i in range(MAX_PARTS + 1)]
    assert changed_parts(page(*titles), page(*(t + "!" for t in titles))) is None
    assert changed_parts(page(*titles[:MAX_PARTS]), page(*(t + "!" for t in titles[:MAX_PARTS]))) is not None


def test_a_search_past_its_budget_of_tags_goes_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    old = b"<body>" + b"".join(f'<div id="d{i}">'.encode() for i in range(40)) + b"one" + b"</div>" * 40 + b"</body>"
    new = old.replace(b"one", b"two")
    assert [p.id for p in changed_parts(old, new) or ()] == ["d39"]
    monkeypatch.setattr(parts_module, "STEPS", 10)
    assert [p.id for p in changed_parts(old, new) or ()] == ["d39"]  # two steps each way
    nested = old.replace(b'<div id="d39">', b'<div id="d39"><div><div><div><div><div><div>').replace(b"one", b"one</div></div></div></div></div></div>")
    assert changed_parts(nested, nested.replace(b"one", b"two")) is None
    monkeypatch.setattr(parts_module, "STEPS", 50_000)
    assert [p.id for p in changed_parts(nested, nested.replace(b"one", b"two")) or ()] == ["d39"]


PIECES = st.lists(st.sampled_from([b"<div", b"</div>", b' id="a"', b' id="b"', b">", b"<li", b"</li>", b"x", b"\xff", b'"', b"<br"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(PIECES, PIECES)
def test_any_two_versions_give_parts_that_make_the_new_one_or_none(old: list[bytes], new: list[bytes]) -> None:
    before, after = b"".join(old), b"".join(new)
    parts = changed_parts(before, after)
    if parts is not None and b"\xff" not in before + after:
        assert replaced(before, parts) == after
