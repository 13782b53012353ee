"""The benchmark corpus (bench/corpus.py): deterministic, of the promised shape, and a clean build for ``timeline build``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench import corpus
from generator.build.pipeline import build

SIZE = 30


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 30-event corpus written once for the module."""
    target = tmp_path_factory.mktemp("corpus") / "c"
    corpus.write_corpus(target, SIZE, 42)
    return target


def test_the_same_seed_writes_the_same_bytes(tiny: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    corpus.write_corpus(again, SIZE, 42)
    assert files(again) == files(tiny)


def test_another_seed_writes_another_corpus(tiny: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    corpus.write_corpus(other, SIZE, 43)
    first, second = files(tiny), files(other)
    assert first.keys() != second.keys()
    assert sorted(first.values()) != sorted(second.values())


def test_every_format_has_every_article(tiny: Path) -> None:
    events = sorted(p.stem for p in (tiny / "site" / "content" / "events").glob("*.md"))
    assert len(events) == SIZE
    assert sorted(p.stem for p in (tiny / "hugo" / "content" / "articles").glob("*.md")) == events
    assert sorted(p.stem for p in (tiny / "eleventy" / "src" / "articles").glob("*.md")) == events
    assert (tiny / "hugo" / "hugo.yaml").is_file()
    assert (tiny / "eleventy" / "eleventy.config.cjs").is_file()


def test_articles_have_the_fields_and_the_mix_of_markdown(tiny: Path) -> None:
    _, articles = corpus.generate(SIZE, 42)
    for article in articles:
        assert 300 <= len(article.body.split()) <= 620, article.slug
        assert 2 <= len(article.entities) <= 5 and 1 <= len(article.tags) <= 3
        assert article.source_name and article.source_url.startswith("https://")
        assert re.search(r"^## ", article.body, re.M) and re.search(r"^- ", article.body, re.M)
        assert len(re.findall(r"\]\(https://", article.body)) >= 2
    everything = "".join(a.body for a in articles)
    for construct in (r"^\| Year \|", r"^> ", r"^1\. ", r"\*\*\w", r"(?<!\*)\*\w", r"`\w+`", r"~~\w"):
        assert re.search(construct, everything, re.M), construct


def test_the_entities_file_lists_every_entity_used(tiny: Path) -> None:
    listed = yaml.safe_load((tiny / "entities.yml").read_text(encoding="utf-8"))
    entity_files = sorted(p.stem for p in (tiny / "site" / "content" / "entities").glob("*.md"))
    assert sorted(e["slug"] for e in listed) == entity_files
    named = {name for a in corpus.generate(SIZE, 42)[1] for name in a.entities}
    assert {e["name"] for e in listed} == named


def test_the_site_builds_with_no_problems(tiny: Path, tmp_path: Path) -> None:
    result = build(tiny / "site", output=tmp_path / "api-out")
    assert result.ok and result.problems == (), [p.format() for p in result.problems]
    assert result.events == SIZE
    assert result.entities == len(list((tiny / "site" / "content" / "entities").glob("*.md")))


def test_timeline_build_on_the_command_line_is_clean(tiny: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "timeline"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]
    run = subprocess.run([*command, "build", "--root", str(tiny / "site"), "--output", str(tmp_path / "cli-out")],
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning" not in (run.stdout + run.stderr).lower()
    assert (tmp_path / "cli-out" / "index.html").is_file()


def test_the_cache_reuses_a_matching_folder(tmp_path: Path) -> None:
    first = corpus.prepare(SIZE, 7, tmp_path, log=False)
    marker = first.folder / "marker"
    marker.write_text("kept")
    assert corpus.prepare(SIZE, 7, tmp_path, log=False).folder == first.folder
    assert marker.is_file()
