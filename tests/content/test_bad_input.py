"""Bad input of every kind: a clear message naming file and line, all at once, no traceback, old output kept.

tests/test_content_errors.py has the first message of each common mistake;
this file adds the harder cases (odd encodings, hostile YAML, huge and deeply
nested files, identities that could collide or escape, markup injection in
every field, file-system oddities, full disks) and checks for each that the
previous output survives the failed build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html
from test_content_errors import CASES as CONTENT_ERRORS

from conftest import MakeSite, event, messages, unblock_after, write_files
from generator.build.pipeline import build
from generator.content.sources import SourceFile, case_clashes
from generator.urls import is_reserved_anchor

E = "content/events/e.md"
Files = dict[str, str | bytes]


def tree(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` with its bytes (symlinks not followed)."""
    found: dict[str, bytes] = {}
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            path = Path(parent) / name
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def built_site(make_site: MakeSite, files: Files | None = None) -> tuple[Path, dict[str, bytes]]:
    """A site with one good event, built once; its root and the output as written."""
    root = make_site({"content/events/good.md": event("Good event"), **(files or {})})
    result = build(root)
    assert result.ok, messages(result)
    return root, tree(root / "output")


def write(root: Path, files: Files) -> None:
    """Write files into a site as they are (no dedent: bad input stays exactly bad)."""
    write_files(root, dict(files))


def fails_with(root: Path, before: dict[str, bytes], *expected: str) -> list[str]:
    """Build ``root``: it must fail, report every ``expected`` message and leave ``output/`` as ``before``."""
    result = build(root)
    found = messages(result)
    assert not result.ok, found
    missing = [m for m in expected if not any(f.startswith(m) for f in found)]
    assert missing == [], found
    assert tree(root / "output") == before
    return found


# --- front matter ---------------------------------------------------------------------------------

BOMB = "extra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  {name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdef", "bcdefg", strict=True)
)

FRONT_MATTER: dict[str, tuple[Files, str]] = {
    "a day the month does not have": ({E: event(date="2019-02-30")}, f"{E}:3: date: February 2019 has no day 30 ('2019-02-30')"),
    "an end date that is no date": ({E: event(extra="end_date: soon\n")}, f"{E}:4: end_date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'"),
    "year 0000": ({E: event(date="'0000'")}, f"{E}:3: date: year must be from 0001 to 9998, got '0000'"),
    "year 9999": ({E: event(date="'9999-12-31'")}, f"{E}:3: date: year must be from 0001 to 9998, got '9999-12-31'"),
    "a bad end year": ({E: event(extra="end_date: '9999'\n")}, f"{E}:4: end_date: year must be from 0001 to 9998, got '9999'"),
    "CRLF keeps the line": ({E: b"---\r\ntitle: x\r\ndate: 16/05/2019\r\n---\r\nBody\r\n"}, f"{E}:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
    "old Mac CR line ends": ({E: b"---\rtitle: x\rdate: 16/05/2019\r---\rBody\r"}, f"{E}:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
    "BOM and no fence": ({E: "\ufefftitle: x\ndate: 2019\n".encode()}, f"{E}:1: missing front matter: the file must start with a '---' line"),
    "BOM, CRLF and bad YAML": ({E: "\ufeff---\r\ntitle: [x\r\ndate: 2019\r\n---\r\n".encode()}, f"{E}:3: YAML: did not find expected ',' or ']'"),
    "only a BOM": ({E: b"\xef\xbb\xbf"}, f"{E}:1: empty file"),
    "only white space": ({E: b" \n\t\r\n\n"}, f"{E}:1: empty file"),
    "UTF-16": ({E: event().encode("utf-16")}, f"{E}:1: UTF-16 text: save the file as UTF-8"),
    "a bad byte in the body": ({E: b"---\ntitle: x\ndate: 2019\n---\nFine.\n\nNot \xff fine.\n"}, f"{E}:7: not valid UTF-8 (byte 0xff)"),
    "an unclosed quote": (
        {E: '---\ntitle: "abc\ndate: 2019\n---\n'},
        f"{E}:3: YAML: found unexpected end of stream (while scanning a quoted scalar that starts on line 2)",
    ),
    "a colon in a plain value": ({E: "---\ntitle: a: b\ndate: 2019\n---\n"}, f"{E}:2: YAML: mapping values are not allowed in this context"),
    "front matter that is a list": ({E: "---\n- title\n---\n"}, f"{E}:2: front matter must be a mapping of keys, got list"),
    "empty front matter": ({E: "---\n---\nBody.\n"}, f"{E}:1: date: required"),
    "a duplicate key inside a list": ({E: event(extra="sources:\n  - name: A\n    name: B\n")}, f"{E}:6: sources[0].name: duplicate key"),
    "a duplicate key in site.yaml": ({"content/site.yaml": "title: T\ntitle: U\n"}, "content/site.yaml:2: title: duplicate key"),
    "draft as text": ({E: event(extra="draft: 'yes'\n")}, f"{E}:4: draft: expected true or false, got str"),
    "a date in a list": ({E: event(date="[2019]")}, f"{E}:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got list"),
    "sources as text": ({E: event(extra="sources: Reuters\n")}, f"{E}:4: sources: expected a list, got str"),
    "a null key": ({E: event(extra="~: x\n")}, f"{E}:4: null: unknown key"),
    "a true key": ({E: event(extra="true: x\n")}, f"{E}:4: true: unknown key"),
    "a recursive alias": ({E: event(extra="extra: &a\n  self: *a\n")}, f"{E}:5: YAML: alias *a is used inside the value it names"),
    "a recursive alias in a list": ({E: event(extra="tags: &t [a, *t]\n")}, f"{E}:4: YAML: alias *t is used inside the value it names"),
    "an alias bomb": ({E: event(extra=BOMB)}, f"{E}:10: YAML: aliases make this value expand to more than 100000 values"),
    "YAML nested 600 deep": ({E: event(extra="extra: " + "{a: " * 600 + "1" + "}" * 600 + "\n")}, f"{E}:4: YAML: nested more than 64 levels deep"),
    "YAML nested 10,000 deep": ({E: event(extra="extra: " + "[" * 10_000 + "]" * 10_000 + "\n")}, f"{E}:4: YAML: exceeded maximum nesting depth"),
    "a raw control character": (
        {E: "---\ntitle: x\ndate: 2019\nsummary: café \x7f\n---\n".encode()},
        f"{E}:4: YAML: character U+007F is not allowed here (control characters are not allowed)",
    ),
    "a control character": ({E: event(title='"bell \\a here"')}, f"{E}:2: title: control character U+0007 is not allowed"),
    "a NUL in an entity name": ({E: event(extra='entities: ["Hua\\0wei"]\n')}, f"{E}:4: entities[0]: control character U+0000 is not allowed"),
    "an entity name with no letters": ({E: event(extra="entities: ['../..']\n")}, f"{E}:4: entities: unknown entity '../..': add it to the aliases"),
    "a bad former id": ({E: event(extra="aliases:\n  - old-id\n  - ../x\n")}, f"{E}:6: aliases[1]: '../x' is not a valid id"),
    "a tag with no letters or digits": ({E: event(extra="tags: [ok, '日本']\n")}, f"{E}:4: tags[1]: '日本' needs a letter a-z or a digit for its page address"),
    "a tag that is all punctuation": ({E: event(extra="tags:\n  - '../..'\n")}, f"{E}:5: tags[0]: '../..' needs a letter a-z or a digit for its page address"),
}


@pytest.mark.parametrize("case", FRONT_MATTER, ids=list(FRONT_MATTER))
def test_front_matter_errors_name_file_and_line_and_keep_the_output(make_site: MakeSite, case: str) -> None:
    files, expected = FRONT_MATTER[case]
    root, before = built_site(make_site)
    write(root, files)
    started = time.perf_counter()
    fails_with(root, before, expected)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("case", CONTENT_ERRORS, ids=list(CONTENT_ERRORS))
def test_the_first_error_cases_also_leave_the_previous_output_untouched(make_site: MakeSite, case: str) -> None:
    """tests/test_content_errors.py checks their messages on a fresh site; here a good build comes first."""
    files, expected = CONTENT_ERRORS[case]
    root, before = built_site(make_site)
    write(root, files)
    fails_with(root, before, expected)


def test_the_alias_bomb_is_refused_quickly(make_site: MakeSite) -> None:
    root = make_site({E: event(extra=BOMB)})
    started = time.perf_counter()
    assert not build(root, write=False).ok
    assert time.perf_counter() - started < 2


def test_every_front_matter_problem_is_reported_in_one_cli_run_without_a_traceback(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    expected = []
    for index, (files, message) in enumerate(FRONT_MATTER.values()):
        if "site.yaml" in message:  # a broken site.yaml stops the run before the events are read
            continue
        write(root, {name.replace("e.md", f"e{index}.md"): data for name, data in files.items()})
        expected.append(message.replace("e.md", f"e{index}.md"))
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    missing = [m for m in expected if m not in run.stderr]
    assert missing == []
    assert tree(root / "output") == before


def test_a_very_long_value_gives_a_short_message(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    write(root, {E: event(date="x" * 100_000), "content/events/f.md": event(extra=f"id: {'y' * 100_000}\n")})
    found = fails_with(root, before, f"{E}:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'xxx", "content/events/f.md:4: id: 'yyy")
    assert all(len(m) < 400 for m in found), [len(m) for m in found]


def test_unknown_keys_of_any_kind_are_errors_not_crashes(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    write(root, {E: event(extra="1: x\n? [a, b]\n: y\n")})
    fails_with(root, before, f"{E}:5: YAML: found unhashable key")


BIG_BODIES = {
    "a 10 MB event": ("\n\n".join(f"Paragraph {i}: " + "words and more words " * 24 for i in range(20_000)), "Paragraph 19999: words"),
    "a 100,000-character line": ("word " * 20_000 + "end", "word word end"),
    "10,000 nested emphases": ("*" * 10_000 + "deep" + "*" * 10_000, "deep"),
    "10,000 nested links": ("[" * 10_000 + "deep" + "](x)" * 10_000, "deep"),
    "10,000 nested code spans and brackets": ("`[" * 5_000 + "deep" + "]`" * 5_000, "deep"),
}
DEEP_BODIES = {
    "10,000 nested quotes": "> " * 10_000 + "deep",
    "10,000 nested lists": "- " * 10_000 + "deep",
    "10,000 nested ordered lists": "1. " * 10_000 + "deep",
    "10,000 quote levels on their own lines": "\n".join(">" * i + " level" for i in range(1, 400)) + "\n" + "> " * 200 + "deep",
}


@pytest.mark.parametrize("case", BIG_BODIES, ids=list(BIG_BODIES))
def test_huge_bodies_build_with_all_their_text(make_site: MakeSite, case: str) -> None:
    body, shown = BIG_BODIES[case]
    root = make_site({E: event(title="Big", body=body).encode()})
    started = time.perf_counter()
    result = build(root)
    assert result.ok, messages(result)[:3]
    assert time.perf_counter() - started < 20
    assert shown in (root / "output/events/e/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", DEEP_BODIES, ids=list(DEEP_BODIES))
def test_deeply_nested_bodies_build_without_recursion_errors(make_site: MakeSite, case: str) -> None:
    root = make_site({E: event(title="Deep", body=DEEP_BODIES[case]).encode()})
    started = time.perf_counter()
    result = build(root)
    assert result.ok, messages(result)[:3]
    assert time.perf_counter() - started < 20
    assert "<h1>Deep</h1>" in (root / "output/events/e/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", DEEP_BODIES, ids=list(DEEP_BODIES))
def test_text_nested_too_deep_is_not_dropped_silently(make_site: MakeSite, case: str) -> None:
    root = make_site({E: event(title="Deep", body=DEEP_BODIES[case]).encode()})
    result = build(root)
    page = (root / "output/events/e/index.html").read_text(encoding="utf-8")
    assert "deep" in page or any(m.startswith(f"{E}:") for m in messages(result))


def test_a_100000_character_title_builds(make_site: MakeSite) -> None:
    root = make_site({E: event(title="T" * 100_000)})
    assert build(root).ok
    assert "T" * 100_000 in (root / "output/events/e/index.html").read_text(encoding="utf-8")


# --- identity -------------------------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["404", "entities", "e", "events", "tags", "static", "index", "feed", "search-index", "sitemap", "0"])
def test_ids_named_like_generated_paths_build_with_their_own_pages_and_anchors(make_site: MakeSite, ident: str) -> None:
    root = make_site({E: event(f"Titled {ident}", extra=f"id: '{ident}'\naliases: [old-{ident}]\n"), "content/events/other.md": event("Other", "2020")})
    result = build(root)
    assert result.ok, messages(result)
    out = root / "output"
    page = lxml_html.fromstring((out / f"events/{ident}/index.html").read_bytes())
    assert page.findtext(".//h1") == f"Titled {ident}"
    timeline = lxml_html.fromstring((out / "index.html").read_bytes())
    assert len(timeline.xpath("//*[@id=$i]", i=ident)) == 1 and len(timeline.xpath("//*[@id=$i]", i=f"old-{ident}")) == 1
    for short in (ident, f"old-{ident}"):
        redirect = (out / f"e/{short}/index.html").read_text(encoding="utf-8")
        assert f'url=../../#{ident}"' in redirect
    # the generated files that share the name are still what they were
    assert "Not found" in (out / "404.html").read_text(encoding="utf-8")
    assert (out / "entities/index.html").is_file() and (out / "tags/index.html").is_file() and (out / "static/timeline.js").is_file()
    assert json.loads((out / "search-index.json").read_bytes())["version"] == 1
    assert etree.parse(str(out / "feed.xml")).getroot().tag == "{http://www.w3.org/2005/Atom}feed"
    assert {e["id"] for e in json.loads((out / "events.json").read_bytes())["events"]} == {ident, "other"}


def test_every_id_the_timeline_page_makes_itself_is_reserved(make_site: MakeSite) -> None:
    """An event id may be any other word: only these could ever clash with an event's anchor."""
    root = make_site(
        {
            "content/site.yaml": "title: T\nbase_url: https://example.org/\neras:\n  - name: Era\n    start: 2019\n",
            "content/events/a.md": event("A", "2019", extra="aliases: [old-a]\ntags: [t]\nentities: [Huawei]\n"),
            "content/events/b.md": event("B", "2019-05"),
            "content/events/c.md": event("C", "2020-01-02", extra="end_date: 2021\n"),
        }
    )
    assert build(root).ok
    page = lxml_html.fromstring((root / "output/index.html").read_bytes())
    own = {i for i in page.xpath("//@id") if i not in {"a", "b", "c", "old-a"}}
    assert own and [i for i in sorted(own) if not is_reserved_anchor(i)] == []


def test_body_headings_never_duplicate_an_id_of_the_page(make_site: MakeSite) -> None:
    headings = "## Content\n\nText.\n\n## Sources heading\n\n## Events heading\n\n## Related heading\n"
    root = make_site(
        {
            E: event(extra="sources:\n  - name: Reuters\nentities: [Huawei, Commerce Department]\n", body=headings),
            "content/entities/huawei.md": "---\nname: Huawei\nkind: company\n---\n" + headings,
        }
    )
    assert build(root).ok
    duplicated = {}
    for name, data in tree(root / "output").items():
        if name.endswith(".html"):
            ids = lxml_html.fromstring(data).xpath("//@id")
            duplicated[name] = sorted({i for i in ids if ids.count(i) > 1})
    assert {name: ids for name, ids in duplicated.items() if ids} == {}


def test_a_dotted_id_is_not_valid(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    write(root, {E: event(extra="id: feed.xml\n")})
    fails_with(root, before, f"{E}:4: id: 'feed.xml' is not a valid id: use lower-case letters, digits, '-' and '_' (e.g. 'feed-xml')")


BAD_IDS = [
    "../../etc/passwd",
    "/etc/passwd",
    "a/b",
    "a\\b",
    "a b",
    "a?b#c",
    "%2e%2e",
    "é",
    "Listing",
    "-x",
    "x-",
    "a" * 101,
    "<script>",
    "javascript:x",
    "\u202ex",
]


@pytest.mark.parametrize("ident", BAD_IDS, ids=range(len(BAD_IDS)))
def test_ids_that_could_escape_or_break_urls_are_refused_everywhere(make_site: MakeSite, ident: str) -> None:
    quoted = json.dumps(ident)
    root, before = built_site(make_site)
    write(
        root,
        {
            E: event(extra=f"id: {quoted}\n"),
            "content/events/f.md": event(extra=f"aliases: [{quoted}]\n"),
            "content/entities/x.md": f"---\nname: X\nkind: company\nid: {quoted}\n---\n",
        },
    )
    fails_with(root, before, f"{E}:4: id: ", "content/events/f.md:4: aliases[0]: ", "content/entities/x.md:4: id: ")


def test_a_file_name_with_no_letters_needs_an_id(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    write(root, {"content/events/日本.md": event(), "content/entities/---.md": "---\nname: Dashes\nkind: company\n---\n"})
    fails_with(
        root,
        before,
        "content/events/日本.md:1: id: cannot make an id from the file name '日本': set 'id:'",
        "content/entities/---.md:1: id: cannot make an id from the file name '---': set 'id:'",
    )


def test_event_files_differing_only_by_case_are_one_id_and_an_error_naming_both(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    write(root, {"content/events/Listing.md": event("One"), "content/events/listing.md": event("Two")})
    message = "duplicate id 'listing' (used by content/events/Listing.md, content/events/listing.md)"
    fails_with(root, before, f"content/events/Listing.md:1: id: {message}", f"content/events/listing.md:1: id: {message}")


def test_entity_files_differing_only_by_case_are_an_error_naming_both(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    write(root, {"content/entities/Commerce.md": "---\nname: Commerce\nkind: agency\n---\n"})
    message = "duplicate entity id 'commerce' (used by content/entities/Commerce.md and content/entities/commerce.md)"
    fails_with(root, before, f"content/entities/Commerce.md:1: id: {message}")


def test_case_clashes_finds_paths_that_a_case_insensitive_file_system_cannot_hold_both_of(tmp_path: Path) -> None:
    """Folders differing in case merge there (no file is lost); files differing in case collide."""

    def source(display: str) -> SourceFile:
        return SourceFile(str(tmp_path / display), display, Path(display).stem)

    found = case_clashes(
        [
            source("content/events/Listing.md"),
            source("content/events/a.md"),
            source("content/events/listing.md"),
            source("content/entities/listing.md"),
            source("content/events/Sub/x.md"),
            source("content/events/sub/y.md"),
        ]
    )
    assert [p.format() for p in found] == [
        "content/events/Listing.md:1: file name differs only in case from content/events/listing.md;"
        " the two cannot both exist on a case-insensitive file system (macOS, Windows): rename one",
        "content/events/listing.md:1: file name differs only in case from content/events/Listing.md;"
        " the two cannot both exist on a case-insensitive file system (macOS, Windows): rename one",
    ]


def test_files_differing_only_by_case_are_an_error_even_with_distinct_ids(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    write(root, {"content/events/Listing.md": event("One", extra="id: one\n"), "content/events/listing.md": event("Two", extra="id: two\n")})
    fails_with(root, before, "content/events/Listing.md:1: file name differs only in case from content/events/listing.md")


def test_an_early_year_still_gives_a_valid_calendar(make_site: MakeSite) -> None:
    root = make_site({E: event(date="'0800-05-01'")})
    assert build(root).ok
    assert b"DTSTART;VALUE=DATE:08000501\r\n" in (root / "output/events.ics").read_bytes()


# --- injection ------------------------------------------------------------------------------------

X = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">j</a>'
BAD_URL = 'https://x.example/"><script>alert(3)</script><a/onclick="alert(4)"/href="javascript:alert(5)">'
BODY = f"""\
Text {X} and <iframe src="javascript:alert(6)"></iframe> and <div onclick="alert(7)">d</div>.

[js](javascript:alert(8)) [JS](JaVaScRiPt:alert(9)) [tab](java\tscript:alert(10)) [entity](&#106;avascript:alert(11))
[vb](vbscript:msgbox(12)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=) [ref][r] <javascript:alert(14)>
[spaced](<  javascript:alert(15)>) [encoded](javascript%3Aalert(16)) [quote](https://x.example/"onmouseover="alert(17))
![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDE4KSIvPg==) ![js](javascript:alert(19)) ![html](data:text/html,<script>alert(20)</script>)

## {X} heading

Footnote[^n]

<script>alert(21)</script>

[r]: javascript:alert(22)
[^n]: {X}
"""
PAYLOAD_SITE: Files = {
    "content/site.yaml": (
        f"title: {json.dumps('Site ' + X)}\ndescription: {json.dumps('About ' + X)}\nbase_url: https://example.org/repo/\n"
        f"eras:\n  - name: {json.dumps('Era ' + X)}\n    start: 2019\n"
    ),
    "content/entities/evil.md": (
        f"---\nname: {json.dumps('Evil ' + X)}\nkind: company\naliases: [{json.dumps('Alias ' + X)}]\n"
        f"links:\n  - name: {json.dumps('Link ' + X)}\n    url: {json.dumps(BAD_URL)}\n---\n{BODY}"
    ),
    E: (
        f"---\ntitle: {json.dumps('Title ' + X)}\ndate: 2019-05-16\nsummary: {json.dumps('Summary ' + X)}\n"
        f"entities: [{json.dumps('Evil ' + X)}, {json.dumps('Unfiled ' + X)}]\ntags: [{json.dumps('Tag ' + X)}]\n"
        f"sources:\n  - name: {json.dumps('Source ' + X)}\n    url: {json.dumps(BAD_URL)}\n"
        f"extra: {{note: {json.dumps(X)}}}\n---\n{BODY}"
    ),
    "content/events/ics.md": '---\ntitle: "Line\\r\\nBEGIN:VALARM\\nTRIGGER:-PT5M"\ndate: 2019-06\nsummary: "a\\nEND:VEVENT"\n---\nText.\n',
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "background", "cite", "data", "xlink:href", "ping"}
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|gif|jpeg|webp)[;,]", re.IGNORECASE)
OWN_SCRIPT = re.compile(r"^(\.\./)*static/timeline\.js$")


def executable_markup(root: Any, where: str, own_scripts: bool = True) -> list[str]:
    """Everything in an HTML tree that could run script: foreign scripts, handlers, script URLs, frames."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script":
            own = own_scripts and (
                (OWN_SCRIPT.match(element.get("src", "")) and not (element.text or "").strip())
                or (element.get("type") == "application/ld+json" and not element.get("src") and _is_json(element.text or ""))
            )
            if not own:
                found.append(f"{where}: <script {dict(element.attrib)}>{(element.text or '')[:60]}")
        if tag in ("iframe", "frame", "object", "embed", "applet", "base"):
            found.append(f"{where}: <{tag}>")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"{where}: <{tag} {name}=...>")
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:")):
                if not (tag == "img" and name == "src" and SAFE_DATA_IMAGE.match(squeezed)):
                    found.append(f"{where}: <{tag} {name}={value[:40]!r}>")
            if name == "style" and re.search(r"javascript:|expression\(|url\(", squeezed):
                found.append(f"{where}: <{tag} style={value[:40]!r}>")
            if tag == "meta" and name == "content" and (element.get("http-equiv") or "").lower() == "refresh":
                if re.search(r"url=\s*(javascript|vbscript|data):", squeezed):
                    found.append(f"{where}: refresh to {value[:40]!r}")
    return found


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return "</" not in text


def html_fragment_problems(markup: str, where: str) -> list[str]:
    """:func:`executable_markup` for an HTML fragment carried as text (a feed's content, a TimelineJS headline)."""
    if not markup.strip():
        return []
    return executable_markup(lxml_html.fragment_fromstring(markup, create_parent="div"), where, own_scripts=False)


def json_strings(value: Any, key: str = "") -> list[tuple[str, str]]:
    """Every string in a JSON document with the key it is under."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in json_strings(v, str(k))]
    if isinstance(value, list):
        return [pair for v in value for pair in json_strings(v, key)]
    return [(key, value)] if isinstance(value, str) else []


def test_markup_in_every_field_renders_inert_in_every_file(make_site: MakeSite) -> None:
    root = make_site(PAYLOAD_SITE, base=False)
    result = build(root)
    assert result.ok, messages(result)
    out = root / "output"
    files = tree(out)
    kinds = {Path(name).suffix for name in files}
    assert {".html", ".xml", ".json", ".ics", ".js", ".css"} <= kinds
    found: list[str] = []
    shown = ""
    for name, data in files.items():
        if name.endswith(".html"):
            page = lxml_html.fromstring(data)
            found += executable_markup(page, name)
            shown += page.text_content()
        elif name.endswith(".xml"):
            document = etree.fromstring(data)  # well-formed, or this raises
            for element in document.iter():
                if isinstance(element.tag, str) and etree.QName(element).localname == "script":
                    found.append(f"{name}: <script>")
                if element.get("type") == "html":
                    found += html_fragment_problems(element.text or "", name)
                for attribute in ("href", "src"):
                    if re.sub(r"[\x00-\x20]", "", element.get(attribute, "")).lower().startswith(("javascript:", "data:", "vbscript:")):
                        found.append(f"{name}: {attribute}={element.get(attribute)!r}")
            if name.endswith("sitemap.xml"):
                assert all(loc.startswith("https://example.org/repo/") for loc in document.itertext() if loc.strip().startswith("http"))
        elif name.endswith(".json"):
            for key, text in json_strings(json.loads(data)):
                if key in ("headline", "text") and name == "timeline.json":
                    found += html_fragment_problems(text, f"{name} {key}")
                if key == "url" or text.lower().lstrip().startswith(("javascript:", "data:", "vbscript:")):
                    if not (text.startswith(("https://", "http://")) or re.match(r"^[a-z0-9/_.-]*$", text)):
                        found.append(f"{name}: {key}={text[:60]!r}")
        elif name.endswith(".ics"):
            found += ics_problems(data.decode("utf-8"))
    assert found == []
    # the payloads were shown, as text
    for label in ("Site", "About", "Era", "Evil", "Alias", "Link", "Title", "Summary", "Unfiled", "Tag", "Source"):
        assert f"{label} {X}" in shown, label
    assert "alert(21)" in shown and "alert(8)" in shown


def ics_problems(text: str) -> list[str]:
    """Lines of a calendar that are not properties of ours: an injected VALARM or END, a raw line break."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    names = "BEGIN END VERSION PRODID CALSCALE METHOD X-WR-CALNAME X-WR-CALDESC UID DTSTAMP DTSTART DTEND SUMMARY DESCRIPTION URL CATEGORIES TRANSP"
    known = re.compile(rf"^({'|'.join(names.split())})[;:]")
    found = [f"events.ics: {line[:60]!r}" for line in lines if not known.match(line)]
    found += [f"events.ics: {line!r}" for line in lines if line.startswith(("BEGIN:", "END:")) and line.split(":")[1] not in ("VCALENDAR", "VEVENT")]
    if [line for line in lines if line.startswith("BEGIN:VEVENT")] != ["BEGIN:VEVENT"] * 2:
        found.append("events.ics: not exactly two events")
    return found


# --- the file system ------------------------------------------------------------------------------


def strange_files(root: Path) -> None:
    """A FIFO, a folder, a dangling symlink and a self-referring symlink, all named ``*.md``; a folder loop."""
    events = root / "content/events"
    os.mkfifo(events / "y.md")
    (events / "x.md").mkdir()
    (events / "x.md/notes.txt").write_text("not an event")
    (events / "z.md").symlink_to(root / "nowhere.md")
    (events / "self.md").symlink_to("self.md")
    (events / "loop").symlink_to("..")
    (events / "sub").mkdir()
    (events / "sub/parent").symlink_to("../..")


def test_strange_files_are_reported_without_hanging(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    strange_files(root)
    timer = unblock_after(root / "content/events/y.md", 5)
    started = time.perf_counter()
    try:
        found = fails_with(
            root,
            before,
            "content/events/y.md: cannot read: not a regular file (a named pipe)",
            "content/events/x.md: cannot read: a folder, not a file",
            "content/events/z.md: cannot read: No such file or directory",
            "content/events/self.md: cannot read: Too many levels of symbolic links",
        )
    finally:
        timer.cancel()
    assert time.perf_counter() - started < 5
    assert len(found) == 4, found


def test_a_named_pipe_for_site_yaml_does_not_hang(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    (root / "content/site.yaml").unlink()
    os.mkfifo(root / "content/site.yaml")
    timer = unblock_after(root / "content/site.yaml", 5)
    try:
        fails_with(root, before, "content/site.yaml: cannot read site settings: not a regular file (a named pipe)")
    finally:
        timer.cancel()


def test_a_symlinked_folder_loop_neither_hangs_nor_doubles_events(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event("A"), "content/events/sub/b.md": event("B", "2020")})
    (root / "content/events/loop").symlink_to("..")
    (root / "content/events/sub/back").symlink_to("../../events")
    (root / "content/entities/again").symlink_to(".")
    result = build(root)
    assert result.ok, messages(result)
    assert result.site is not None and [e.id for e in result.site.events] == ["a", "b"]


def test_the_cli_reports_strange_files_and_bad_content_together(make_site: MakeSite) -> None:
    root, before = built_site(make_site)
    strange_files(root)
    write(root, {E: event(date="2019-02-30")})
    timer = unblock_after(root / "content/events/y.md", 20)
    try:
        run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True, timeout=60)
    finally:
        timer.cancel()
    assert run.returncode == 1 and "Traceback" not in run.stderr
    for expected in (
        f"{E}:3: date:",
        "content/events/y.md: cannot read",
        "content/events/x.md: cannot read",
        "content/events/z.md: cannot read",
        "failed: 5 error(s)",
    ):
        assert expected in run.stderr
    assert tree(root / "output") == before


# --- where the output goes ------------------------------------------------------------------------


@pytest.mark.parametrize("target", [".", "content", "content/events", "..", "/", "themes/../content"])
def test_an_output_setting_that_would_replace_the_site_is_refused(make_site: MakeSite, target: str) -> None:
    root = make_site({"content/events/a.md": event(), "content/site.yaml": f"title: T\noutput: {target}\n"})
    before = tree(root.parent)
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "refusing to build into" in run.stderr
    assert tree(root.parent) == before


@pytest.mark.parametrize("target", ["content", "home", "root"])
def test_an_output_folder_reached_through_a_symlink_is_refused(make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    root = make_site({"content/events/a.md": event()})
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    link = tmp_path / "link"
    link.symlink_to({"content": root / "content", "home": home, "root": root}[target])
    before = tree(tmp_path)
    result = build(root, output=link)
    assert not result.ok and "refusing to build into" in messages(result)[0]
    assert tree(tmp_path) == before


def big_event(kilobytes: int) -> str:
    return event("Big", body="\n\n".join("x" * 1000 for _ in range(kilobytes)))


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Any:
    """A real 512 KiB tmpfs, or a skip where the sandbox does not allow mounting."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_leaves_the_previous_output_and_no_staging_folder(make_site: MakeSite, tiny_disk: Path) -> None:
    root = make_site({"content/events/a.md": event()})
    out = tiny_disk / "output"
    assert build(root, output=out).ok
    before = tree(out)
    write(root, {"content/events/big.md": big_event(600)})
    result = build(root, output=out)
    assert not result.ok
    assert len(messages(result)) == 1
    assert messages(result)[0].startswith(f"{out}: cannot write output: [Errno 28] No space left on device")
    assert tree(out) == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["output"]


def test_a_file_size_limit_during_output_leaves_the_previous_output(make_site: MakeSite) -> None:
    """A real failing write without mounting: RLIMIT_FSIZE in a child process (SIGXFSZ ignored, so write() fails with EFBIG)."""
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok
    before = tree(root / "output")
    write(root, {"content/events/big.md": big_event(300)})
    script = (
        "import resource, signal, sys\nfrom pathlib import Path\nfrom generator.build.pipeline import build\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\nresource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))\n"
        "result = build(Path(sys.argv[1]))\nprint('\\n'.join(p.format() for p in result.problems))\nsys.exit(0 if result.ok else 1)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stdout.startswith(f"{root / 'output'}: cannot write output: [Errno 27] File too large")
    assert tree(root / "output") == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "output"]


def test_an_output_path_through_a_file_is_a_clear_error(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"content/events/a.md": event()})
    (tmp_path / "plain").write_text("a file")
    result = build(root, output=tmp_path / "plain" / "output")
    assert not result.ok
    assert messages(result)[0].startswith(f"{tmp_path / 'plain' / 'output'}: cannot write output: ")
    assert (tmp_path / "plain").read_text() == "a file"


@pytest.mark.parametrize("style", ["block mapping", "block list", "dash list", "flow mapping", "flow list", "question keys"])
def test_yaml_nested_just_past_the_limit_is_refused_in_every_style(make_site: MakeSite, style: str) -> None:
    # ordinary front matter skips the event-stream check, so each way of nesting must still be caught at 65 levels
    depth = 65
    extra = {
        "block mapping": "extra:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth)) + " " * (depth + 1) + "end\n",
        "block list": "extra:\n" + "".join(" " * (i + 1) + "-\n" for i in range(depth)) + " " * (depth + 1) + "end\n",
        "dash list": "extra: {a: " + "- " * 0 + "x}\nsources:\n  " + "- " * depth + "x\n",
        "flow mapping": "extra: " + "{a: " * depth + "1" + "}" * depth + "\n",
        "flow list": "extra: {a: " + "[" * depth + "]" * depth + "}\n",
        "question keys": "extra:\n" + "".join(" " * i + "? k\n" + " " * i + ":\n" for i in range(1, depth + 1)) + " " * (depth + 1) + "end\n",
    }[style]
    root = make_site({E: event(extra=extra)})
    result = build(root)
    assert not result.ok
    assert any("nested more than 64 levels deep" in m or "exceeded maximum nesting depth" in m for m in messages(result)), messages(result)
