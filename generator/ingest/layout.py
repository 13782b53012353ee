"""Where the article is on a page: headline, standfirst, body, and the sections that are not it.

The headline is the title-shaped line that best fits what follows a headline
(a byline or dateline close below, then a standfirst or prose). After it the
page is read as a sequence of *zones*: the article; a list of other articles
under a heading such as "Related articles", which lasts until prose of the
article's kind comes back; and the end (comments, "About the company"), after
which nothing is the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from . import meta
from .boilerplate import Kind
from .lines import Line, Shape
from .text import ends_sentence, is_upper
from .titles import has_kicker

JUNK = (Kind.CHROME, Kind.MENU, Kind.ADVERT, Kind.PROMO, Kind.VIDEO, Kind.COOKIE, Kind.CREDIT, Kind.CAPTION)
# Under a headline, buttons and pictures may come between it and its byline; a menu may not.
IN_HEADER = tuple(kind for kind in JUNK if kind is not Kind.MENU)
SUBSTANTIAL = 12  # words: prose this long is an article paragraph, not a teaser or a caption
LONG = 40  # words: prose this long ends a related-articles list on its own
CAPTION_WORDS = 25
STANDFIRST_WORDS = 8
_CAPTION_LABEL = re.compile(r"(?i)^(?:image|media|video|photo|picture)?\s*caption\s*[,:]?$")
# Never a headline: a caption or credit, a link to the next or previous post.
_NOT_HEADLINE = re.compile(
    r"(?i)^(?:photo|image|picture|video|file photo|credit|illustration)s?\b\s*[:|/]|\((?:reuters|ap|afp|getty images|file photo|bloomberg|handout)\)"
    r"|\bgetty images\b|\bfile photo\b|[←→«»‹›]"
)
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")
# "WEATHER ALERT: …", "Newer post: …", "Show: …": a label over something else, not a headline with a colon in it.
_LABEL_PREFIX = re.compile(r"^(?P<label>[A-Z][\w'’]*(?: [A-Za-z][\w'’]*){0,2}):\s+\S")
_FIELD = re.compile(r"^(?P<label>[A-Z][\w'’]*\.?(?: [A-Za-z][\w'’]*\.?){0,2}):\s+\S")
_LABEL_WORDS = frozenset(
    "post alert show breaking update updated watch listen episode live tags topics category section series programme program podcast "
    "newsletter issue edition sponsored advertisement aired filed transcript analyst analysts author authors rating view contact".split()
)


class Zone(str, Enum):
    """Which part of the page a line is in."""

    BEFORE = "before"  # above the headline
    ARTICLE = "article"
    LISTED = "listed"  # under "Related articles" and the like
    ENDED = "ended"  # comments, footers and company boilerplate after the article


@dataclass(frozen=True, slots=True)
class Layout:
    """Indexes into the page's lines: headline, standfirst, body paragraphs, captions, and each line's zone."""

    headline: int | None
    standfirst: int | None
    body: tuple[int, ...]
    captions: frozenset[int]
    zones: tuple[Zone, ...]


def is_text(line: Line) -> bool:
    """Neither boilerplate nor a dateline, byline or address: words that may be the article's."""
    return line.label is None and not line.is_meta


def is_paragraph(line: Line) -> bool:
    """Prose that is not boilerplate and not a dateline or byline."""
    return line.shape is Shape.PROSE and is_text(line)


def layout(lines: Sequence[Line], known: int | None = None) -> Layout:
    """Find the headline (unless the page's markup said which line it is: ``known``), zones, standfirst and body of a described page."""
    captions = _captions(lines)
    headline = known if known is not None else _headline(lines, captions)
    boxed = _field_box(lines)
    standfirst = _standfirst(lines, headline, captions | boxed)
    zones = _zones(lines, -1 if headline is None else headline, ignore=captions | {standfirst})
    start = 0 if headline is None else headline + 1
    body = tuple(
        i for i in range(start, len(lines))
        if zones[i] is Zone.ARTICLE and i != standfirst and i not in captions and i not in boxed and is_paragraph(lines[i])
    )
    return Layout(headline, standfirst, body, captions, tuple(zones))


def _field_box(lines: Sequence[Line]) -> frozenset[int]:
    """Lines of a box of fields ("Claim: …", "Rating: FALSE", "Case: …", "No.: …"): "Label: value" lines in a row, two with
    a value of a word or three, or three and more whose values are not sentences. Speech ("MENDES: …", "Q: …") has
    names in capitals or a letter for labels, and sentences for values, so it stays."""
    def value(i: int) -> str | None:
        match = _FIELD.match(lines[i].text)
        label = match.group("label") if match else ""
        return lines[i].text[match.end("label") + 1 :].strip() if match and len(label) > 1 and not is_upper(label) else None

    found: set[int] = set()
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and value(i) is not None:
            run.append(i)
            continue
        values = [v for j in run if (v := value(j)) is not None]
        short = len(run) >= 2 and any(len(v.split()) <= 3 for v in values)
        if short or len(run) >= 3 and not any(ends_sentence(v) and len(v.split()) > 3 for v in values):
            found.update(run)
        run = []
    return frozenset(found)


def _captions(lines: Sequence[Line]) -> frozenset[int]:
    """Captions: lines labelled so, and the alt text or caption right above an image credit."""
    found = {i for i, line in enumerate(lines) if line.kind(Kind.CAPTION)}
    # "Image caption," on a line of its own labels the line after it.
    found |= {i + 1 for i, line in enumerate(lines[:-1]) if _CAPTION_LABEL.match(line.text) and is_text(lines[i + 1])}
    for i in range(1, len(lines)):
        above, line = lines[i - 1], lines[i]
        if not line.kind(Kind.CREDIT) or line.unit.blank_before or above.label is not None or above.is_meta:
            continue
        lone = above.unit.blank_before or i < 2 or lines[i - 2].shape is not Shape.PROSE
        if above.shape is Shape.TITLE or (above.shape is Shape.PROSE and above.word_count <= CAPTION_WORDS and lone):
            found.add(i - 1)
    return frozenset(found)


def _following(lines: Sequence[Line], index: int, count: int, skip: tuple[Kind, ...] = JUNK) -> list[Line]:
    """Up to ``count`` lines after ``index``, skipping boilerplate of the ``skip`` kinds."""
    found: list[Line] = []
    for line in lines[index + 1 :]:
        if line.kind(*skip):
            continue
        found.append(line)
        if len(found) == count:
            break
    return found


def _is_header_meta(line: Line) -> bool:
    """A byline or dateline of the kind printed under a headline (not a sign-off such as "Reporting by")."""
    return line.label is None and bool(line.dateline or line.byline)


def _headline_shaped(line: Line) -> bool:
    if line.label is not None or line.is_meta or line.word_count < 3:
        return False
    first = next((c for c in line.text if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or _NOT_HEADLINE.search(line.text) or meta.outlet(line.text):
        return False  # a headline starts with a capital; "and last updated 5:48 PM" continues the line above
    return line.shape is Shape.TITLE or (line.shape is Shape.PROSE and line.text.rstrip("\"'”’)").endswith(("?", "!")) and line.word_count <= 25)


def _first_body_run(lines: Sequence[Line]) -> int:
    """Where the body has surely begun: two article-length paragraphs in a row (junk between allowed), else the first statement."""
    substantial = [i for i, line in enumerate(lines) if is_paragraph(line) and line.word_count >= SUBSTANTIAL]
    for i in substantial:
        after = _following(lines, i, 1)
        if after and is_paragraph(after[0]) and after[0].word_count >= SUBSTANTIAL:
            return i
    # A question may be a headline; a sentence ending in a full stop is not.
    statements = [i for i, line in enumerate(lines) if is_paragraph(line) and not line.text.rstrip("\"'”’)").endswith(("?", "!"))]
    return min(substantial[:1] + statements[:1], default=len(lines))


def _score(lines: Sequence[Line], index: int, body_start: int, listed: Sequence[Zone], captions: frozenset[int]) -> int:
    """How much a line looks like the headline, from its own shape and what surrounds it."""
    line = lines[index]
    count = line.word_count
    score = 2 if 4 <= count <= 20 else 1 if count <= 30 else -2
    after = _following(lines, index, 2, IN_HEADER)
    if after and _is_header_meta(after[0]):
        score += 3  # a byline or dateline right below: the strongest sign of a headline
    elif len(after) == 2 and _is_header_meta(after[1]):
        # Between them a standfirst (prose, or longer than a headline) makes this the headline; a shorter
        # title line there is the headline itself, and this line an alt text, a tagline or a kicker.
        between = after[0]
        standfirst = is_text(between) and (between.shape is Shape.PROSE or between.word_count >= max(count, 8))
        score += 3 if standfirst else 1
    if after and is_text(after[0]) and (after[0].shape is Shape.PROSE or after[0].word_count >= 8):
        score += 1  # prose or a standfirst right under it
    if any(_is_header_meta(other) for other in lines[max(0, index - 2) : index]):
        score += 1
    if is_upper(line.text):
        score -= 1
    if line.text.endswith(":") or _is_labelled(line.text):
        score -= 3
    if _leads_into_body(lines, index, body_start, captions):
        score += 2  # the article starts right under it (a byline, dateline or standfirst may come between)
    if listed[index] is Zone.LISTED:
        score -= 3
    if index > body_start:
        score -= 3
    return score - max(0, _titles_below(lines, index, listed, captions) - 1)


def _is_labelled(text: str) -> bool:
    """A label and its value ("WEATHER ALERT: …", "Sector view: Neutral", "Show: …"), not a headline with a colon in it."""
    match = _LABEL_PREFIX.match(text)
    if match is None or has_kicker(text):
        return False  # "OPINION: Ren's offer is a trap" is a headline under its label
    label = match.group("label")
    value = text[match.end("label") + 1 :]
    return is_upper(label) and len(label) > 3 or label.split()[-1].lower() in _LABEL_WORDS or len(value.split()) <= 3


def _between(lines: Sequence[Line], index: int, end: int, captions: frozenset[int]) -> list[int]:
    """The lines of words between ``index`` and ``end``: not boilerplate, bylines, datelines, captions or labelled fields."""
    return [
        i for i in range(index + 1, end)
        if i not in captions and is_text(lines[i]) and lines[i].shape is not Shape.SHORT and not _is_labelled(lines[i].text)
        and not (lines[i].shape is Shape.TITLE and lines[i].text.endswith(":"))  # "CARLA MENDES, ANCHOR:" introduces the text
    ]


def _leads_into_body(lines: Sequence[Line], index: int, body_start: int, captions: frozenset[int]) -> bool:
    """Whether only a byline, dateline, boilerplate and at most one standfirst (a sentence, or longer) come between ``index`` and the body."""
    if index >= body_start:
        return False
    # The header ends at the byline or dateline: what comes after it (the lead picture's caption) is not between.
    header_end = next((i for i in range(index + 1, body_start) if _is_header_meta(lines[i])), body_start)
    between = _between(lines, index, header_end, captions)
    if not between:
        return True
    only = lines[between[0]]
    # A standfirst is a sentence, or a clause nearly as long as the headline; a shorter line is the headline under an alt text.
    return len(between) == 1 and (only.shape is Shape.PROSE or only.word_count >= max(STANDFIRST_WORDS, lines[index].word_count * 3 // 4))


def _is_tagline(lines: Sequence[Line], index: int, candidates: Sequence[int], leads: Sequence[int]) -> bool:
    """The motto under the masthead ("Your Trusted Source for the Quad Cities"), when a line lower down leads into the body.

    The first words of a page are often the outlet's name; the line right under them is its tagline, or a headline under a kicker.
    Only when another headline candidate below leads into the article is it a tagline.
    """
    text = [i for i, line in enumerate(lines[:index]) if is_text(line) and line.shape is not Shape.SHORT or is_upper(line.text)]
    if len(text) != 1 or text[0] != index - 1 or lines[text[0]].word_count > 5 or lines[text[0]].shape is Shape.PROSE:
        return False
    if any(line.is_meta for line in lines[: text[0]]):
        return False  # the masthead is the page's first words; a line under a dateline is a kicker, and the one under it the headline
    return any(other > index for other in candidates if other in leads)


def _titles_below(lines: Sequence[Line], index: int, listed: Sequence[Zone], captions: frozenset[int]) -> int:
    """Title-like lines between ``index`` and the first paragraph below it (not counting lists and captions).

    Between a headline and its text there is at most a standfirst; more of them mean a line higher up the page.
    """
    count = 0
    for i in range(index + 1, len(lines)):
        if is_paragraph(lines[i]):
            break
        if i not in captions and listed[i] is not Zone.LISTED and _headline_shaped(lines[i]) and lines[i].shape is Shape.TITLE:
            count += 1
    return count


def _numbered(lines: Sequence[Line]) -> frozenset[int]:
    """Items of a numbered list ("1. …", "2. …", "3) …"): a table of contents or a list of other stories, never the headline."""
    numbers = [int(m.group(1)) if (m := _NUMBERED.match(line.text)) else None for line in lines]
    found: set[int] = set()
    start = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines) and (now := numbers[i]) is not None and (last := numbers[i - 1]) is not None and now == last + 1:
            continue
        if i - start >= 2 and numbers[start] is not None:
            found.update(range(start, i))
        start = i
    return frozenset(found)


def _bullets(lines: Sequence[Line], captions: frozenset[int]) -> frozenset[int]:
    """A tabloid's points under its headline: three or more title lines of five words and more between the headline and
    the byline or dateline. Four such lines in a row are a headline and its points; with only three, the first may
    be an alt text, and the lines are left to the scores."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not _is_header_meta(line):
            continue
        run = []
        for i in range(index - 1, -1, -1):
            if lines[i].kind(*IN_HEADER):  # buttons may come between the points; a menu ends them
                continue
            if not (is_text(lines[i]) and lines[i].shape is Shape.TITLE and lines[i].word_count >= 5 and i not in captions):
                break
            run.append(i)
        if len(run) >= 4:
            found.update(run[:-1])  # all but the first line on the page, the headline
    return frozenset(found)


def _headline(lines: Sequence[Line], captions: frozenset[int]) -> int | None:
    # The first line of a box may be a headline with a colon ("Huawei: …"); the lines under it are fields.
    fields = frozenset(i for i in _field_box(lines) if i - 1 in _field_box(lines))
    never = _numbered(lines) | _bullets(lines, captions) | fields
    candidates = [i for i, line in enumerate(lines) if i not in captions and i not in never and _headline_shaped(line)]
    if not candidates:
        return None
    body_start = _first_body_run(lines)
    listed = _zones(lines, -1, ends=False)
    leads = [i for i in candidates if _leads_into_body(lines, i, body_start, captions)]
    taglines = {i for i in candidates if _is_tagline(lines, i, candidates, leads)}
    # Highest score wins; of equals, the first on the page.
    return max(candidates, key=lambda i: (_score(lines, i, body_start, listed, captions) - 3 * (i in taglines), -i))


def _resumes(lines: Sequence[Line], index: int) -> bool:
    """Whether prose at ``index`` is the article coming back after a list: long, or followed by more article prose."""
    line = lines[index]
    if not is_paragraph(line) or line.word_count < SUBSTANTIAL:
        return False
    after = _following(lines, index, 1)
    return line.word_count >= LONG or (bool(after) and is_paragraph(after[0]) and after[0].word_count >= SUBSTANTIAL)


def _zones(lines: Sequence[Line], headline: int, ends: bool = True, ignore: frozenset[int | None] = frozenset()) -> list[Zone]:
    """Each line's zone; a heading that ends the article counts only once a paragraph (not in ``ignore``) has been seen."""
    zones = [Zone.BEFORE] * (headline + 1)
    state = Zone.ARTICLE
    body_seen = False
    for index in range(headline + 1, len(lines)):
        line = lines[index]
        if state is Zone.LISTED and _resumes(lines, index):
            state = Zone.ARTICLE
        if state is not Zone.ENDED:
            if ends and body_seen and line.kind(Kind.END):
                state = Zone.ENDED  # an END heading above the article (a menu's "Contact") ends nothing
            elif line.kind(Kind.LIST):
                state = Zone.LISTED
        zones.append(state)
        # A standfirst or caption does not prove the article has begun: a comments link may sit under them.
        body_seen = body_seen or (state is Zone.ARTICLE and is_paragraph(line) and index not in ignore)
    return zones


def _standfirst(lines: Sequence[Line], headline: int | None, captions: frozenset[int]) -> int | None:
    """The summary under the headline: unpunctuated and long, or prose with the byline or dateline below it."""
    if headline is None:
        return None
    for index in range(headline + 1, len(lines)):
        line = lines[index]
        if line.kind(Kind.LIST, Kind.END):
            return None
        if line.is_meta or line.label is not None or index in captions or line.shape is Shape.SHORT:
            continue
        if _is_labelled(line.text) or not line.text[:1].isupper() and line.text[:1].isalpha():
            continue  # "Analysts: …" is a field; "and last updated …" goes on the line above
        if line.shape is Shape.TITLE:
            if line.word_count >= 6:
                return None if _is_bullet_run(lines, index, captions) else index
            continue
        return index if _meta_follows(lines, index) else None
    return None


def _is_bullet_run(lines: Sequence[Line], index: int, captions: frozenset[int]) -> bool:
    """Whether ``index`` starts three or more points in a row under a headline (a tabloid's bullets): a list, not one summary."""
    points = [i for i in range(index, len(lines)) if not lines[i].kind(*JUNK) and i not in captions][:3]
    return len(points) == 3 and all(is_text(lines[i]) and lines[i].shape is Shape.TITLE and lines[i].word_count >= 5 for i in points)


def _meta_follows(lines: Sequence[Line], index: int) -> bool:
    """Whether a byline or dateline comes after ``index`` before the next prose."""
    for line in lines[index + 1 :]:
        if line.kind(Kind.LIST, Kind.END) or (line.shape is Shape.PROSE and line.label is None and not line.is_meta):
            return False
        if line.label is None and (line.dateline or line.byline):
            return True
    return False
