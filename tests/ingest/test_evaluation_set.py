"""Integrity of the importer evaluation set in tests/ingest/evaluation (no importer code is used)."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
EVALUATION = HERE / "evaluation"
ENTITIES = HERE.parent.parent / "content" / "entities"
KEYS = {"style", "title", "date", "source", "url", "summary", "entities", "first_sentence", "last_sentence", "must_not_appear"}


def pages(split: str) -> list[Path]:
    """The pages of a split; none when its folder is absent (a new held-out set is added only when it is written)."""
    folder = EVALUATION / split
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html")) if folder.is_dir() else []


ALL_PAGES = pages("develop") + pages("heldout")


def expected_of(page: Path) -> dict[str, object]:
    data = yaml.safe_load(page.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def entity_names() -> set[str]:
    names = set()
    for path in ENTITIES.glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        names.add(str(front.get("name") or front.get("title")))
    return names


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(page: Path) -> list[str]:
    """The page's visible text in a few renderings: tags dropped or turned into spaces, hyphenation undone or kept."""
    raw = page.read_text(encoding="utf-8").replace("\r\n", "\n")
    if page.suffix == ".html":
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
        variants = [html.unescape(re.sub(r"<[^>]+>", sep, raw)) for sep in ("", " ")]
    else:
        variants = [raw]
    dehyphenated = [re.sub(r"(\w)-\n(\w)", r"\1\2", v) for v in variants]
    return [collapse(v) for v in variants + dehyphenated]


def occurs(needle: str, texts: list[str]) -> bool:
    return any(collapse(needle) in text for text in texts)


def test_split_sizes() -> None:
    assert len(pages("develop")) >= 208
    stems = [p.stem for p in ALL_PAGES]
    assert len(stems) == len(set(stems)), "a page name is used twice"


def test_no_stray_files() -> None:
    for split in ("develop", "heldout"):
        folder = EVALUATION / split
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.name.endswith(".expected.yaml"):
                stem = path.name.removesuffix(".expected.yaml")
                assert any((path.parent / (stem + ext)).exists() for ext in (".txt", ".html")), f"{path.name} has no page"
            else:
                assert path.suffix in (".txt", ".html"), f"unexpected file {path.name}"


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_expected_answer(page: Path) -> None:
    expected_path = page.with_suffix(".expected.yaml")
    assert expected_path.exists(), f"{page.name} has no expected.yaml"
    assert expected_path.read_text(encoding="utf-8").startswith("# "), "first line should be a comment on the style"
    expected = expected_of(page)
    assert set(expected) == KEYS

    for key in ("style", "title", "source", "first_sentence", "last_sentence"):
        assert isinstance(expected[key], str) and expected[key], key
    for key in ("url", "summary"):
        assert expected[key] is None or isinstance(expected[key], str), key

    date = expected["date"]
    if date is not None:
        assert isinstance(date, str), "write dates as quoted strings"
        assert datetime.date.fromisoformat(date).isoformat() == date

    entities = expected["entities"]
    assert isinstance(entities, list) and entities
    assert len(entities) == len(set(entities)), "an entity is listed twice"
    assert not set(entities) - entity_names(), "not an entity title in content/entities"

    boilerplate = expected["must_not_appear"]
    assert isinstance(boilerplate, list) and 3 <= len(boilerplate) <= 6

    texts = page_texts(page)
    for key in ("title", "first_sentence", "last_sentence"):
        assert occurs(str(expected[key]), texts), f"{key} not found in the page: {expected[key]!r}"
    if expected["summary"] is not None:
        assert occurs(str(expected["summary"]), texts), "summary not found in the page"
    if expected["url"] is not None:
        assert str(expected["url"]) in page.read_text(encoding="utf-8"), "url not stated in the page"
    for line in boilerplate:
        assert occurs(str(line), texts), f"boilerplate line not found in the page: {line!r}"
        assert collapse(str(line)) not in collapse(str(expected["first_sentence"])), "boilerplate overlaps the body"
