"""``python -m generator.ingest.evaluate DIR``: per-field accuracy and every miss, exit 0."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from import_fixtures.support import PROJECT

DEVELOP = PROJECT / "tests" / "ingest" / "evaluation" / "develop"
ROWS = ("title", "date", "source", "url", "summary", "first_sentence", "last_sentence", "entities recall", "entities precision", "boilerplate lines leaked")
PAGE = """\
Home | World | Tech
Commerce adds Huawei to the Entity List
By Jane Doe
Published 16 May 2019
https://news.example/tech/2019/05/16/commerce-huawei-entity-list
The Commerce Department said on Thursday that it had added Huawei and dozens of affiliates to its Entity List.
Sign up for our newsletter to get the news first.
The decision means American suppliers will need a licence before they can sell the company parts or software.
© 2019 Example News. All rights reserved.
"""


def evaluate(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.ingest.evaluate", *map(str, args)], capture_output=True, text=True, cwd=PROJECT, check=False)


def test_it_runs_on_the_develop_pages_and_reports_every_field() -> None:
    result = evaluate(DEVELOP, "--root", PROJECT)
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    pages = len(list(DEVELOP.glob("*.expected.yaml")))
    assert lines[0] == f"evaluation of {pages} pages in {DEVELOP.as_posix()}"
    for row in ROWS:
        assert any(line.startswith(row) for line in lines), row
    assert any(line.startswith("misses") for line in lines)


def test_each_field_and_each_miss_is_counted(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    expected = {
        "title": "Commerce adds Huawei to the Entity List",
        "date": "2019-05-17",  # deliberately wrong: one miss
        "source": "Example News",
        "url": "https://news.example/tech/2019/05/16/commerce-huawei-entity-list",
        "summary": None,
        "entities": ["US Department of Commerce", "Huawei", "Entity List"],
        "first_sentence": "The Commerce Department said on Thursday that it had added Huawei and dozens of affiliates to its Entity List.",
        "last_sentence": "The decision means American suppliers will need a licence before they can sell the company parts or software.",
        "must_not_appear": ["Sign up for our newsletter to get the news first.", "© 2019 Example News. All rights reserved.", "Home | World | Tech"],
    }
    (tmp_path / "page.expected.yaml").write_text(yaml.safe_dump(expected), encoding="utf-8")
    result = evaluate(tmp_path, "--root", PROJECT)
    assert result.returncode == 0
    rows = {line[:26].strip(): line[26:].split() for line in result.stdout.splitlines()[2:12]}
    assert rows["title"] == ["1", "1", "100.0", "%"] and rows["date"] == ["0", "1", "0.0", "%"]
    assert rows["entities recall"] == ["3", "3", "1.00"] and rows["boilerplate lines leaked"] == ["0", "3"]
    assert result.stdout.endswith("misses (1):\n  page.txt: date: expected '2019-05-17', got '2019-05-16'\n")


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = evaluate(tmp_path / "nope")
    assert result.returncode == 2 and result.stderr == f"{(tmp_path / 'nope').as_posix()}: not a folder\n" and result.stdout == ""


def test_import_output_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in DEVELOP.iterdir():
        if page.suffix in (".txt", ".html"):
            (pages / page.name).write_bytes(page.read_bytes())
    runs = []
    for seed in ("0", "12345"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        command = [sys.executable, "-m", "generator", "import", "--dry-run", str(pages), "--root", str(PROJECT)]
        runs.append(subprocess.run(command, capture_output=True, cwd=PROJECT, env=env, check=False))
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr and runs[0].returncode == runs[1].returncode
    assert runs[0].stdout.count(b"\n---\ntitle: ") + runs[0].stdout.startswith(b"---\ntitle: ") >= 20


def test_markdown_prints_the_same_figures_as_a_table(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    expected = {
        "title": "Commerce adds Huawei to the Entity List | with a bar", "date": "2019-05-16", "source": "Example News",
        "url": None, "summary": None, "entities": ["Huawei"], "first_sentence": "The Commerce Department said", "last_sentence": "parts or software.",
        "must_not_appear": ["Sign up for our newsletter to get the news first."],
    }
    (tmp_path / "page.expected.yaml").write_text(yaml.safe_dump(expected), encoding="utf-8")
    plain, table = evaluate(tmp_path, "--root", PROJECT), evaluate(tmp_path, "--root", PROJECT, "--markdown")
    assert table.returncode == 0 and table.stderr == ""
    lines = table.stdout.splitlines()
    assert lines[2:4] == ["| field | right | of | share |", "|---|---:|---:|---:|"]
    assert "| title | 0 | 1 | 0.0 % |" in lines and "| date | 1 | 1 | 100.0 % |" in lines and "| url | 0 | 1 | 0.0 % |" in lines
    assert "| boilerplate lines leaked | 0 | 1 | |" in lines
    # each miss once, as in the plain report, with a bar in it escaped for the table's sake
    misses = [line for line in lines if line.startswith("- ")]
    assert len(misses) == plain.stdout.count("\n  page.txt:") and any("\\| with a bar" in line for line in misses)
