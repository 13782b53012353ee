"""Atom feeds and the sitemap: valid against our RELAX NG schemas (lxml and jing), stable and absolute."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from conftest import PROJECT, MakeSite, event, messages, require_tool
from generator.build.pipeline import build
from generator.content.assemble import load_site
from generator.content.model import Site
from generator.outputfile import OutputFile
from generator.render import feeds, sitemap

SCHEMAS = Path(__file__).parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/repo/"

LISTING = """\
---
title: Commerce adds Huawei & 68 affiliates to the <Entity List>
date: 2019-05-16
entities: [Huawei, Commerce Department]
tags: [Export controls, entity-list]
summary: The listing, in one line.
---
First paragraph with a [link](#notes).

## Notes

Second *paragraph*.
"""

EVENTS = {
    "content/events/2019-05-16-entity-list.md": LISTING,
    "content/events/2019-05-licence.md": event("A month-only event", "2019-05", "entities: [Huawei]\n"),
    "content/events/2018-ban.md": event("A year-only event", "2018", "entities: [Huawei]\nextra:\n  updated: 2020-02-01\n"),
    "content/events/2020-range.md": event("A range", "2020-01-10", "end_date: 2020-03\ntags: [5G]\n"),
}


def built(make_site: MakeSite, files: Mapping[str, str | bytes], *, write: bool = False) -> tuple[Path, Site]:
    root = make_site(dict(files))
    result = build(root, write=write)
    assert result.ok and result.site is not None, messages(result)
    return root, result.site


def write_all(folder: Path, outputs: Iterable[OutputFile]) -> list[Path]:
    paths = []
    for output in outputs:
        path = folder / output.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(output.data)
        paths.append(path)
    return paths


def lxml_errors(schema: str, paths: Iterable[Path]) -> list[str]:
    """Problems lxml's RELAX NG validator finds, converting our compact schema with rnc2rng."""
    validator = etree.RelaxNG.from_rnc_string((SCHEMAS / schema).read_text(encoding="utf-8"))
    errors = []
    for path in paths:
        if not validator.validate(etree.parse(str(path))):
            errors.append(f"{path}: {validator.error_log}")
    return errors


def jing(schema: str, paths: Iterable[Path]) -> subprocess.CompletedProcess[str]:
    """Debian's jing on the compact schema itself; stderr only carries Java classpath warnings."""
    return subprocess.run([require_tool("jing"), "-c", str(SCHEMAS / schema), *map(str, paths)], capture_output=True, text=True)


def assert_valid(schema: str, paths: list[Path]) -> None:
    assert paths
    assert lxml_errors(schema, paths) == []
    run = jing(schema, paths)
    assert run.returncode == 0, run.stdout


def assert_invalid(schema: str, path: Path, expected: str) -> None:
    assert lxml_errors(schema, [path]) != []
    run = jing(schema, [path])
    assert run.returncode == 1 and expected in run.stdout, run.stdout


def noindex(page: Path) -> bool:
    """Pages that ask not to be indexed (permalink redirects) stay out of the sitemap."""
    return '<meta name="robots" content="noindex">' in page.read_text(encoding="utf-8")


def feed_of(outputs: list[OutputFile], path: str = "feed.xml") -> etree._Element:
    return etree.fromstring(next(o.data for o in outputs if o.path == path))


def test_every_feed_is_valid_atom(make_site: MakeSite, tmp_path: Path) -> None:
    _, site = built(make_site, EVENTS)
    outputs = list(feeds.files(site))
    assert [o.path for o in outputs] == ["feed.xml", "entities/commerce/feed.xml", "entities/huawei/feed.xml", "updates.xml"]
    assert all(o.data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n') for o in outputs)
    assert_valid("atom.rnc", write_all(tmp_path / "feeds", outputs))


def test_shipped_timeline_feeds_are_valid_atom(tmp_path: Path) -> None:
    site, problems = load_site(PROJECT)
    assert site is not None, problems
    site = dataclasses.replace(site, config=site.config.with_base_url("https://you.github.io/huawei/"))
    paths = write_all(tmp_path / "feeds", list(feeds.files(site)))
    assert len(paths) == 1 + sum(1 for ids in site.entity_events.values() if ids) + 1  # and updates.xml
    assert_valid("atom.rnc", paths)


def test_sitemap_is_valid_and_lists_every_html_page(make_site: MakeSite, tmp_path: Path) -> None:
    root, site = built(make_site, EVENTS, write=True)
    pages = sorted(p.relative_to(root / "output").as_posix() for p in (root / "output").rglob("*.html") if not noindex(p))
    assert len(pages) == 1 + 4 + 1 + 2 + 1 + 3 + 1  # timeline, events, entity index, entities, tag index, tags, corrections
    paths = write_all(tmp_path / "sitemap", sitemap.files(site))
    assert [p.name for p in paths] == ["sitemap.xml", "robots.txt"]
    assert_valid("sitemap.rnc", paths[:1])
    urls = etree.parse(str(paths[0])).getroot()
    locs = [u.findtext(f"{SITEMAP}loc") for u in urls]
    assert sorted(locs) == sorted(BASE + re.sub(r"(^|/)index\.html$", r"\1", p) for p in pages)
    lastmods = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urls}
    assert lastmods[BASE + "events/2019-05-16-entity-list/"] == "2019-05-16"
    assert lastmods[BASE + "events/2019-05-licence/"] is None  # a month is no date of change
    assert lastmods[BASE + "events/2018-ban/"] == "2020-02-01"  # extra.updated
    assert lastmods[BASE] is None
    assert paths[1].read_text(encoding="utf-8") == f"User-agent: *\nDisallow:\n\nSitemap: {BASE}sitemap.xml\n"


def test_schemas_reject_planted_faults(make_site: MakeSite, tmp_path: Path) -> None:
    _, site = built(make_site, EVENTS)
    feed = list(feeds.files(site))[0].data.decode()
    map_xml = sitemap.files(site)[0].data.decode()
    faults = {
        "no-updated.xml": re.sub(r"(<entry>.*?)<updated>[^<]*</updated>", r"\1", feed, count=1, flags=re.S),
        "no-timezone.xml": feed.replace("T00:00:00Z</updated>", "T00:00:00</updated>", 1),
        "relative-id.xml": feed.replace("<id>tag:", "<id>", 1),
    }
    for name, text in faults.items():
        assert text != feed, name
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert_invalid("atom.rnc", tmp_path / "no-updated.xml", 'missing required element "updated"')
    assert_invalid("atom.rnc", tmp_path / "no-timezone.xml", 'element "updated" invalid')
    assert_invalid("atom.rnc", tmp_path / "relative-id.xml", 'element "id" invalid')
    bad_map = tmp_path / "bad-lastmod.xml"
    bad_map.write_text(map_xml.replace("<lastmod>2019-05-16</lastmod>", "<lastmod>01/01/2024</lastmod>"), encoding="utf-8")
    assert "01/01/2024" in bad_map.read_text(encoding="utf-8")
    assert_invalid("sitemap.rnc", bad_map, 'element "lastmod" invalid')


def test_entry_ids_are_permanent_tag_uris(make_site: MakeSite) -> None:
    _, site = built(make_site, EVENTS)
    ids = [e.findtext(f"{ATOM}id") for e in feed_of(list(feeds.files(site))).iter(f"{ATOM}entry")]
    assert "tag:example.org,2026:repo/event/2019-05-16-entity-list" in ids
    retitled = {**EVENTS, "content/events/2019-05-16-entity-list.md": LISTING.replace("Commerce adds", "US adds")}
    _, site2 = built(make_site, retitled)
    feed2 = feed_of(list(feeds.files(site2)))
    assert [e.findtext(f"{ATOM}id") for e in feed2.iter(f"{ATOM}entry")] == ids
    assert any(t.startswith("US adds") for t in (e.findtext(f"{ATOM}title") or "" for e in feed2.iter(f"{ATOM}entry")))


def test_feeds_are_byte_identical_across_calls_and_builds(make_site: MakeSite) -> None:
    _, site = built(make_site, EVENTS)
    first = list(feeds.files(site)) + sitemap.files(site)
    assert first == list(feeds.files(site)) + sitemap.files(site)
    _, again = built(make_site, EVENTS)
    assert first == list(feeds.files(again)) + sitemap.files(again)


def test_links_are_absolute_under_base_url(make_site: MakeSite) -> None:
    _, site = built(make_site, EVENTS)
    feed = feed_of(list(feeds.files(site)), "entities/huawei/feed.xml")
    assert feed.findtext(f"{ATOM}id") == BASE + "entities/huawei/feed.xml"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": BASE + "entities/huawei/feed.xml", "alternate": BASE + "entities/huawei/"}
    assert feed_of(list(feeds.files(site))).find(f"{ATOM}link[@rel='alternate']").get("href") == BASE
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")] + [c.get("scheme") for c in feed.iter(f"{ATOM}category")]
    assert hrefs and all(h and h.startswith(BASE) for h in hrefs)
    entry_links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert entry_links == [BASE + "events/2019-05-16-entity-list/", BASE + "events/2019-05-licence/", BASE + "events/2018-ban/"]


def test_entry_content_dates_and_categories(make_site: MakeSite) -> None:
    _, site = built(make_site, EVENTS)
    feed = feed_of(list(feeds.files(site)))
    entries = {e.findtext(f"{ATOM}id", "").rsplit("/", 1)[1]: e for e in feed.iter(f"{ATOM}entry")}
    listing = entries["2019-05-16-entity-list"]
    assert listing.findtext(f"{ATOM}title") == "Commerce adds Huawei & 68 affiliates to the <Entity List>"
    assert listing.findtext(f"{ATOM}updated") == "2019-05-16T00:00:00Z"
    assert listing.findtext(f"{ATOM}summary") == "The listing, in one line."
    content = listing.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html" and content.text == site.event("2019-05-16-entity-list").body_html
    assert content.get("{http://www.w3.org/XML/1998/namespace}base") == BASE + "events/2019-05-16-entity-list/"
    categories = [(c.get("term"), c.get("label")) for c in listing.iter(f"{ATOM}category")]
    assert categories == [("export-controls", "Export controls"), ("entity-list", "entity-list")]
    assert listing.findtext(f"{ATOM}author/{ATOM}name") == "Test timeline"
    assert entries["2019-05-licence"].findtext(f"{ATOM}updated") == "2019-05-01T00:00:00Z"
    assert entries["2018-ban"].findtext(f"{ATOM}updated") == "2020-02-01T00:00:00Z"  # the later extra.updated wins
    assert feed.findtext(f"{ATOM}updated") == "2020-02-01T00:00:00Z"


def test_extra_updated_earlier_or_malformed_is_ignored(make_site: MakeSite) -> None:
    files = {
        "content/events/a.md": event("A", "2019-05-16", "extra:\n  updated: 2019-01-01\n"),
        "content/events/b.md": event("B", "2019-06", "extra:\n  updated: next week\n"),
        "content/events/c.md": event("C", "2019-07", "extra:\n  updated: '2019-07-02T10:30:00+02:00'\n"),
    }
    _, site = built(make_site, files)
    feed = feed_of(list(feeds.files(site)))
    assert [e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")] == ["2019-07-02T08:30:00Z", "2019-06-01T00:00:00Z", "2019-05-16T00:00:00Z"]


def test_feeds_are_newest_first_and_capped(make_site: MakeSite) -> None:
    many = {f"content/events/e{n:02d}.md": event(f"Event {n}", f"2019-{1 + n // 28:02d}-{1 + n % 28:02d}", "entities: [Huawei]\n") for n in range(55)}
    _, site = built(make_site, many)
    outputs = list(feeds.files(site))
    site_ids = [e.findtext(f"{ATOM}id", "").rsplit("/", 1)[1] for e in feed_of(outputs).iter(f"{ATOM}entry")]
    assert site_ids == [f"e{n:02d}" for n in range(54, 4, -1)]  # the site's newest 50
    entity_ids = [e.findtext(f"{ATOM}id", "").rsplit("/", 1)[1] for e in feed_of(outputs, "entities/huawei/feed.xml").iter(f"{ATOM}entry")]
    assert entity_ids == site_ids[:20]  # an entity's newest 20
    assert [o.path for o in outputs] == ["feed.xml", "entities/huawei/feed.xml", "updates.xml"]  # commerce has no events, no feed


def test_path_only_base_url_makes_no_feed_and_no_sitemap_but_robots(make_site: MakeSite) -> None:
    _, site = built(make_site, {"content/site.yaml": "title: T\nbase_url: /repo/\n", **EVENTS})
    assert site.config.public_url is None
    assert list(feeds.files(site)) == [] and [f.path for f in sitemap.files(site)] == ["robots.txt"]
    assert site.config.with_base_url("http://localhost:8000").public_url == "http://localhost:8000/"


def test_characters_xml_forbids_are_dropped(make_site: MakeSite) -> None:
    _, site = built(make_site, {"content/events/a.md": event(body="Body \x0b with \x01 control.")})
    assert "\x0b" in site.events[0].body_html  # Markdown lets it through; XML 1.0 may not carry it
    content = feed_of(list(feeds.files(site))).find(f"{ATOM}entry/{ATOM}content")
    assert content is not None and content.text == "<p>Body  with  control.</p>\n"


def test_dates_before_the_year_1000_keep_four_digit_years(make_site: MakeSite) -> None:
    files = {
        "content/events/a.md": event("A", "0005-01-02"),
        "content/events/b.md": event("B", "0800", "extra:\n  updated: '0900-03-04T05:06:07+01:00'\n"),
        "content/events/c.md": event("C", "9998-12"),
    }
    _, site = built(make_site, files)
    feed = feed_of(list(feeds.files(site)))
    stamps = [e.text or "" for e in feed.iter(f"{ATOM}updated", f"{ATOM}published")]
    assert len(stamps) == 7 and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s) for s in stamps), stamps
    assert "0005-01-02T00:00:00Z" in stamps and "0900-03-04T04:06:07Z" in stamps
