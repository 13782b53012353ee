"""Benchmark corpora: generated here, deterministically, in our content format and in the peers' formats.

One seed gives one corpus, byte for byte, on any machine: everything comes
from a single :class:`random.Random` and the word lists below, never from the
clock, the environment or a dict's iteration order. Each article has a title,
a date, 2 to 5 entities, 1 to 3 tags and a source, and a 300–600-word
Markdown body with the constructs real events use (headings, bulleted and
numbered lists, emphasis, links, a table, a blockquote, inline code,
strikethrough), so every tool parses the same kinds of text.

For each size and seed the cache folder holds::

    <cache>/<size>-seed<seed>/
        stamp.json                      what the folder was made from
        entities.yml                    every entity used: name, slug, kind, its articles
        site/content/...                our site: site.yaml, events/*.md, entities/*.md
        hugo/content/articles/*.md      Hugo's copy, with bench/peers/hugo/ beside it
        eleventy/src/articles/*.md      Eleventy's copy, with bench/peers/eleventy/ beside it

A folder whose stamp matches is reused as it is; the stamp includes a digest
of this file and of the peer site set-ups, so a change to either makes it anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PEER_SITES = BENCH / "peers"
DEFAULT_CACHE = BENCH / ".cache" / "corpora"
PEERS = ("hugo", "eleventy")

# --- the vocabulary (made up for this benchmark) ---------------------------------------

_COMMON = (
    "a an the this that these those some every each its their our his her one two three four several many few more most "
    "new old early late first last next final major minor public private joint formal interim annual quarterly "
    "said says told wrote asked agreed denied confirmed announced rejected approved delayed opened closed filed signed "
    "is was are were be been has had have will would could should may might must can "
    "and or but so yet because while after before during until since although when where which who whose "
    "in on at by for with from into over under against between about across through without within "
    "not only also still again already soon later then now once often rarely never"
).split()
_NOUNS = (
    "agreement audit board budget contract council court deadline decision deal dispute export factory filing "
    "forecast fund grant hearing inquiry investment lawsuit licence loan market meeting memo merger minister "
    "network order pipeline plan platform policy port price product programme project proposal rail report "
    "review rule ruling sanction settlement shipment statement strike study subsidy supplier tariff tender "
    "terminal test trial union vote warehouse wage waiver spectrum satellite reactor refinery vaccine chip"
).split()
_TAGS = (
    "energy", "finance", "technology", "health", "transport", "regulation", "courts", "labour", "trade",
    "space", "climate", "elections", "security", "media", "farming", "telecoms", "defence", "schools",
    "housing", "retail", "water", "mining",
)
_FIRMS_A = ("Arden", "Baltic", "Corvid", "Dunmore", "Elmfield", "Fenwick", "Gallant", "Harrow", "Ironbridge", "Juniper",
            "Kestrel", "Larkspur", "Meridian", "Northgate", "Orchard", "Pembroke", "Quarry", "Redfern", "Saltmarsh",
            "Thistle", "Upland", "Vantage", "Westbrook", "Yarrow", "Zenith")
_FIRMS_B = ("Industries", "Group", "Power", "Freight", "Biotech", "Bank", "Aviation", "Telecom", "Metals", "Foods",
            "Partners", "Robotics", "Semiconductors", "Shipping", "Media", "Water", "Rail", "Insurance")
_GIVEN = ("Aino", "Bertil", "Carmen", "Davide", "Esther", "Florin", "Gisela", "Hamid", "Ilse", "Jorge", "Kamala",
          "Leif", "Mirela", "Nuno", "Oona", "Piotr", "Rania", "Sven", "Tamsin", "Umberto", "Vesna", "Wiebke",
          "Yara", "Zeno", "Agnes", "Boris", "Cosima", "Dagny")
_FAMILY = ("Aalto", "Bergstrom", "Costa", "Demir", "Eklund", "Fontaine", "Grau", "Halloran", "Ibsen", "Jovanovic",
           "Kuusela", "Lombardi", "Marsh", "Nyberg", "Oduya", "Pereira", "Ruiz", "Szabo", "Thorne", "Urquhart",
           "Vidal", "Wolanski", "Yilmaz", "Zielinski")
_BODY_A = ("State", "National", "Union", "Provincial", "Federal", "Northern", "Eastern", "Inland", "Coastal", "Upper")
_BODY_B = ("Grid Authority", "Trade Tribunal", "Rail Inspectorate", "Privacy Board", "Medicines Office",
           "Harbour Commission", "Markets Authority", "Spectrum Office", "Audit Chamber", "Water Regulator",
           "Mining Board", "Space Office")
_OUTLETS = ("The Lantern", "Weekly Dispatch", "Riverside Chronicle", "Harbour Gazette", "Signal Wire", "Northern Review",
            "The Civic Ledger", "Market Bell", "Evening Compass", "Valley Record")

_NON_SLUG = re.compile(r"[^a-z0-9]+")
ENTITY_COUNT = 180
FIRST_DATE = dt.date(2008, 1, 1)
LAST_DATE = dt.date(2025, 12, 31)


@dataclass(frozen=True, slots=True)
class Entity:
    """A company, person or agency the articles mention."""

    name: str
    slug: str
    kind: str


@dataclass(frozen=True, slots=True)
class Article:
    """One generated article; written out once per format."""

    slug: str
    title: str
    date: dt.date
    entities: tuple[str, ...]
    tags: tuple[str, ...]
    source_name: str
    source_url: str
    body: str


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens (the same rule the peers' templates use for entity pages)."""
    return _NON_SLUG.sub("-", text.lower()).strip("-")


def _entity_name(rng: random.Random, kind: str) -> str:
    """A made-up name of that kind."""
    if kind == "company":
        return f"{rng.choice(_FIRMS_A)} {rng.choice(_FIRMS_B)}"
    if kind == "person":
        return f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    return f"{rng.choice(_BODY_A)} {rng.choice(_BODY_B)}"


def _entities(rng: random.Random) -> list[Entity]:
    """A fixed pool of distinct names and slugs: 45% companies, 35% people, 20% agencies."""
    pool: list[Entity] = []
    slugs: set[str] = set()
    for kind, share in (("company", 0.45), ("person", 0.35), ("agency", 0.20)):
        wanted = len(pool) + round(ENTITY_COUNT * share)
        while len(pool) < wanted:
            name = _entity_name(rng, kind)
            if slugify(name) not in slugs:
                slugs.add(slugify(name))
                pool.append(Entity(name, slugify(name), kind))
    return pool


class _Writer:
    """Makes the Markdown of one body; holds the generator and the entities the article names."""

    def __init__(self, rng: random.Random, names: Sequence[str]) -> None:
        self.rng, self.names = rng, names

    def words(self, low: int, high: int, pool: Sequence[str] = _COMMON) -> list[str]:
        """``low``–``high`` words, a noun every few."""
        rng = self.rng
        return [rng.choice(_NOUNS) if rng.random() < 0.3 else rng.choice(pool) for _ in range(rng.randint(low, high))]

    def sentence(self, low: int = 7, high: int = 16) -> str:
        """A capitalised sentence, sometimes naming an entity or carrying inline markup."""
        rng = self.rng
        words = self.words(low, high)
        if self.names and rng.random() < 0.4:
            words.insert(rng.randrange(len(words) + 1), rng.choice(self.names))
        roll, at = rng.random(), rng.randrange(len(words))
        if roll < 0.10:
            words[at] = f"*{words[at]}*"
        elif roll < 0.17:
            words[at] = f"**{words[at]}**"
        elif roll < 0.21:
            words[at] = f"`{slugify(words[at]) or 'x'}_id`"
        elif roll < 0.24:
            words[at] = f"~~{words[at]}~~"
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def link(self) -> str:
        """An inline link to an outside page."""
        label = " ".join(self.words(1, 3, _NOUNS))
        return f"[{label}](https://example.org/{self.rng.choice(_TAGS)}/{self.rng.randint(100, 99999)})"

    def paragraph(self, links: int) -> str:
        """Two to four sentences; ``links`` of them end in a link."""
        sentences = [self.sentence() for _ in range(self.rng.randint(2, 4))]
        for _ in range(links):
            at = self.rng.randrange(len(sentences))
            sentences[at] = sentences[at][:-1] + f" (see {self.link()})."
        return " ".join(sentences)

    def heading(self, level: int) -> str:
        """A heading of 2–5 words."""
        text = " ".join(self.words(2, 5, _NOUNS))
        return "#" * level + " " + text[0].upper() + text[1:]

    def bullets(self) -> str:
        """A bulleted list of 3–5 short items."""
        return "\n".join(f"- {self.sentence(3, 8)}" for _ in range(self.rng.randint(3, 5)))

    def numbered(self) -> str:
        """A numbered list of 2–4 steps."""
        return "\n".join(f"{n}. {self.sentence(3, 7)}" for n in range(1, self.rng.randint(2, 4) + 1))

    def quote(self) -> str:
        """A two-line blockquote."""
        return f"> {self.sentence(8, 14)}\n> {self.sentence(4, 9)}"

    def table(self) -> str:
        """A small figures table: year, amount, change."""
        rng = self.rng
        year = rng.randint(2005, 2020)
        rows = ["| Year | Amount (m) | Change |", "|---|---:|---:|"]
        for offset in range(rng.randint(3, 5)):
            rows.append(f"| {year + offset} | {rng.randint(10, 9999):,} | {rng.uniform(-30, 30):+.1f}% |")
        return "\n".join(rows)


def _count(block: str) -> int:
    return len(block.split())


def _body(rng: random.Random, names: Sequence[str]) -> str:
    """A 300–600-word body: lead, 2–3 sections with the fixed constructs, then paragraphs up to a drawn length."""
    writer = _Writer(rng, names)
    target = rng.randint(320, 560)
    links = rng.randint(2, 4)
    sections: list[list[str]] = [[writer.heading(2)] for _ in range(rng.randint(2, 3))]
    if rng.random() < 0.3:
        sections[-1].append(writer.heading(3))
    extras = [writer.bullets()]
    if rng.random() < 0.5:
        extras.append(writer.numbered())
    if rng.random() < 0.6:
        extras.append(writer.quote())
    if rng.random() < 0.4:
        extras.append(writer.table())
    for extra in extras:
        rng.choice(sections).append(extra)
    lead = writer.paragraph(links=1)
    blocks = [lead] + [block for section in sections for block in section]
    total = sum(_count(b) for b in blocks)
    links -= 1
    while total < target:
        section = rng.choice(sections)
        paragraph = writer.paragraph(links=1 if links > 0 else 0)
        links -= 1
        section.insert(rng.randint(1, len(section)), paragraph)
        total += _count(paragraph)
    return "\n\n".join([lead] + ["\n\n".join(section) for section in sections]) + "\n"


def generate(size: int, seed: int) -> tuple[list[Entity], list[Article]]:
    """The entities and ``size`` articles for ``seed``; the same arguments give the same values."""
    rng = random.Random(f"timeline-bench:{seed}")
    pool = _entities(rng)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(pool))]  # a few entities are everywhere, most are rare
    span = (LAST_DATE - FIRST_DATE).days
    articles = []
    for index in range(size):
        wanted, chosen = rng.randint(2, 5), list[str]()
        while len(chosen) < wanted:
            name = rng.choices(pool, weights)[0].name
            if name not in chosen:
                chosen.append(name)
        date = FIRST_DATE + dt.timedelta(days=rng.randrange(span + 1))
        title_words = " ".join(_Writer(rng, ()).words(3, 7))
        title = f"{chosen[0]} {title_words}"
        slug = f"{date.isoformat()}-{slugify(title)[:50].strip('-')}-{index:05d}"
        outlet = rng.choice(_OUTLETS)
        articles.append(Article(
            slug=slug, title=title, date=date, entities=tuple(chosen), tags=tuple(rng.sample(_TAGS, rng.randint(1, 3))),
            source_name=outlet, source_url=f"https://{slugify(outlet)}.example.net/{date.year}/{index}",
            body=_body(rng, chosen),
        ))
    used = {name for article in articles for name in article.entities}
    return [e for e in pool if e.name in used], articles


# --- writing the formats ----------------------------------------------------------------


def _q(value: str) -> str:
    """A YAML double-quoted scalar (every JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def _yaml_list(key: str, values: Iterable[str]) -> list[str]:
    return [f"{key}:", *(f"  - {_q(v)}" for v in values)]


def event_file(article: Article) -> str:
    """An event in our format: ``sources`` is a list of name and URL."""
    lines = ["---", f"title: {_q(article.title)}", f"date: {article.date.isoformat()}"]
    lines += _yaml_list("entities", article.entities) + _yaml_list("tags", article.tags)
    lines += ["sources:", f"  - name: {_q(article.source_name)}", f"    url: {_q(article.source_url)}", "---"]
    return "\n".join(lines) + "\n" + article.body


def peer_file(article: Article) -> str:
    """An article for Hugo and Eleventy: the same fields, ``source`` a single mapping."""
    lines = ["---", f"title: {_q(article.title)}", f"date: {article.date.isoformat()}"]
    lines += _yaml_list("entities", article.entities) + _yaml_list("tags", article.tags)
    lines += ["source:", f"  name: {_q(article.source_name)}", f"  url: {_q(article.source_url)}", "---"]
    return "\n".join(lines) + "\n\n" + article.body


def entity_file(entity: Entity) -> str:
    """An entity in our format: name and kind, a one-line description."""
    return f"---\nname: {_q(entity.name)}\nkind: {entity.kind}\n---\nA {entity.kind} named in the benchmark corpus.\n"


def entities_list(entities: Sequence[Entity], articles: Sequence[Article]) -> str:
    """``entities.yml``: every entity used, with the slugs of the articles naming it (for checks and other tools)."""
    lines: list[str] = []
    for entity in entities:
        lines += [f"- name: {_q(entity.name)}", f"  slug: {entity.slug}", f"  kind: {entity.kind}", "  articles:"]
        lines += [f"    - {a.slug}" for a in articles if entity.name in a.entities]
    return "\n".join(lines) + "\n"


def site_yaml(size: int, seed: int) -> str:
    """Our ``site.yaml`` for the corpus.

    Share cards are off: the peers draw no images, so the main tables compare the same work;
    what the cards cost is measured on its own by ``python -m bench.cards``.
    """
    return f"title: Benchmark timeline ({size} events, seed {seed})\nbase_url: https://example.org/bench/\nshare_cards: false\n"


def _write_all(folder: Path, files: Iterable[tuple[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")


def write_corpus(target: Path, size: int, seed: int) -> None:
    """Write the whole corpus (every format, the peers' site set-ups copied in) into the empty folder ``target``."""
    entities, articles = generate(size, seed)
    content = target / "site" / "content"
    _write_all(content, [("site.yaml", site_yaml(size, seed))])
    _write_all(content / "events", ((f"{a.slug}.md", event_file(a)) for a in articles))
    _write_all(content / "entities", ((f"{e.slug}.md", entity_file(e)) for e in entities))
    _write_all(target, [("entities.yml", entities_list(entities, articles))])
    for peer, articles_dir in (("hugo", "content/articles"), ("eleventy", "src/articles")):
        shutil.copytree(PEER_SITES / peer, target / peer, dirs_exist_ok=True)
        _write_all(target / peer / articles_dir, ((f"{a.slug}.md", peer_file(a)) for a in articles))


# --- the cache --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corpus:
    """One cached corpus."""

    size: int
    seed: int
    folder: Path

    @property
    def site(self) -> Path:
        """Our site root (holds ``content/``)."""
        return self.folder / "site"

    @property
    def events(self) -> Path:
        """Our event files (what the plain Python pipeline reads too)."""
        return self.site / "content" / "events"

    def peer_dir(self, peer: str) -> Path:
        """The folder Hugo or Eleventy builds in."""
        return self.folder / peer


def _digest(paths: Iterable[Path]) -> str:
    """A digest of the files' names and bytes: what the cached corpora were made by."""
    sha = hashlib.sha256()
    for path in paths:
        sha.update(str(path.relative_to(BENCH)).encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def stamp(size: int, seed: int) -> dict[str, object]:
    """What a cached corpus folder must have been made from to be reused."""
    peer_files = sorted(p for p in PEER_SITES.rglob("*") if p.is_file())
    return {"size": size, "seed": seed, "generator": _digest([Path(__file__)]), "peer_sites": _digest(peer_files)}


def prepare(size: int, seed: int, cache: Path = DEFAULT_CACHE, *, log: bool = True) -> Corpus:
    """The corpus for ``size`` and ``seed``, made unless the cache already holds it (made in a staging folder, then renamed)."""
    folder = cache / f"{size}-seed{seed}"
    wanted = stamp(size, seed)
    stamp_file = folder / "stamp.json"
    if stamp_file.is_file():
        try:
            if json.loads(stamp_file.read_text(encoding="utf-8")) == wanted:
                return Corpus(size, seed, folder)
        except json.JSONDecodeError:
            pass
    if log:
        print(f"[bench] writing the {size}-event corpus (seed {seed}) into {folder}", file=sys.stderr, flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    staging = cache / f".{folder.name}.staging.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        write_corpus(staging, size, seed)
        (staging / "stamp.json").write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Corpus(size, seed, folder)
