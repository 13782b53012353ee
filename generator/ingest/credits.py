"""Picture credits and captions: "Image credit: Getty Images", "(Aly Song/Reuters)", and the credit each one names.

A credit line says who made the picture; a caption describes it and ends with
the credit. Neither is the article, but the credit is kept as the draft's
``image_credit``.
"""

from __future__ import annotations

import re

AGENCIES = r"(?:getty images|afp|ap photo|reuters|bloomberg|epa|shutterstock|alamy|xinhua|pa media|pa wire|file photo|handout|courtesy)"

# Tried on the line in lower case.
CREDIT = (
    r"^(?:(?:header|top|lead|featured|main|hero) )?(?:image|photo|picture|photograph|pic|illustration|graphic|artwork|video)s?"
    r"\s*(?:credits?|source|courtesy)?"
    r"\s*[:,]\s*\S.{0,80}$",
    r"^(?:credits?|courtesy|photographer)\s*:\s*\S.{0,80}$",
    r"^(?:getty images|afp|reuters|ap photo|associated press|bloomberg|epa|shutterstock|alamy|xinhua|pa media)(?:\s*(?:[|/,]|via)\s*[\w.' -]{1,40})?$",
)
# Tried on the line as written, case ignored unless a part says otherwise.
CAPTION = (
    rf"\((?:photo|image|picture|credit|file)?[^()]{{0,60}}?{AGENCIES}[^()]{{0,40}}\)\s*$",
    r"\((?-i:(?:[A-Z][\w.'’-]*\s?){1,4}/\s?(?:[A-Z][\w.'’-]*\s?){1,4})\)\s*$",  # "(The Canadian Press/Darryl Dyck)"
    r"\b(?:photos?|photograph|picture|image)s? (?:by|courtesy of)\s+[A-Z]",
    # "Words and pictures: Jane Doe" is the reporter's byline, not a photo's credit
    r"(?<!words and )(?<!text and )(?<!words & )(?<!text & )\b(?:photographer|photograph|photo|picture|image)s?:\s*[A-Z][^.]{0,60}$",
    r"^image caption\b", r"(?-i:REUTERS/)", r"/\s*reuters\b",
    r"\b[a-z]\w*\s*/\s*(?:getty images|afp|bloomberg|ap|pa|epa|shutterstock|alamy|xinhua|file photo|handout)\b",
    r"\b(?:getty images|shutterstock|alamy(?: stock photo)?)\s*\W*$",
)

_CREDIT_VALUE = [
    re.compile(rf"\((?P<v>[^()]*{AGENCIES}[^()]*)\)\s*$", re.I),
    re.compile(r"\b(?:photos?|photograph|picture|image)s? (?:by|courtesy of)\s+(?P<v>[^.()]+)", re.I),
    re.compile(r"\((?P<v>(?:[A-Z][\w.'’-]*\s?){1,4}/\s?(?:[A-Z][\w.'’-]*\s?){1,4})\)\s*$"),
    re.compile(r"(?P<v>(?:\b[\w.'’ -]{0,40}/\s*)?(?-i:REUTERS/)[\w.'’ -]+(?:/[\w ]+)?)"),
    re.compile(r"\b(?:photographer|photograph|photo|picture|image)s?:\s*(?P<v>[A-Z][^.]{0,60})$"),
    re.compile(r"(?P<v>\b[\w.'’ -]{0,40}/\s*(?:getty images|afp|bloomberg|ap|pa|epa|shutterstock|alamy|xinhua|reuters|file photo|handout)(?:/[\w ]+)?)", re.I),
    re.compile(r"(?:credits?|source|courtesy|photographer|image|photo|picture|photograph|pic|illustration|graphic|artwork|video)s?"
               r"\s*[:,]\s*(?P<v>(?:\S+ ){0,7}\S+)$",
               re.I),
    re.compile(r"(?P<v>\b(?:getty images|shutterstock|alamy(?: stock photo)?|reuters))\s*\W*$", re.I),
    re.compile(r"^(?P<v>(?:getty images|afp|reuters|ap photo|associated press|bloomberg|epa|shutterstock|alamy|xinhua|pa media)\b.*)$", re.I),
]
_CREDIT_LABEL = re.compile(r"^(?:photos?|photograph|picture|image|credit)s?\s*(?:by\b|credit\s*:?|:)\s*", re.I)


def credit_of(text: str) -> str:
    """The credit in a credit or caption line ("Getty Images", "Aly Song/Reuters"), else ``""``."""
    for pattern in _CREDIT_VALUE:
        match = pattern.search(text)
        if match:
            value = _CREDIT_LABEL.sub("", match.group("v").strip(" .,;:()"))
            return value.strip(" .,;:()")
    return ""
