"""Entity detection: whole words, longest first, case rules, each name once, only from the article."""

from __future__ import annotations

from pathlib import Path

from generator.ingest.entities import load_matcher
from generator.ingest.importer import import_text
from import_fixtures.support import matcher, write_entities

REGISTRY = [
    ("Huawei", ["Huawei Technologies", "HUAWEI", "华为"]),
    ("US Department of Commerce", ["Commerce Department", "U.S. Commerce Department", "Commerce", "DoC"]),
    ("Wilbur Ross", ["Ross", "Commerce Secretary Wilbur Ross"]),
    ("Entity List", ["entity list", "trade blacklist", "blacklist"]),
    ("Ren Zhengfei", ["Ren", "Mr Ren"]),
    ("Google", ["Alphabet's Google"]),
    ("Google Mobile Services", ["GMS", "Google services"]),
    ("Qualcomm", []),
    ("T-Mobile", ["T-Mobile US"]),
    ("Mate 60 Pro", ["Huawei Mate 60 Pro", "Mate 60"]),
]
FIND = matcher(REGISTRY)


def found(*texts: str) -> tuple[str, ...]:
    return FIND.find(list(texts))


def test_names_and_aliases_give_canonical_names_once_in_order() -> None:
    assert found("Headline about something", "The Commerce Department acted against Huawei Technologies and Huawei.") == (
        "US Department of Commerce",
        "Huawei",
    )


def test_whole_words_only() -> None:
    assert found("Headline", "Renault and Rossi met in Commerceville; Huaweiphone is not a word.") == ()


def test_possessives_hyphens_and_curly_apostrophes() -> None:
    assert found("Headline", "Huawei’s rivals and T-Mobile’s network; Alphabet’s Google replied.") == ("Huawei", "T-Mobile", "Google")


def test_longest_match_first() -> None:
    assert found("Headline", "Commerce Secretary Wilbur Ross spoke about the Huawei Mate 60 Pro and Google services.") == (
        "Wilbur Ross",
        "Mate 60 Pro",
        "Google Mobile Services",
    )


def test_commerce_the_department_and_commerce_the_word() -> None:
    assert found("Headline", "Global commerce slowed, analysts said.") == ()
    assert found("Headline", "The rules were set by Commerce on Thursday.") == ("US Department of Commerce",)


def test_a_capitalised_common_word_at_a_sentence_start_needs_no_lower_case_use_elsewhere() -> None:
    # "Commerce" opening a sentence proves nothing when the page also uses "commerce" as a word.
    assert found("Headline", "Commerce between the two countries fell. Cross-border commerce is hard.") == ()
    assert found("Headline", "Commerce said on Thursday it would act.") == ("US Department of Commerce",)


def test_title_case_headline_capitals_prove_nothing() -> None:
    assert found("Global Commerce Slows As Tariffs Bite", "Trade in global commerce fell again.") == ()
    assert found("Commerce Adds Huawei To Trade Blacklist", "The rule took effect.") == ("US Department of Commerce", "Huawei", "Entity List")


def test_lower_case_aliases_match_any_capitalisation_and_more_capitals_are_fine() -> None:
    assert found("Headline", "HUAWEI was put on the Entity List, the trade Blacklist.") == ("Huawei", "Entity List")
    assert found("Headline", "The DOC and the doc.") == ("US Department of Commerce",)


def test_cjk_names_without_spaces() -> None:
    assert found("Headline", "深圳的华为公司") == ("Huawei",)


def test_only_headline_standfirst_and_body_count(tmp_path: Path) -> None:
    page = (
        "Qualcomm shares rise\nHome | Google | Business\nHuawei sues over federal ban\n"
        "By Jane Doe\n16 May 2019\nRen Zhengfei at the company headquarters\nImage credit: Getty Images\n"
        "The company said Commerce had overstepped its powers under the law in question.\n"
        "It asked the court to strike down the rules before they took effect next year.\n"
        "Related articles\nQualcomm warns on China sales\nGoogle suspends Huawei licence\n"
        "© 2019 Mr Ren Media. All rights reserved.\n"
    )
    imported = import_text(page, FIND)
    assert imported.draft is not None and imported.draft.entities == ("Huawei", "US Department of Commerce")


def test_registry_is_read_from_the_site(tmp_path: Path) -> None:
    root = write_entities(tmp_path, [{"name": "Huawei", "aliases": ["Huawei Technologies"]}, {"name": "ZTE", "aliases": []}])
    (root / "content" / "entities" / "broken.md").write_text("---\nname: [\n---\n", encoding="utf-8")
    loaded, unreadable = load_matcher(root)
    assert unreadable == 1
    assert loaded.find(["ZTE and Huawei Technologies"]) == ("ZTE", "Huawei")
    assert loaded.canonical("huawei technologies") == "Huawei" and loaded.suggest("Huwaei") == "Huawei"


def test_two_names_that_share_a_word_are_both_found_and_a_name_inside_another_is_not() -> None:
    find = matcher([("Ministry of Trade", []), ("Export Licensing Office", ["Trade's Export Licensing Office"]), ("Licensing", [])])
    # "Ministry of Trade" and the office's alias share the word "Trade": both are named.
    assert find.find(["Headline", "The Ministry of Trade's Export Licensing Office refused the permits."]) == (
        "Ministry of Trade",
        "Export Licensing Office",
    )
    # "Licensing" lies wholly inside the office's name: only the office is named.
    assert find.find(["Headline", "The Export Licensing Office refused the permits."]) == ("Export Licensing Office",)
