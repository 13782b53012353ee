"""Widgets a page prints around the article by shape, not by phrase: a share bar and a market strip.

Each is tested on the line in lower case. Neither is ever the article, its headline or its masthead.
"""

from __future__ import annotations

import re

_NETWORKS = frozenset(
    "facebook twitter x linkedin whatsapp reddit pinterest flipboard telegram messenger email e-mail mail print sms "
    "mastodon bluesky threads wechat weibo line vk xing tumblr copy link".split()
)
# An index's move: "▼0.4%", "+1.25%", "-0.18 %".
_MOVE = re.compile(r"(?:[▲▼]\s?|[+-])\d[\d.,]*\s?%")


def is_share_bar(lowered: str) -> bool:
    """Two or more networks' names after an optional label in any language ("partager / share: facebook x email")."""
    tokens = lowered.rsplit(":", 1)[-1].replace("|", " ").replace(",", " ").split()
    return len(tokens) >= 2 and all(token in _NETWORKS for token in tokens)


def is_market_strip(lowered: str) -> bool:
    """Two or more indexes' moves on one line ("ftse 100 7,412.3 ▲0.2%  dax 15,100.4 ▼0.6%"): a ticker, not a sentence."""
    return len(_MOVE.findall(lowered)) >= 2 and not lowered.rstrip().endswith(".")
