"""Properties of bad input: whatever an event file holds, a build gives problems or a site, never an exception.

Each example builds a tiny site in a temporary folder of its own (no
function-scoped fixtures under ``@given``). Runs are bounded so the suite stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import COMMERCE, HUAWEI, SITE_YAML, event
from generator.build.pipeline import build
from generator.content.dates import DateError, PartialDate, parse_date
from generator.content.fields import FieldError
from generator.content.fields import date as date_field
from generator.content.frontmatter import read_document
from generator.content.schema import ID_PATTERN, read_event

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
E = "content/events/e.md"


def site_with(folder: Path, files: dict[str, bytes]) -> Path:
    """A site in ``folder``: the base settings and entities plus ``files``."""
    root = folder / "site"
    base = {"content/site.yaml": SITE_YAML, "content/entities/huawei.md": HUAWEI, "content/entities/commerce.md": COMMERCE}
    for name, text in base.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def everything_under(folder: Path) -> dict[str, bytes | str]:
    """Every path under ``folder``: a file's bytes, a symlink's target, ``"dir"`` for a folder; links not followed."""
    found: dict[str, bytes | str] = {}
    for parent, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(parent) / name
            key = path.relative_to(folder).as_posix()
            found[key] = os.readlink(path) if path.is_symlink() else "dir" if path.is_dir() else path.read_bytes()
    return found


def assert_builds_or_explains(data: bytes) -> None:
    """Build a site whose one event file holds ``data``: ok with that event, or problems that name files."""
    with tempfile.TemporaryDirectory() as folder:
        root = site_with(Path(folder), {E: data})
        result = build(root, write=False)
        shown = [p.format() for p in result.problems]
        if result.ok:
            assert result.site is not None and len(result.site.events) == 1, shown
        else:
            assert shown and all(line.startswith("content/") for line in shown), shown
            assert any(line.startswith(E) for line in shown), shown


# --- front matter ---------------------------------------------------------------------------------

FRONT_KEYS = ["title", "date", "end_date", "id", "aliases", "entities", "tags", "sources", "summary", "draft", "extra"]
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.sampled_from(["2019", "2019-05", "2019-05-16", "Huawei"])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


@BOUNDED
@given(st.binary(max_size=3000))
@example(b"\xef\xbb\xbf")
@example(b"---\n---\n")
@example("---\r\ntitle: x\r\ndate: 2019\r\n---\r\n".encode("utf-16"))
def test_any_bytes_as_an_event_file(data: bytes) -> None:
    assert_builds_or_explains(data)


@BOUNDED
@given(st.text(max_size=400), st.text(max_size=400))
@example("title: &a [*a]\ndate: 2019", "")
@example("title: x\ndate: 2019\nextra: " + "{a: " * 70 + "1" + "}" * 70, "")
@example("title: x\ndate: 2019", "> " * 3000 + "deep")
def test_any_text_between_fences(front: str, body: str) -> None:
    assert_builds_or_explains(f"---\n{front}\n---\n{body}\n".encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.dictionaries(st.sampled_from(FRONT_KEYS) | st.text(max_size=10), VALUES, max_size=8))
@example({"title": "x", "date": "0000"})
@example({"title": "x", "date": "2019", "tags": ["日本"]})
def test_any_yaml_values_under_any_keys(front: dict[str, object]) -> None:
    text = yaml.safe_dump(front, allow_unicode=True) if front else ""
    assert_builds_or_explains(f"---\n{text}---\nBody.\n".encode())


# --- dates ----------------------------------------------------------------------------------------

DATE_LIKE = st.from_regex(r"\A\s*[0-9]{1,5}(-[0-9]{1,3}(-[0-9]{1,3})?)?\s*\Z")
ANY_VALUE = st.text() | DATE_LIKE | st.integers() | st.floats() | st.none() | st.booleans() | st.dates() | st.lists(st.integers(), max_size=2)


@settings(max_examples=400, deadline=None)
@given(ANY_VALUE)
def test_parse_date_gives_a_partial_date_or_a_date_error(value: object) -> None:
    try:
        result = parse_date(value)
    except DateError as exc:
        assert str(exc)
        return
    assert isinstance(result, PartialDate)


@settings(max_examples=400, deadline=None)
@given(ANY_VALUE)
@example("0000")
@example("9999-12-31")
@example("0001-01-01")
def test_a_date_the_schema_accepts_works_everywhere_a_date_is_used(value: object) -> None:
    try:
        result = date_field(value)
    except FieldError as exc:
        assert exc.message
        return
    assert result.first_day <= result.last_day < dt.date.max
    assert result.label() and result.iso() and parse_date(result.iso()) == result


def test_parse_date_refuses_year_zero() -> None:
    try:
        parse_date("0000").first_day  # noqa: B018 (the property is what must not raise)
    except DateError:
        return


# --- ids ------------------------------------------------------------------------------------------

ID_TEXT = st.text(max_size=40) | st.from_regex(r"\A[a-z0-9._/\\%-]{1,20}\Z") | st.sampled_from(["..", "../x", "/x", "x/..", "%2e%2e", "con", "nul", "404", "e"])


@BOUNDED
@given(ID_TEXT, st.sampled_from(["id", "aliases"]))
@example("../../../outside", "id")
@example("/tmp/x", "aliases")
def test_any_id_lands_inside_the_output_or_is_refused(ident: str, key: str) -> None:
    quoted = json.dumps(ident, ensure_ascii=False)  # libyaml reads no surrogate-pair escapes
    value = quoted if key == "id" else f"[{quoted}]"
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        root = site_with(base, {E: event(extra=f"{key}: {value}\n").encode()})
        before = everything_under(base)
        result = build(root)
        after = everything_under(base)
        outside = {k: v for k, v in after.items() if not k.startswith("site/output")}
        assert outside == before  # nothing written, moved or deleted outside the output folder
        if result.ok:
            assert ID_PATTERN.match(ident.strip()), ident
            page = "events/e" if key == "aliases" else f"events/{ident.strip()}"
            assert (root / "output" / page / "index.html").is_file()
            short = root / "output/e" / ident.strip() / "index.html"
            assert short.is_file() and short.resolve().is_relative_to((root / "output").resolve())
        else:
            # the id's own line: a problem with the id, or with the YAML it is written in
            assert any(p.format().startswith(f"{E}:4: ") for p in result.problems), [p.format() for p in result.problems]


FILE_NAME = st.text(st.characters(exclude_characters="/\0", exclude_categories=["Cs"]), min_size=1, max_size=40).filter(
    lambda name: len((name + ".md").encode()) < 250
)


@BOUNDED
@given(FILE_NAME)
@example("..")
@example("CON")
@example("日本")
def test_any_file_name_builds_inside_the_output_or_is_refused(stem: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        root = site_with(base, {f"content/events/{stem}.md": event().encode()})
        before = everything_under(base)
        result = build(root)
        outside = {k: v for k, v in everything_under(base).items() if not k.startswith("site/output")}
        assert outside == before
        shown = [p.format() for p in result.problems]
        if result.ok and result.site is not None and result.site.events:
            ident = result.site.events[0].id
            assert ID_PATTERN.match(ident) and (root / "output/events" / ident / "index.html").is_file()
        elif not result.ok:
            assert any(p.path == f"content/events/{stem}.md" for p in result.problems), shown


# --- import ---------------------------------------------------------------------------------------


@BOUNDED
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")))
@example(
    textwrap.dedent("""\
    Skip to main content
    Huawei added to the Entity List
    By Jane Doe | May 16, 2019
    Commerce added Huawei to the Entity List on Thursday.
    """).encode()
)
def test_any_page_imports_without_raising_and_writes_a_file_the_build_reads(data: bytes) -> None:
    importer = pytest.importorskip("generator.ingest.importer")
    text_module = pytest.importorskip("generator.ingest.text")
    writer = pytest.importorskip("generator.ingest.writer")
    entities = pytest.importorskip("generator.ingest.entities")
    matcher = entities.Matcher.build([("Huawei", ["Huawei Technologies"]), ("US Department of Commerce", ["Commerce"])])
    text, reason = text_module.decode(data)
    if text is None:
        assert reason
        return
    imported = importer.import_text(text, matcher, importer.Overrides(date=PartialDate(2019, 5, 16)))
    if imported.draft is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "event.md"
        file.write_text(writer.event_text(imported.draft), encoding="utf-8")
        document, problems = read_document(file, "event.md")
        assert document is not None and problems == [], [p.format() for p in problems]
        record, problems = read_event(document, "event")
        assert record is not None and problems == [], [p.format() for p in problems]
