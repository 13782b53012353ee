"""Corrections and updates as readers meet them: the event, the timeline, the corrections page, updates.xml and JSON-LD."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from conftest import MakeSite, built_output, event, json_ld, require_tool

SCHEMAS = Path(__file__).parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/repo/"

CORRECTED = """\
updates:
  - date: 2019-06-01
    kind: update
    text: Huawei said it would challenge the listing.
  - date: 2020-01-10
    kind: correction
    text: The listing named 68 affiliates, not 70 <as first said>.
"""
UPDATED = "updates:\n  - {date: 2019-09-02, kind: update, text: Licences were extended.}\n"

FILES: dict[str, str | bytes] = {
    "content/events/listing.md": event("The listing", "2019-05-16", CORRECTED),
    "content/events/licence.md": event("The licence", "2019-05-20", UPDATED),
    "content/events/plain.md": event("Plain", "2019-05-21"),
}


def built(make_site: MakeSite, files: dict[str, str | bytes] = FILES) -> Path:
    return built_output(make_site, files)


def test_the_event_page_lists_updates_newest_first_and_names_the_last_beside_the_title(make_site: MakeSite) -> None:
    html = (built(make_site) / "events/listing/index.html").read_text()
    assert re.search(r'<h1>The listing</h1>\s*<p class="revision-note">Corrected <time datetime="2020-01-10">10 January 2020</time></p>', html)
    section = html[html.index('<section class="updates-section"'):]
    items = re.findall(r"<li class=\"update-(\w+)\"><strong>(\w+)</strong> <time[^>]*>([^<]*)</time>: ([^<]*)</li>", section)
    assert items == [
        ("correction", "Corrected", "10 January 2020", "The listing named 68 affiliates, not 70 &lt;as first said&gt;."),
        ("update", "Updated", "1 June 2019", "Huawei said it would challenge the listing."),
    ]
    assert "revision-note" not in (built(make_site) / "events/plain/index.html").read_text()


def test_the_timeline_says_corrected_or_updated_beside_the_title(make_site: MakeSite) -> None:
    html = (built(make_site) / "index.html").read_text()
    items = re.split(r'<li class="event', html)[1:]
    notes = [(re.findall(r'id="(\w+)"', item)[0], note) for item in items for note in re.findall(r'<p class="revision-note">(\w+) <time', item)]
    assert ("listing", "Corrected") in notes and ("licence", "Updated") in notes and len(notes) == 2


def test_the_corrections_page_lists_corrections_only_and_every_page_links_it(make_site: MakeSite) -> None:
    output = built(make_site)
    page = (output / "corrections/index.html").read_text()
    assert page.count("<li><time") == 1
    assert '<a href="../events/listing/">The listing</a> (16 May 2019). The listing named 68 affiliates' in page
    assert "Licences were extended" not in page
    assert '<a href="../updates.xml">' in page
    assert '<link rel="alternate" type="application/atom+xml" title="Corrections and updates · Test timeline" href="../updates.xml">' in page
    for path in ("index.html", "events/plain/index.html", "tags/index.html"):
        assert ">Corrections</a></p>\n</footer>" in (output / path).read_text()


def test_no_corrections_says_so(make_site: MakeSite) -> None:
    page = (built(make_site, {"content/events/plain.md": event("Plain")}) / "corrections/index.html").read_text()
    assert "No corrections so far." in page


def test_updates_feed_is_valid_atom_newest_first_with_stable_ids(make_site: MakeSite) -> None:
    path = built(make_site) / "updates.xml"
    validator = etree.RelaxNG.from_rnc_string((SCHEMAS / "atom.rnc").read_text(encoding="utf-8"))
    assert validator.validate(etree.parse(str(path))), validator.error_log
    run = subprocess.run([require_tool("jing"), "-c", str(SCHEMAS / "atom.rnc"), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    feed = etree.parse(str(path)).getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Corrected: The listing", "Updated: The licence", "Updated: The listing"]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2020-01-10T00:00:00Z", "2019-09-02T00:00:00Z", "2019-06-01T00:00:00Z"]
    assert entries[0].findtext(f"{ATOM}id") == "tag:example.org,2026:repo/event/listing/update/2020-01-10-correction-1"
    assert entries[0].find(f"{ATOM}link").get("href") == BASE + "events/listing/"
    assert feed.findtext(f"{ATOM}updated") == "2020-01-10T00:00:00Z"
    site_feed = etree.parse(str(path.parent / "feed.xml")).getroot()
    listing = next(e for e in site_feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "The listing")
    assert listing.findtext(f"{ATOM}updated") == "2020-01-10T00:00:00Z"


def test_json_ld_carries_date_modified_and_corrections(make_site: MakeSite) -> None:
    output = built(make_site)
    listing = json_ld((output / "events/listing/index.html").read_text())
    assert listing["dateModified"] == "2020-01-10"
    text = "The listing named 68 affiliates, not 70 <as first said>."
    assert listing["correction"] == [{"@type": "CorrectionComment", "text": text, "datePublished": "2020-01-10"}]
    licence = json_ld((output / "events/licence/index.html").read_text())
    assert licence["dateModified"] == "2019-09-02" and "correction" not in licence
    assert "dateModified" not in json_ld((output / "events/plain/index.html").read_text())
