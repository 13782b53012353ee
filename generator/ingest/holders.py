"""Who a copyright or imprint line names, and the publication that holder stands for.

"© 2022 Puls Kraju Sp. z o.o. All rights reserved." names "Puls Kraju"; "The Sentinel Media Group" stands for "The
Sentinel". A holder's legal form is never part of the name readers cite.
"""

from __future__ import annotations

import re

_THOMSON = re.compile(r"(?i)^thomson reuters$")

# A company's legal form written with full stops ("Sp. z o.o.", "s.r.o.", "S.p.A.", "Co., Ltd."), after the name it closes.
_LEGAL_FORM = re.compile(
    r"(?i),?\s+(?:sp\.\s?z\s?o\.\s?o\.|s\.\s?r\.\s?o\.|s\.\s?p\.\s?a\.|s\.\s?a\.|a\.\s?s\.|s\.\s?l\.|b\.\s?v\.|n\.\s?v\.|k\.\s?k\."
    r"|co\.,?\s?ltd\.|pty\.?\s?ltd\.|ltd\.|inc\.|corp\.)(?=[\s,;|]|$)"
)


def copyright_holder(text: str) -> str | None:
    """Who a copyright line names ("© 2019 The Harbour Herald Ltd. All rights reserved." gives "The Harbour Herald")."""
    holder = re.sub(r"(?i)©|\(c\)|\bcopyright\b|\ball rights reserved\b|\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?\b", " ", text)
    legal = _LEGAL_FORM.search(holder)
    holder = holder[: legal.start()] if legal else holder  # "Sp. z o.o." would be cut at its first full stop: the name ends before it
    holder = re.split(r"\.\s|[|;•·]|\.$", holder.strip(" .,"), maxsplit=1)[0]
    holder = re.sub(r"(?i)[, ]+(?:ltd|limited|inc|l\.?l\.?c|plc|gmbh|co|corp|s\.?a|pty|l\.?p|a\.?g|n\.?v|b\.?v)\.?$", "", " ".join(holder.split()).strip(" .,"))
    parts = re.split(r"\s+[–—-]\s+", holder.strip(" .,"), maxsplit=1)
    # a motto after a dash ("Fjellposten – the voice of the valleys"): words in small letters, which a name has not
    holder = parts[0] if len(parts) == 2 and re.search(r"\b[a-z]{3,}\b", parts[1]) else holder.strip(" .,")
    if _THOMSON.match(holder):
        return "Reuters"
    tokens = holder.split()
    if 1 <= len(tokens) <= 6 and tokens[0][0].isupper():
        return holder
    return None


_CORPORATE = re.compile(
    r"(?i)\s+(?:media|publishing|publications|broadcasting|communications|newspapers?|holdings|group|company|"
    r"enterprises|ventures|partners)(?:\s+(?:group|company|holdings|partners))*$"
)


def publication(holder: str) -> str:
    """The publication a copyright holder stands for: "The Sentinel Media Group" is "The Sentinel"; "Klaxon Media Group" stays whole."""
    name = re.split(r",\s+(?:a|an|part of|owned by|a division of)\s", holder, maxsplit=1)[0].strip(" ,")
    trimmed = _CORPORATE.sub("", name).strip(" ,")
    return trimmed if len(trimmed.split()) >= 2 else name
