"""Every page in seeds/ imports to exactly what its fixture in tests/import_fixtures/ says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.markdown import make_markdown
from generator.ingest.importer import import_text
from generator.ingest.text import decode
from import_fixtures.support import FIXTURES, SEEDS, cli, read_back, registry, seed_matcher, write_entities

SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    return data


def test_every_seed_has_a_fixture_and_there_are_enough() -> None:
    assert len(SEED_NAMES) >= 8
    assert sorted(p.name.removesuffix(".expected.yaml") for p in FIXTURES.glob("*.expected.yaml")) == SEED_NAMES


def test_the_seeds_cover_the_mess_the_issue_lists() -> None:
    raw = {name: (SEEDS / f"{name}.txt").read_bytes() for name in SEED_NAMES}
    assert any(b"\r\n" in data for data in raw.values())
    assert any("“".encode() in data or b"\x93" in data for data in raw.values())
    assert any(expected(name)["date"] is None for name in SEED_NAMES)
    assert any(expected(name)["updated"] for name in SEED_NAMES)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_imports_as_its_fixture_says(name: str) -> None:
    text, reason = decode((SEEDS / f"{name}.txt").read_bytes())
    assert text is not None, reason
    imported = import_text(text, seed_matcher())
    page, want = imported.page, expected(name)
    assert imported.draft is not None
    got = {
        "title": page.title,
        "date": page.date.iso() if page.date else None,
        "updated": page.updated.iso() if page.updated else None,
        "source": page.source,
        "url": page.url,
        "byline": page.byline,
        "image_credit": page.image_credit,
        "standfirst": page.standfirst,
        "entities": list(imported.draft.entities),
        "paragraphs": list(page.paragraphs),
    }
    assert got == {key: want[key] for key in got}


def test_seed_headline_is_not_on_the_first_line() -> None:
    firsts = [(SEEDS / f"{name}.txt").read_bytes().decode("utf-8", "replace").splitlines()[0] for name in SEED_NAMES]
    assert all(first.strip() != expected(name)["title"] for first, name in zip(firsts, SEED_NAMES, strict=True))


def test_importing_the_seed_folder_writes_events_the_build_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_entities(tmp_path / "site", registry())
    status = cli("import", SEEDS, "--root", root)
    out, err = capsys.readouterr()
    assert status == 1  # a seed without a date is not imported, and says so
    written = sorted((root / "content" / "events").glob("*.md"))
    dated = [name for name in SEED_NAMES if expected(name)["date"]]
    assert len(written) == len(dated)
    assert err == f"{(SEEDS / 'regional-canada-ban.txt').as_posix()}: date: no publication date found; nothing written: pass --date YYYY-MM-DD\n"
    assert out.splitlines()[-1] == f"{len(SEED_NAMES)} pages: {len(dated)} imported, 0 duplicate, 1 needs a date, 0 failed"
    md = make_markdown()
    for file in written:
        record = read_back(file)
        want = next(expected(n) for n in dated if record.title == expected(n)["title"])
        assert record.draft and record.date.iso() == want["date"]
        assert [m.name for m in record.entities] == want["entities"]
        assert record.sources[0].name == want["source"] and record.sources[0].url == want["url"]
        assert record.extra.get("byline") == want["byline"]
        html = md.render(record.body)
        for paragraph in want["paragraphs"]:
            assert paragraph.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;") in html
