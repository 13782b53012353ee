"""Widgets a page prints around the article by shape, not by phrase: a share bar, a market strip and a viewer's chrome.

Each is tested on the line in lower case. None is ever the article, its headline or its masthead.
"""

from __future__ import annotations

import re

_NETWORKS = frozenset(
    "facebook twitter x linkedin whatsapp reddit pinterest flipboard telegram messenger email e-mail mail print sms "
    "mastodon bluesky threads wechat weibo line vk xing tumblr copy link".split()
)
# An index's move: "▼0.4%", "+1.25%", "-0.18 %".
_MOVE = re.compile(r"(?:[▲▼]\s?|[+-])\d[\d.,]*\s?%")
# What the app a page was read in prints around it: a video player's counts ("48K views", "1.2M subscribers"), a messaging
# app's label over a message it passed on ("Forwarded from …", "Replying to …"), a mail client's place in the inbox ("3 of 1,204").
# The count opens the line and nothing but its neighbours follow (a separator, a date, a hashtag): "100K viewers tune in to
# the launch" is a headline.
_COUNT = re.compile(
    r"^\d[\d.,]*\s?[kmb]?\s+(?:views|subscribers|watching(?: now)?|viewers)"
    r"(?:$|\s*[·•|]|\s+(?:#|\d|premiered|streamed|uploaded|published|posted|live\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))"
)
_PASSED_ON = re.compile(
    r"^(?:forwarded from|forwarded message from|shared from|reposted from)\s+\S+(?:\s+\S+){0,5}$|^(?:replying to|in reply to|reply to)\s+@"
)
_INBOX_PLACE = re.compile(r"^\d[\d,]* of [\d,]+\b(?!\s+[a-z])")
_HASHTAG = re.compile(r"(?<!\w)#[^\W\d_][\w]*")
CHROME_WORDS = 12  # a viewer's line is a few counts and labels, never a sentence's length


def is_share_bar(lowered: str) -> bool:
    """Two or more networks' names after an optional label in any language ("partager / share: facebook x email")."""
    tokens = lowered.rsplit(":", 1)[-1].replace("|", " ").replace(",", " ").split()
    return len(tokens) >= 2 and all(token in _NETWORKS for token in tokens)


# A reader's buttons: "Save  Print  Alert  Translate  Send", before whatever the toolbar carries after them.
_ACTIONS = frozenset(
    "save print alert alerts translate send share email e-mail copy download bookmark follow comment comments like "
    "listen subscribe export cite pdf read later star".split()
)
TOOLBAR_BUTTONS = 3


def is_toolbar(lowered: str) -> bool:
    """Three or more buttons' words opening the line ("save print alert translate send related: …"): a toolbar, whatever follows."""
    tokens = lowered.replace("|", " ").replace("·", " ").split()
    count = next((i for i, token in enumerate(tokens) if token not in _ACTIONS), len(tokens))
    return count >= TOOLBAR_BUTTONS


def is_market_strip(lowered: str) -> bool:
    """Two or more indexes' moves on one line ("ftse 100 7,412.3 ▲0.2%  dax 15,100.4 ▼0.6%"): a ticker, not a sentence."""
    return len(_MOVE.findall(lowered)) >= 2 and not lowered.rstrip().endswith(".")


def is_viewer_chrome(lowered: str) -> bool:
    """A short line that a video player, a messaging app or a mail client prints around what it shows: counts of views or
    subscribers, two or more hashtags in a row, a forwarded message's label, an inbox's "3 of 1,204"."""
    if len(lowered.split()) > CHROME_WORDS or lowered.rstrip().endswith((".", "!", "?")):
        return False
    tags = len(_HASHTAG.findall(lowered))
    tag_row = tags >= 2 and 2 * tags >= len(lowered.split())  # "#water #pipes #budget", not "#MeToo and #TimesUp reshape Hollywood"
    return bool(_COUNT.match(lowered) or tag_row or _PASSED_ON.match(lowered) or _INBOX_PLACE.match(lowered))


# Cells of a row of figures: parted by a bar, a bullet or a run of spaces.
_CELL_SPLIT = re.compile(r"\s*[|·•]\s*|\s{2,}")
FIGURE_CELL_WORDS = 3


def is_figures_row(text: str) -> bool:
    """Two or more short cells, each with a figure in it ("Bullish 38% | Bearish 62%", "Q1 4.1bn  Q2 3.8bn"): a gauge, a
    ticker or a score bar, read at a glance and never a headline or a sentence."""
    cells = [cell for cell in _CELL_SPLIT.split(text.strip()) if cell]
    return (
        len(cells) >= 2 and not text.rstrip().endswith((".", "!", "?"))
        and all(len(cell.split()) <= FIGURE_CELL_WORDS and any(c.isdigit() for c in cell) for cell in cells)
    )
