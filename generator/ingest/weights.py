"""The weights of the headline's evidence: one table, each weight saying what its feature captures.

No feature decides alone. A candidate's score is the sum of the weights of the
features it has (a share, such as the lead's overlap, scales its weight), and
the highest score is the headline. The weights are set so that what holds in any
house style (the byline under the headline, the markup and the address naming
it, its words coming back in the lead) outweighs what one site's layout happens
to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar

HEADLINE: MappingProxyType[str, float] = MappingProxyType({
    # Agreement with what the page says about itself elsewhere.
    "markup": 5.0,  # the same text as og:title, a JSON-LD headline or <title> without the site's name: written by the publisher for this story
    "slug": 4.0,  # most of its words are the address's slug ("/huawei-sues-us-over-defence-bill"): cheap and rarely wrong
    "h1": 3.0,  # the page's top heading in markup; weaker than agreement because logos and section names are <h1>s too
    "off_topic": -2.0,  # under a third of its content words come back in the first paragraphs: a menu item, a promo, another story
    # (not a reward for overlap: a standfirst restates the lead more closely than its headline does)
    # Position: a headline hangs over its byline, dateline, standfirst and body.
    "meta_below": 3.0,  # a byline or dateline right below: the strongest sign in a text copy
    "standfirst_then_meta": 3.0,  # a standfirst between it and the byline
    "title_then_meta": 1.0,  # a shorter title line between it and the byline: it may be an alt text or kicker over the headline
    "prose_below": 1.0,  # prose or a long line right under it: a standfirst or the lead
    "meta_above": 1.0,  # a byline or dateline just above (some sites print them first)
    "leads_into_body": 2.0,  # only a byline, dateline and at most one standfirst between it and the body
    "after_body": -3.0,  # below where the article has begun: a subhead, a pull quote, another story
    "titles_below": -1.0,  # for each title line beyond one between it and the first paragraph: a headline higher up the page
    # Shape.
    "good_length": 2.0,  # 4 to 20 words, as headlines are
    "fair_length": 1.0,  # 3, or 21 to 30 words
    "too_long": -2.0,  # over 30 words: a paragraph without a full stop
    "all_caps": -1.0,  # capitals: more often a masthead, section or label than a headline
    "caps_over_dek": 3.0,  # capitals of four words or more right over a longer sentence-case line: a release's headline over its dek
    "repeated_name": -4.0,  # capitals printed again elsewhere on the page ("THE FERRY LETTER" and its menu's "The Ferry Letter"): a name
    "title_case": 1.0,  # Most Words Capitalised, not all capitals, in a line longer than a name: many houses' headline style, seldom a dek's
    "full_stop": -1.0,  # closes with a full stop: a sentence, which a headline seldom is (a Title Case one may be)
    "opens_quote": -1.0,  # starts with a quotation mark: more often a pull quote than a headline
    "labelled": -3.0,  # ends with a colon or reads "Label: value": it introduces something else
    # Chrome and lists: what the page prints around the article.
    "listed": -5.0,  # inside a list of other stories ("Related articles")
    "echoes_below": -3.0,  # a browser title ("Outlet - Headline") right over the headline it repeats
    "tagline": -3.0,  # the masthead or its motto at the top, when a line lower down leads into the body
    "account": -4.0,  # a channel's or account's name over its count of subscribers ("52K subscribers"): who posted, as a byline
    "issuer": -4.0,  # a name the page prints again as a label's value ("From: Networks Canada"): who issued it, over its headline
    "collection": -4.0,  # a briefing's, digest's or notices page's own name ("The Evening Wrap"): the story is an item under it
    "itemised": -12.0,  # an item of a numbered list, of a bulletin's contents, a tabloid's bullet or a field of a box: never the headline
})

SOURCE: MappingProxyType[str, float] = MappingProxyType({
    # Where the name was read: each origin is a vote, worth what the origin is usually right about.
    "site_name": 3.0,  # og:site_name: the field made for the publication's name
    "title": 2.0,  # the name glued to the headline in <title>, or a <title> that is only the name
    "logo": 2.0,  # the logo's alt text: the masthead as an image
    "text": 2.0,  # what the text copy reads: a "Source:" label, the masthead, the copyright line
    "trademark": 2.0,  # the brand the footer calls a trademark of its owner ("Harbour Radio is a trademark of …"): the masthead by law
    "publisher": 1.0,  # the JSON-LD publisher: often the company that owns the paper, not the paper
    # Agreement: the same publication named again, spelled out or in short.
    "agrees": 2.0,  # for each other origin naming it (case, spaces and "The" ignored; one name inside the other)
    "host": 3.0,  # the address spells it: whole ("deccanledger"), by initials ("tctg"), or initials and last word ("fvherald")
    "fuller": 1.0,  # another origin's name is part of it ("Deccan Ledger" of "The Deccan Ledger"): the masthead whole
    "initials": -3.0,  # the initials of another origin's name, alone or with an edition's word ("FVH", "FVH English"): a short form
    "edition": -3.0,  # another origin's name with an edition's word after it ("Harbour Ledger English"): one edition, not the masthead
    "owner": -3.0,  # the page prints it as a company's, in its copyright or imprint ("© TCM Publishing"): the owner's short name
    "company": -3.0,  # a company's word ("Media Holdings", "Publications", "Group"): the owner, not the masthead
})


@dataclass(frozen=True, slots=True)
class Weighed:
    """A candidate's features (name → amount) and their weighed sum by its kind's table."""

    features: dict[str, float]
    table: ClassVar[Mapping[str, float]] = MappingProxyType({})

    @property
    def score(self) -> float:
        return sum(self.table[name] * amount for name, amount in self.features.items())
