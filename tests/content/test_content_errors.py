"""Each content error: a tiny broken site and the exact message it must give."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MakeSite, event, messages
from generator.build.pipeline import build

E = "content/events/e.md"

CASES = {
    "bad YAML": ({E: "---\ntitle: [unclosed\ndate: 2019\n---\n"}, f"{E}:3: YAML: did not find expected ',' or ']'"),
    "YAML error at the end": ({E: "---\ntitle: [broken\n---\n"}, f"{E}:3: YAML: did not find expected ',' or ']'"),
    "tab indent": (
        {E: "---\ntitle: x\ndate: 2019\nentities:\n\t- Huawei\n---\n"},
        f"{E}:5: YAML: found character that cannot start any token (a tab: indent YAML with spaces)",
    ),
    "missing fence": ({E: "title: x\ndate: 2019\n"}, f"{E}:1: missing front matter: the file must start with a '---' line"),
    "unclosed fence": ({E: "---\ntitle: x\ndate: 2019\n"}, f"{E}:1: front matter is not closed: no second '---' line"),
    "missing title": ({E: "---\ndate: 2019\n---\n"}, f"{E}:1: title: required"),
    "impossible date": ({E: event(date="2019-13-40")}, f"{E}:3: date: month must be 01 to 12, got '2019-13-40'"),
    "day-first date": ({E: event(date="16/05/2019")}, f"{E}:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '16/05/2019'"),
    "end before start": ({E: event(date="2019-05-16", extra="end_date: 2019-05-01\n")}, f"{E}:4: end_date: 2019-05-01 is before date 2019-05-16"),
    "misspelt entity": (
        {E: event(extra="entities:\n  - Commerce Department\n  - Huwaei\n")},
        f"{E}:6: entities: unknown entity 'Huwaei' (did you mean 'Huawei'?)",
    ),
    "duplicate id": (
        {E: event(extra="id: same\n"), "content/events/f.md": event(extra="id: same\n")},
        f"{E}:4: id: duplicate id 'same' (used by content/events/e.md, content/events/f.md)",
    ),
    "escaping id": ({E: event(extra="id: ../../etc/x\n")}, f"{E}:4: id: '../../etc/x' is not a valid id"),
    "reserved id": ({E: event(extra="id: y2019\n")}, f"{E}:4: id: 'y2019' is reserved for the timeline page's own anchors"),
    "not UTF-8": ({E: b"---\ntitle: caf\xe9\ndate: 2019\n---\n"}, f"{E}:2: not valid UTF-8 (byte 0xe9)"),
    "empty file": ({E: ""}, f"{E}:1: empty file"),
    "binary file": ({E: b"\x89PNG\r\n\x1a\n\x00\x00"}, f"{E}:3: binary file: expected UTF-8 text"),
    "unknown key": ({E: event(extra="titel: x\n")}, f"{E}:4: titel: unknown key (did you mean 'title'?)"),
    "duplicate key": ({E: event(extra="title: again\n")}, f"{E}:4: title: duplicate key"),
    "wrong type": ({E: event(extra="entities: 42\n")}, f"{E}:4: entities: expected a list of names, got int"),
    "list title": ({E: "---\ntitle: [a]\ndate: 2019\n---\n"}, f"{E}:2: title: expected text, got a list"),
    "bad source": (
        {E: event(extra="sources:\n  - name: A\n    url: javascript:alert(1)\n  - url: https://x.example/\n")},
        f"{E}:6: sources[0].url: expected an http:// or https:// URL, got 'javascript:alert(1)'",
    ),
    "file: source (a source without a name is a warning now: tests/content/test_source_checks.py)": (
        {E: event(extra="sources:\n  - name: A\n    url: file:///home/me/notes.html\n")},
        f"{E}:6: sources[0].url: expected an http:// or https:// URL, got 'file:///home/me/notes.html'",
    ),
    "config unknown key": ({"content/site.yaml": "title: T\nbase_ur: /x/\n"}, "content/site.yaml:2: base_ur: unknown key (did you mean 'base_url'?)"),
    "config wrong type": ({"content/site.yaml": "title: T\nraw_html: maybe\n"}, "content/site.yaml:2: raw_html: expected true or false, got str"),
    "config era order": (
        {"content/site.yaml": "title: T\neras:\n  - name: A\n    start: 2020-01-01\n    end: 2019-01-01\n"},
        "content/site.yaml:5: eras[0].end: end 2019-01-01 is before start 2020-01-01",
    ),
    "entity claims a taken name": (
        {"content/entities/huawei2.md": "---\nname: Huawei Technologies\nkind: company\n---\n"},
        "content/entities/huawei2.md:2: name: 'Huawei Technologies' already names the entity in content/entities/huawei.md",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_error_names_file_line_and_key(make_site: MakeSite, case: str) -> None:
    files, expected = CASES[case]
    result = build(make_site(files), write=False)
    assert not result.ok
    assert any(m.startswith(expected) for m in messages(result)), messages(result)


def test_every_problem_is_reported_in_one_run(make_site: MakeSite) -> None:
    files: dict[str, str | bytes] = {}
    expected = []
    for index, (name, (case_files, message)) in enumerate(CASES.items()):
        if name.startswith(("config", "entity", "duplicate id")):
            continue
        for path, text in case_files.items():
            files[path.replace("e.md", f"e{index}.md")] = text
        expected.append(message.replace("e.md", f"e{index}.md"))
    found = messages(build(make_site(files), write=False))
    missing = [m for m in expected if not any(f.startswith(m) for f in found)]
    assert missing == []


def test_bom_and_crlf_are_accepted(make_site: MakeSite) -> None:
    text = "\ufeff---\r\ntitle: Windows\r\ndate: 2019-05-16\r\n---\r\nBody\r\n"
    result = build(make_site({E: text.encode("utf-8")}), write=False)
    assert result.ok, messages(result)
    assert result.site is not None and result.site.events[0].title == "Windows"


def test_cli_reports_without_traceback_and_exits_1(make_site: MakeSite) -> None:
    root = make_site({E: event(date="yesterday"), "content/events/g.md": "no fence\n"})
    out = root / "output"
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert f"{E}:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'yesterday'" in run.stderr
    assert "content/events/g.md:1: missing front matter" in run.stderr
    assert "failed: 2 error(s)" in run.stderr
    assert not out.exists()


def test_check_writes_nothing(make_site: MakeSite) -> None:
    root = make_site({E: event()})
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("ok: 1 events")
    assert not (root / "output").exists()


def test_missing_site_yaml(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({E: event()}, base=False)
    assert "content/site.yaml: cannot read site settings" in messages(build(root, write=False))[0]
