"""Each kind of boilerplate a copied page carries is dropped, and the article around it kept."""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import Kind, classify
from generator.ingest.credits import credit_of
from generator.ingest.page import read_page

HEAD = "Commerce adds Huawei to the Entity List in a sweeping move\nBy Jane Doe\nPublished 16 May 2019\n"
P1 = "The Commerce Department said on Thursday that it had added Huawei and dozens of affiliates to its Entity List."
P2 = "The decision means American suppliers will need a licence before they can sell the company parts or software."
P3 = "Huawei said it opposed the decision and would look for ways to protect its customers and its business."


def body_of(page: str) -> list[str]:
    return list(read_page(page).paragraphs)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("ADVERTISEMENT", Kind.ADVERT),
        ("Advertisement - Scroll to continue", Kind.ADVERT),
        ("Story continues below advertisement", Kind.ADVERT),
        ("Share", Kind.CHROME),
        ("Share this article", Kind.CHROME),
        ("Copy link", Kind.CHROME),
        ("Tweet", Kind.CHROME),
        ("1.2K shares", Kind.CHROME),
        ("5 min read", Kind.CHROME),
        ("3–4 minutes", Kind.CHROME),
        ("about 7 minutes", Kind.CHROME),
        ("Content distributed by", Kind.CHROME),
        ("Published in Circuit Notes", Kind.CHROME),
        ("You have 4 free articles left this month. Register to keep reading.", Kind.PROMO),
        ("Listen to this article", Kind.CHROME),
        ("Read more: Huawei sues over federal ban", Kind.CHROME),
        ("Sign in", Kind.CHROME),
        ("Home | World | Business | Tech", Kind.MENU),
        ("Home > Technology > Mobile", Kind.MENU),
        ("Home About Archive Contact", Kind.MENU),
        ("Sign up for our daily newsletter to get the best stories in your inbox.", Kind.PROMO),
        ("Subscribe now for unlimited access to all our journalism.", Kind.PROMO),
        ("You have 2 free articles left this month.", Kind.PROMO),
        ("Already a subscriber? Log in", Kind.PROMO),
        ("We use cookies to give you the best experience. By continuing you agree to our use of cookies.", Kind.COOKIE),
        ("Accept all cookies", Kind.COOKIE),
        ("© 2019 Example News Ltd. All rights reserved.", Kind.FOOTER),
        ("Copyright 2020 The Daily Example", Kind.FOOTER),
        ("Reporting by Jane Doe; Editing by Chris Roe", Kind.FOOTER),
        ("Tribune wire services contributed to this report.", Kind.FOOTER),
        ("The Associated Press contributed reporting.", Kind.FOOTER),
        ("Jane Doe in Beijing contributed to this story.", Kind.FOOTER),
        ("Have a news tip? Call the Courier newsroom at 406-555-0117.", Kind.FOOTER),
        ("Got a story idea? Email us.", Kind.FOOTER),
        ("Send us your news tips at tips@ledger.example", Kind.FOOTER),
        ("Correction: An earlier version of this article misstated the number of affiliates.", Kind.FOOTER),
        ("An earlier version of this story gave the wrong date for the listing.", Kind.FOOTER),
        ("All trademarks are property of their respective owners.", Kind.FOOTER),
        ("Best viewed in 1024x768.", Kind.FOOTER),
        ("─ Comment, page 22", Kind.CHROME),
        ("Business: What the ban means for your phone bill, page 34", Kind.CHROME),
        ("Image credit: Getty Images", Kind.CREDIT),
        ("Photo: Reuters", Kind.CREDIT),
        ("Image source, Getty Images", Kind.CREDIT),
        ("Huawei's campus in Dongguan. (Photo by Kevin Frayer/Getty Images)", Kind.CAPTION),
        ("A Huawei store in Beijing, China. REUTERS/Jason Lee/File Photo", Kind.CAPTION),
        ("Oliver Dowden in the Commons. Photograph: Jessica Taylor/PA", Kind.CAPTION),
        ("WATCH: Huawei CFO granted bail (2:31)", Kind.VIDEO),
        ("02:14", Kind.VIDEO),
        ("Now playing", Kind.VIDEO),
        ("Related articles", Kind.LIST),
        ("Recent Articles", Kind.LIST),
        ("More from Technology", Kind.LIST),
        ("You may also like", Kind.LIST),
        ("Leave a Reply", Kind.END),
        ("7 thoughts on “Huawei unveils HarmonyOS”", Kind.END),
        ("About Huawei", Kind.END),
        ("###", Kind.END),
        ("Forward-Looking Statements", Kind.END),
        ("IMPORTANT DISCLOSURES", Kind.END),
        ("Links from this episode", Kind.END),
        ("The Institute does not take institutional positions. The views expressed are the author’s own.", Kind.FOOTER),
        ("Past performance is not indicative of future results.", Kind.FOOTER),
        ("The Westbrook Observer welcomes letters. Here are some tips.", Kind.FOOTER),
        ("Produced by Wavelength Audio. Music: “Cleanroom” by Osei Tutu.", Kind.FOOTER),
        ("Transcripts are produced on a rush deadline and may contain errors.", Kind.FOOTER),
        ("That's all for this week. Reply to this email with questions; we read every one.", Kind.PROMO),
        ("9:47 p.m.", Kind.CHROME),
        ("This article was translated from Chinese by the editors.", Kind.FOOTER),
        ("Machine-translated from the German original.", Kind.FOOTER),
        ("Originally published in Caixin on 9 August 2019.", Kind.FOOTER),
        ("14:32 BST", Kind.CHROME),
    ],
)
def test_line_kinds(line: str, kind: Kind) -> None:
    label = classify(line)
    assert label is not None and label.kind is kind


@pytest.mark.parametrize(
    "line",
    [
        P1,
        "About half of the company's staff work on research and development.",
        "A Reuters/Ipsos poll found that most Americans backed the decision.",
        "Subscribers to its cloud services were told nothing would change.",
        "The photo showed Ren Zhengfei in a crowded Shenzhen canteen.",
        "By contrast, the company's revenue from phones rose by a fifth.",
        "The talks lasted 45 minutes.",
        "News provided by the ministry arrived late.",
        "Published in 1998, the report was largely ignored.",
        "You have two options, the minister told the carriers.",
    ],
)
def test_article_sentences_are_not_boilerplate(line: str) -> None:
    assert classify(line) is None


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Image credit: Getty Images", "Getty Images"),
        ("Huawei's campus. (Photo by Kevin Frayer/Getty Images)", "Kevin Frayer/Getty Images"),
        ("A store in Beijing. REUTERS/Jason Lee/File Photo", "REUTERS/Jason Lee/File Photo"),
        ("Meng Wanzhou leaves court. (The Canadian Press/Darryl Dyck)", "The Canadian Press/Darryl Dyck"),
        ("A crowd in Shenzhen. (AP Photo/Andy Wong)", "AP Photo/Andy Wong"),
    ],
)
def test_credits(line: str, credit: str) -> None:
    assert credit_of(line) == credit


@pytest.mark.parametrize(
    "junk",
    [
        "ADVERTISEMENT",
        "Share\nTweet\nEmail",
        "Sign up for our daily newsletter to get the best stories in your inbox.",
        "Read more: Huawei sues over federal ban",
        "WATCH: Who is Meng Wanzhou? (2:14)\nNow playing",
        "Huawei's campus in Dongguan. (Photo by Kevin Frayer/Getty Images)",
        "A Huawei store in Beijing at night\nImage credit: Getty Images",
        "Subscribe now for unlimited access to all our journalism.",
    ],
)
def test_boilerplate_inside_the_text_is_dropped_and_the_text_kept(junk: str) -> None:
    page = f"{HEAD}\n{P1}\n\n{junk}\n\n{P2}\n{P3}\n"
    assert body_of(page) == [P1, P2, P3]


@pytest.mark.parametrize(
    "tail",
    [
        "Related articles\nHuawei sues the US government over procurement ban\nZTE pays fine to lift its denial order\nQualcomm warns on China",
        "Recent articles\nGoogle suspends some business with Huawei\nMay 19, 2019\nIntel halts shipments, sources say\nMay 20, 2019",
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.\nAccept all",
        "© 2019 Example News Ltd. All rights reserved.\nTerms of use | Privacy policy | Contact us",
        "Leave a comment\nJohn Smith\nI think Qualcomm and Intel will be next to get hit by this, honestly.\nReply",
        "Reporting by Jane Doe; Editing by Chris Roe\nOur Standards: The Example Trust Principles.",
        "About Huawei\nHuawei is a global provider of information and communications technology infrastructure and devices.",
    ],
)
def test_lists_comments_and_footers_after_the_article_are_dropped(tail: str) -> None:
    page = f"{HEAD}\n{P1}\n{P2}\n{P3}\n\n{tail}\n"
    assert body_of(page) == [P1, P2, P3]


def test_banners_and_navigation_above_the_headline_are_not_the_headline() -> None:
    page = (
        "Skip to main content\nSign in | Subscribe\nYou have 1 free article left. Subscribe for unlimited access.\n"
        "Home | World | Business | Tech\nTechnology\n" + HEAD + P1 + "\n" + P2 + "\n"
    )
    found = read_page(page)
    assert found.title == "Commerce adds Huawei to the Entity List in a sweeping move"
    assert list(found.paragraphs) == [P1, P2]


def test_the_article_resumes_after_a_related_list_inside_it() -> None:
    page = f"{HEAD}\n{P1}\n\nRelated\nHuawei sues the US government over procurement ban\nZTE pays fine to lift denial order\n\n{P2}\n{P3}\n"
    assert body_of(page) == [P1, P2, P3]


def test_teasers_in_a_related_list_are_not_the_article() -> None:
    teasers = (
        "Recent articles\nHuawei unveils HarmonyOS\nThe company showed its own operating system at a conference in Dongguan.\n"
        "Google suspends Huawei licence\nFuture phones will lose access to the Play Store and Gmail apps.\n"
    )
    page = f"{HEAD}\n{P1}\n{P2}\n\n{teasers}"
    assert body_of(page) == [P1, P2]


def test_an_author_biography_closing_the_article_is_dropped() -> None:
    page = f"{HEAD}\n{P1}\n{P2}\nJane Doe is our technology correspondent, based in Washington.\n"
    assert body_of(page) == [P1, P2]


def test_standfirst_is_kept_apart_from_the_body() -> None:
    standfirst = "The move bars American suppliers from selling parts to the Chinese company without a licence"
    found = read_page(f"Commerce adds Huawei to the Entity List\n{standfirst}\nBy Jane Doe\n16 May 2019\n{P1}\n{P2}\n")
    assert found.standfirst == standfirst and list(found.paragraphs) == [P1, P2]


def test_a_punctuated_standfirst_above_the_byline_is_the_standfirst() -> None:
    standfirst = "American suppliers will need a licence to sell parts to the Chinese company."
    found = read_page(f"Commerce adds Huawei to the Entity List\n{standfirst}\nBy Jane Doe\n16 May 2019\n{P1}\n{P2}\n")
    assert found.standfirst == standfirst and list(found.paragraphs) == [P1, P2]


def test_a_page_of_prose_only_keeps_every_paragraph_and_borrows_a_title() -> None:
    found = read_page(f"{P1}\n\n{P2}\n")
    assert list(found.paragraphs) == [P1, P2]
    assert found.title_guessed and found.title and found.title.startswith("The Commerce Department said")


def test_windows_line_endings_and_odd_whitespace_are_only_whitespace() -> None:
    spaced = P2.replace(" ", "\u00a0", 3)
    page = f"{HEAD}\n  {P1}  \n\n\n{spaced}\n".replace("\n", "\r\n")
    assert body_of(page) == [P1, P2]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    import textwrap

    long_one = P1 + " " + P2 + " " + P3
    wrapped = textwrap.fill(long_one, 64) + "\n\n" + textwrap.fill(P3 + " " + P1, 64)
    found = read_page(f"{HEAD}\n{wrapped}\n")
    assert list(found.paragraphs) == [long_one, P3 + " " + P1]


def test_the_line_under_a_sponsored_label_is_the_sponsor_s() -> None:
    sponsor = "Is your supply chain ready? Download the checklist."
    found = read_page(f"Commerce adds Huawei to the Entity List\nBy Jane Doe\n16 May 2019\n{P1}\nSPONSORED\n{sponsor}\n{P2}\n")
    assert list(found.paragraphs) == [P1, P2]


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_the_author_s_bio_is_not_the_body(where: str) -> None:
    bio = "Ms. Doe is a former telecommunications negotiator at the State Department."
    body = [bio, P1, P2] if where == "top" else [P1, P2, bio]
    found = read_page("Commerce adds Huawei to the Entity List\nBy Jane Doe\n16 May 2019\n" + "\n".join(body) + "\n")
    assert list(found.paragraphs) == [P1, P2]


def test_a_paragraph_about_someone_else_stays() -> None:
    other = "Mr. Ross is a former investor who became commerce secretary in 2017."
    found = read_page(f"Commerce adds Huawei to the Entity List\nBy Jane Doe\n16 May 2019\n{other}\n{P1}\n{P2}\n")
    assert list(found.paragraphs) == [other, P1, P2]


@pytest.mark.parametrize(
    "sentence",
    [
        "The department issued a correction to its order on Friday, saying 68 affiliates were listed, not 70.",
        "Huawei's lawyers said the tip of the iceberg was the Entity List itself.",
        "Several wire services reported the listing before the department announced it.",
    ],
)
def test_an_articles_own_words_about_corrections_and_tips_stay(sentence: str) -> None:
    assert classify(sentence) is None
    assert sentence in body_of(HEAD + "\n".join([P1, sentence, P2]) + "\n")


def test_sign_offs_after_the_last_paragraph_are_dropped() -> None:
    tail = ["Tribune wire services contributed to this report.", "Have a news tip? Call the newsroom at 406-555-0117.",
            "Correction: An earlier version of this article misstated the date of the listing."]
    assert body_of(HEAD + "\n".join([P1, P2, P3, *tail]) + "\n") == [P1, P2, P3]


def test_a_job_title_under_a_byline_above_the_headline_is_neither_headline_nor_body() -> None:
    page = "Lakeshore Tribune\nBUSINESS\n\nBy Rosalind Vasquez-Thorne\nTribune Business Writer\n\n" + HEAD.split("\n")[0]
    page += "\n\nPublished March 7, 2017, 6:21 p.m. CT\n\n" + "\n\n".join([P1, P2, P3]) + "\n"
    found = read_page(page)
    assert found.title == HEAD.split("\n")[0] and found.byline == "Rosalind Vasquez-Thorne" and found.paragraphs == (P1, P2, P3)
