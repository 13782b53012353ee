"""Where the body starts and ends around boxes: a box of points that opens it under a short heading, and a digest's
briefs under a heading in capitals, each "Topic: one sentence". Every page here is invented."""

from __future__ import annotations

from generator.ingest.page import read_page

HEAD = "Harbour board approves the new crane contract\nBy Kari Lund\n3 March 2021\n\n"
P1 = "The harbour board approved on Tuesday a contract for two new container cranes at the eastern quay, the port said."
P2 = "The cranes will be delivered next spring and will double the number of ships the quay can unload each week."
P3 = "Dock workers' unions welcomed the decision but asked the board to train local crane drivers before the delivery."


def test_a_box_of_points_under_a_short_heading_does_not_open_the_body() -> None:
    points = "• The board ordered two cranes but has not yet said how it will pay for them.\n• Delivery is due next spring."
    page = read_page(f"{HEAD}What we found\n{points}\n\n{P1}\n\n{P2}\n\n{P3}\n")
    assert page.paragraphs[0] == P1


def test_points_that_are_the_whole_body_or_follow_a_sentence_stay() -> None:
    only = read_page(f"{HEAD}What we found\n• {P1}\n• {P2}\n")
    assert only.paragraphs and only.paragraphs[0].endswith(P1)
    # Under a sentence of the article, not a heading, the points are the article's.
    listed = read_page(f"{HEAD}{P1}\n\nThe contract covers:\n• Two cranes for the eastern quay.\n• Ten years of servicing.\n\n{P2}\n")
    assert listed.paragraphs[0] == P1 and any("Ten years" in p for p in listed.paragraphs)


def test_a_digests_briefs_by_topic_under_a_heading_in_capitals_end_the_body() -> None:
    page = read_page(
        f"{HEAD}{P1}\n\n{P2}\n\n{P3}\n\nELSEWHERE THIS WEEK\nFerries: The night crossing returns in May.\n"
        "Pilots: Two new harbour pilots finished their training.\n"
    )
    assert page.paragraphs == (P1, P2, P3)


def test_one_labelled_line_after_a_heading_in_capitals_is_the_articles() -> None:
    closing = "Why it matters: The quay handles a third of the region's imports."
    page = read_page(f"{HEAD}{P1}\n\n{P2}\n\nWHAT NEXT\n{closing}\n\n{P3}\n")
    assert page.paragraphs[-1] == P3


def test_a_closing_line_on_the_job_of_someone_the_article_never_named_is_its_authors_bio() -> None:
    bio = "Tomas Ekberg is a senior port analyst covering shipping and logistics. He joined the institute in 2016."
    page = read_page(f"Harbour board approves the new crane contract\n3 March 2021\n\n{P1}\n\n{P2}\n\n{P3}\n\n{bio}\n")
    assert page.paragraphs == (P1, P2, P3)


def test_a_closing_line_on_the_job_of_someone_the_article_quoted_stays() -> None:
    quoted = "\"The quay needs them,\" said Tomas Ekberg, who studies the port's traffic."
    last = "Ekberg is a senior port analyst at the institute, which has followed the quay's traffic since 2016."
    page = read_page(f"Harbour board approves the new crane contract\n3 March 2021\n\n{P1}\n\n{P2}\n\n{quoted}\n\n{last}\n")
    assert page.paragraphs[-1] == last
    named = "Tomas Ekberg is a senior port analyst at the institute and has followed the quay's traffic since 2016."
    again = read_page(f"Harbour board approves the new crane contract\n3 March 2021\n\n{P1}\n\n{quoted}\n\n{P2}\n\n{named}\n")
    assert again.paragraphs[-1] == named


def test_the_comments_sort_control_ends_the_article() -> None:
    reply = "Cranes are nice but the ferry timetable is what we actually need, honestly, and nobody is talking about it."
    page = read_page(f"Harbour board approves the new crane contract\n3 March 2021\n\n{P1}\n\n{P2}\n\nSort by: Newest\n\nharbourfan · 2 hr. ago\n{reply}\n")
    assert page.paragraphs == (P1, P2)


def test_a_sentence_about_sorting_stays() -> None:
    sorting = "Sort by size, the new cranes would rank among the ten largest on the coast, the port's engineers said."
    page = read_page(f"Harbour board approves the new crane contract\n3 March 2021\n\n{P1}\n\n{sorting}\n\n{P2}\n")
    assert page.paragraphs == (P1, sorting, P2)
