"""``timeline import`` and ``timeline new`` as a user runs them: files, messages, exit status."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from import_fixtures.support import cli, parser, read_back, write_entities

PAGE = """\
Skip to main content
Technology
Commerce adds Huawei to the Entity List
By Jane Doe
Published 16 May 2019
https://news.example/tech/2019/05/16/commerce-huawei-entity-list
The Commerce Department said on Thursday that it had added Huawei and dozens of affiliates to its Entity List.
The decision means American suppliers will need a licence before they can sell the company parts or software.
© 2019 Example News. All rights reserved.
"""
TARGET = "content/events/2019-05-16-commerce-adds-huawei-to-the-entity-list.md"
Capture = pytest.CaptureFixture[str]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = write_entities(tmp_path / "site", [{"name": "Huawei"}, {"name": "US Department of Commerce", "aliases": ["Commerce Department"]}])
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE, encoding="utf-8")
    return root


def seeds(site: Path) -> Path:
    return site.parent / "seeds"


def test_import_writes_a_draft_and_says_what_it_found(site: Path, capsys: Capture) -> None:
    assert cli("import", seeds(site) / "page.txt", "--root", site) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        f"{(seeds(site) / 'page.txt').as_posix()} -> {TARGET}: date 2019-05-16, source Example News, byline Jane Doe, "
        "2 entities, 2 paragraphs\n"
    )
    record = read_back(site / TARGET)
    assert record.draft and record.title == "Commerce adds Huawei to the Entity List"
    assert [m.name for m in record.entities] == ["Huawei", "US Department of Commerce"]
    assert record.sources[0].url == "https://news.example/tech/2019/05/16/commerce-huawei-entity-list"


def test_import_never_overwrites_without_force(site: Path, capsys: Capture) -> None:
    assert cli("import", seeds(site) / "page.txt", "--root", site) == 0
    (site / TARGET).write_text("edited by hand", encoding="utf-8")
    assert cli("import", seeds(site) / "page.txt", "--root", site) == 1
    assert "already exists; not overwritten (use --force" in capsys.readouterr().err
    assert (site / TARGET).read_text(encoding="utf-8") == "edited by hand"
    assert cli("import", seeds(site) / "page.txt", "--root", site, "--force") == 0
    assert read_back(site / TARGET).title == "Commerce adds Huawei to the Entity List"


def test_dry_run_prints_and_writes_nothing(site: Path, capsys: Capture) -> None:
    assert cli("import", seeds(site) / "page.txt", "--root", site, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("---\ntitle: Commerce adds Huawei to the Entity List\ndate: 2019-05-16\n")
    assert out.rstrip().endswith("(dry run): date 2019-05-16, source Example News, byline Jane Doe, 2 entities, 2 paragraphs")
    assert not (site / "content" / "events").exists()


def test_command_line_values_override_the_page(site: Path, capsys: Capture) -> None:
    args = ["--date", "2019-05", "--source", "Wire", "--url", "https://wire.example/a"]
    assert cli("import", seeds(site) / "page.txt", "--root", site, *args) == 0
    assert "date 2019-05 (from --date), source Wire" in capsys.readouterr().out
    record = read_back(site / "content/events/2019-05-commerce-adds-huawei-to-the-entity-list.md")
    assert record.date.iso() == "2019-05"
    assert (record.sources[0].name, record.sources[0].url, record.sources[0].date) == ("Wire", "https://wire.example/a", record.sources[0].date)
    assert record.sources[0].date is not None and record.sources[0].date.iso() == "2019-05-16"


def test_page_without_a_date_is_not_written_until_date_is_given(site: Path, capsys: Capture) -> None:
    page = seeds(site) / "undated.txt"
    page.write_text(PAGE.replace("Published 16 May 2019\n", "").replace("/2019/05/16/", "/"), encoding="utf-8")
    assert cli("import", page, "--root", site) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"{page.as_posix()}: date: no publication date found; nothing written: pass --date YYYY-MM-DD\n"
    assert not (site / "content" / "events").exists()
    assert cli("import", page, "--root", site, "--dry-run") == 1
    assert "# date: missing" in capsys.readouterr().out
    assert cli("import", page, "--root", site, "--date", "2019-05-16") == 0
    assert read_back(site / TARGET).sources[0].date is None


def test_a_folder_imports_every_page_in_it(site: Path, capsys: Capture) -> None:
    folder = seeds(site)
    second = PAGE.replace("Commerce adds Huawei to the Entity List", "Huawei responds to the listing").replace("commerce-huawei", "huawei-responds")
    (folder / "second.txt").write_text(second, encoding="utf-8")
    (folder / ".hidden.txt").write_text("not a page", encoding="utf-8")
    (folder / "page.txt~").write_text("editor backup", encoding="utf-8")
    assert cli("import", folder, "--root", site) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[-1] == "2 pages: 2 imported, 0 duplicate, 0 needs a date, 0 failed"
    assert len(list((site / "content" / "events").glob("*.md"))) == 2


def test_two_pages_for_one_file_in_one_run(site: Path, capsys: Capture) -> None:
    (seeds(site) / "copy.txt").write_text(PAGE, encoding="utf-8")
    assert cli("import", seeds(site), "--root", site, "--force") == 1
    assert "was just written from" in capsys.readouterr().err


def test_windows_1252_pages_are_read(site: Path, capsys: Capture) -> None:
    page = seeds(site) / "cp1252.txt"
    page.write_bytes(PAGE.replace("Huawei and dozens", "Huawei \u2014 \u201cand dozens\u201d").encode("cp1252"))
    assert cli("import", page, "--root", site, "--dry-run") == 0
    assert "Huawei \u2014 \u201cand dozens\u201d" in capsys.readouterr().out


def test_utf16_pages_with_a_byte_order_mark_are_read(site: Path, capsys: Capture) -> None:
    page = seeds(site) / "utf16.txt"
    page.write_bytes(PAGE.encode("utf-16"))
    assert cli("import", page, "--root", site, "--dry-run") == 0
    assert "title: Commerce adds Huawei to the Entity List" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"caf\xe9 \x81\x8d", "neither UTF-8 nor Windows-1252"),
        (b"\n\n  \n", "empty file"),
        (b"Share\nTweet\nSubscribe\n", "no headline or article text found"),
    ],
)
def test_unreadable_pages_are_reported_with_their_path(site: Path, capsys: Capture, data: bytes, message: str) -> None:
    page = seeds(site) / "bad.txt"
    page.write_bytes(data)
    assert cli("import", page, seeds(site) / "page.txt", "--root", site) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"{page.as_posix()}: ") and message in err and "Traceback" not in err
    assert "page.txt ->" in out  # the other page is still imported


def test_missing_and_unreadable_paths(site: Path, capsys: Capture) -> None:
    assert cli("import", seeds(site) / "nope.txt", "--root", site) == 1
    assert "nope.txt: read: no such file or folder" in capsys.readouterr().err
    if os.geteuid() != 0:  # root reads anything
        locked = seeds(site) / "page.txt"
        locked.chmod(0)
        assert cli("import", locked, "--root", site) == 1
        assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(("option", "value"), [("--date", "16/05/2019"), ("--date", "2019-02-30"), ("--url", "javascript:alert(1)")])
def test_bad_option_values_are_usage_errors(site: Path, capsys: Capture, option: str, value: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args(["import", "x.txt", option, value])
    assert exit_info.value.code == 2 and option in capsys.readouterr().err


def test_new_scaffolds_an_empty_draft(site: Path, capsys: Capture) -> None:
    args = ["new", "Commerce adds Huawei to the Entity List", "--date", "2019-05-16", "--entity", "commerce department", "--entity", "Huawei"]
    assert cli(*args, "--entity", "Huwaei", "--root", site) == 0
    out, err = capsys.readouterr()
    assert out == f"created {TARGET}\n"
    assert "unknown entity 'Huwaei' (did you mean 'Huawei'?)" in err
    record = read_back(site / TARGET)
    assert record.draft and record.date.iso() == "2019-05-16"
    assert [m.name for m in record.entities] == ["US Department of Commerce", "Huawei", "Huwaei"]
    assert record.body.strip().startswith("TODO")
    assert cli(*args, "--root", site) == 1
    assert "already exists" in capsys.readouterr().err
    assert cli(*args, "--root", site, "--force", "--source", "Wire", "--url", "https://wire.example/a") == 0
    assert read_back(site / TARGET).sources[0].name == "Wire"


def test_new_requires_a_date(capsys: Capture) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["new", "Title"])
    assert "--date" in capsys.readouterr().err


def test_the_same_page_twice_is_refused_with_the_existing_event(site: Path, capsys: Capture) -> None:
    assert cli("import", seeds(site) / "page.txt", "--root", site) == 0
    capsys.readouterr()
    moved = seeds(site) / "again.txt"  # the same article, linked from a newsletter, under another title
    tracked = "http://WWW.news.example/tech/2019/05/16/commerce-huawei-entity-list/?utm_source=nl&fbclid=x#top"
    moved.write_text(
        PAGE.replace("https://news.example/tech/2019/05/16/commerce-huawei-entity-list", tracked)
        .replace("Commerce adds Huawei to the Entity List", "US blacklists Huawei"),
        encoding="utf-8",
    )
    assert cli("import", moved, "--root", site) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"{moved.as_posix()}: duplicate: same source address as {TARGET}; nothing written (use --force to import it anyway)\n"
    assert len(list((site / "content" / "events").glob("*.md"))) == 1
    assert cli("import", moved, "--root", site, "--force") == 0
    assert len(list((site / "content" / "events").glob("*.md"))) == 2


def test_same_title_and_date_is_a_duplicate_even_from_another_address(site: Path, capsys: Capture) -> None:
    other = seeds(site) / "syndicated.txt"
    syndicated = PAGE.replace("https://news.example/tech/2019/05/16/commerce-huawei-entity-list", "https://other.example/2019/05/16/huawei-list")
    other.write_text(syndicated, encoding="utf-8")
    assert cli("import", seeds(site) / "page.txt", other, "--root", site) == 1
    out, err = capsys.readouterr()
    assert err == f"{other.as_posix()}: duplicate: same title and date as {TARGET}; nothing written (use --force to import it anyway)\n"
    assert out.splitlines()[-1] == "2 pages: 1 imported, 1 duplicate, 0 needs a date, 0 failed"


def test_a_batch_counts_every_outcome(site: Path, capsys: Capture) -> None:
    folder = seeds(site)
    undated = PAGE.replace("Published 16 May 2019\n", "").replace("/2019/05/16/", "/").replace("Commerce adds", "Commerce lists")
    (folder / "undated.txt").write_text(undated, encoding="utf-8")
    (folder / "copy.txt").write_text(PAGE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    assert cli("import", folder, "--root", site) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "4 pages: 1 imported, 1 duplicate, 1 needs a date, 1 failed"
    assert [line.split(": ")[1] for line in err.splitlines()] == ["read", "duplicate", "date"]  # copy.txt imported; empty, page, undated not


def test_an_event_written_by_hand_counts_as_existing(site: Path, capsys: Capture) -> None:
    events = site / "content" / "events"
    events.mkdir(parents=True)
    (events / "listing.md").write_text(
        "---\ntitle: Huawei placed on the Entity List\ndate: 2019-05-16\nsources:\n  - name: Example News\n"
        "    url: https://news.example/tech/2019/05/16/commerce-huawei-entity-list?utm_medium=email\n---\nText.\n",
        encoding="utf-8",
    )
    (events / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")  # unreadable events are skipped, not fatal
    assert cli("import", seeds(site) / "page.txt", "--root", site) == 1
    assert "duplicate: same source address as content/events/listing.md;" in capsys.readouterr().err


def test_a_folder_skips_files_that_are_not_pages_and_says_so(site: Path, capsys: Capture) -> None:
    folder = seeds(site)
    (folder / "page.expected.yaml").write_text("title: Commerce adds Huawei to the Entity List\ndate: '2019-05-16'\n", encoding="utf-8")
    (folder / "notes.md").write_text("# My notes\n\nCommerce adds Huawei to the Entity List, 16 May 2019.\n", encoding="utf-8")
    (folder / "second.HTM").write_text(PAGE.replace("commerce-huawei", "huawei-again").replace("Commerce adds", "Commerce lists"), encoding="utf-8")
    assert cli("import", folder, "--root", site) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "2 pages: 2 imported, 0 duplicate, 0 needs a date, 0 failed"
    assert err == f"{folder.as_posix()}: skipped 2 file(s) that are not pages: notes.md, page.expected.yaml (pages end in .txt, .text, .html, .htm, .xhtml)\n"
    assert len(list((site / "content" / "events").glob("*.md"))) == 2


def test_a_file_named_on_the_command_line_is_read_whatever_its_name(site: Path, capsys: Capture) -> None:
    page = seeds(site) / "article.copy"
    page.write_text(PAGE, encoding="utf-8")
    assert cli("import", page, "--root", site, "--dry-run") == 0
    assert capsys.readouterr().err == ""
