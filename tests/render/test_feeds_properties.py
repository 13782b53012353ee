"""Properties of the feeds' XML: whatever a title, summary, tag, body or update holds, an XML parser reads it back as written.

The feeds are written without a generic XML serializer; these properties are
what makes that safe. One tiny site is built once; each example puts hostile
text into its event (no function-scoped fixtures under ``@given``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from conftest import COMMERCE, HUAWEI, SITE_YAML, event
from generator.build.pipeline import build
from generator.content import packed
from generator.content.model import Site
from generator.content.updates import Update
from generator.render import feeds

BOUNDED = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ATOM = "{http://www.w3.org/2005/Atom}"
XML_FORBIDS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# any character a Python string may hold but a lone surrogate (no UTF-8 file can carry one),
# weighted towards what XML treats specially
HOSTILE = st.text(
    st.one_of(st.sampled_from('&<>"\'\r\n\t\x00\x0b\x1f\ufffe\uffff]]>;#'), st.characters(blacklist_categories=("Cs",))), max_size=40
)


@functools.cache
def tiny_site() -> Site:
    folder = Path(tempfile.mkdtemp(prefix="feeds-properties-"))
    files = {
        "content/site.yaml": SITE_YAML, "content/entities/huawei.md": HUAWEI, "content/entities/commerce.md": COMMERCE,
        "content/events/a.md": event("A", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [t]\n"),
        "content/events/b.md": event("B", "2019-05-17", "entities: [Huawei]\n"),
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    result = build(folder, write=False)
    assert result.ok and result.site is not None
    return result.site


def parsed_as_text(text: str) -> str:
    """What a parser must give back for ``text`` in element content: forbidden characters dropped, line ends normalised (XML 1.0 §2.11)."""
    return XML_FORBIDS.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def parsed_as_attribute(text: str) -> str:
    """What a parser must give back for ``text`` in an attribute: forbidden characters dropped, all whitespace kept."""
    return XML_FORBIDS.sub("", text)


def hostile_site(title: str, summary: str, body: str, tag: str, site_title: str, update: str) -> Site:
    site = tiny_site()
    first = site.events[0]
    note = Update(first.date, "correction", update)
    changed = dataclasses.replace(first, title=title, summary=summary, packed_html=packed.pack(body), tags=(tag,), updates=(note,))
    config = dataclasses.replace(site.config, title=site_title)
    return dataclasses.replace(site, config=config, events=(changed, *site.events[1:]))


@BOUNDED
@given(HOSTILE, HOSTILE, HOSTILE, HOSTILE.filter(str.strip), HOSTILE, HOSTILE)
@example("a]]>b", "&amp; <x>", '<p a="\n\r\t">&</p>', "\t\r\n", "\x00", "\r\n")
def test_hostile_text_reads_back_from_every_feed(title: str, summary: str, body: str, tag: str, site_title: str, update: str) -> None:
    site = hostile_site(title, summary, body, tag, site_title, update)
    outputs = {o.path: o.data for o in feeds.files(site)}
    assert set(outputs) == {"feed.xml", "updates.xml", *(feeds.entity_feed_path(i) for i in ("huawei", "commerce"))}
    for path, data in outputs.items():
        # libxml2 and expat, each strict: both must read the same text back
        for root in (etree.fromstring(data, etree.XMLParser(resolve_entities=False)), ET.fromstring(data)):
            assert root.findtext(f"{ATOM}entry/{ATOM}author/{ATOM}name") == parsed_as_text(site_title), path
            if path == "updates.xml":
                assert root.findtext(f"{ATOM}entry/{ATOM}title") == parsed_as_text(f"Corrected: {title}")
                assert root.findtext(f"{ATOM}entry/{ATOM}content") == parsed_as_text(update)
                continue
            entry = next(e for e in root.iter(f"{ATOM}entry") if (e.findtext(f"{ATOM}id") or "").endswith("/a"))
            assert entry.findtext(f"{ATOM}title") == parsed_as_text(title)
            assert entry.findtext(f"{ATOM}summary") == (parsed_as_text(summary) if summary else None)
            assert entry.findtext(f"{ATOM}content") == parsed_as_text(body)
            category = entry.find(f"{ATOM}category")
            assert category is not None and category.get("label") == parsed_as_attribute(tag)


def test_an_entry_listed_by_many_feeds_is_the_same_in_each() -> None:
    site = tiny_site()
    outputs = {o.path: o.data.decode() for o in feeds.files(site)}
    shared = [re.search(r"  <entry>\n    <id>[^<]*/a</id>.*?</entry>\n", text, re.S) for text in outputs.values()]
    found = [m.group(0) for m in shared if m]
    # the site feed and both entities' feeds list event a
    assert len(found) == 3 and len(set(found)) == 1, found


def test_entries_follow_the_base_url_of_their_feed() -> None:
    site = tiny_site()
    moved = dataclasses.replace(site, config=site.config.with_base_url("https://you.github.io/other/"))
    for one in (site, moved, site):
        base = one.config.public_url
        assert base is not None
        for output in feeds.files(one):
            links = [e.get("href") for e in etree.fromstring(output.data).iter(f"{ATOM}link")]
            assert links and all(str(link).startswith(base) for link in links), (output.path, links)
