"""Roles as published: entity pages grouped by role, the timeline's role filter and its data."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MakeSite, event, messages
from generator.build.pipeline import build

SITE = "title: T\nbase_url: https://example.org/\nroles:\n  actor: acted\n  target: was targeted\n"
FILES: dict[str, str | bytes] = {
    "content/site.yaml": SITE,
    "content/events/listing.md": event("Listing", "2019-05-16", "entities:\n  - {name: Commerce Department, role: actor}\n  - {name: Huawei, role: target}\n"),
    "content/events/lawsuit.md": event("Lawsuit", "2019-03-06", "entities:\n  - {name: Huawei, role: actor}\n  - Commerce Department\n"),
    "content/events/plain.md": event("Plain", "2019-06-01", "entities: [Huawei]\n"),
}


def built(make_site: MakeSite, files: dict[str, str | bytes] = FILES) -> Path:
    root = make_site(files)
    result = build(root, output=root / "output")
    assert result.ok and messages(result) == [], messages(result)
    return root / "output"


def test_the_entity_page_groups_its_events_by_role(make_site: MakeSite) -> None:
    page = (built(make_site) / "entities/huawei/index.html").read_text()
    section = page[page.index('<section class="roles"'):page.index("</section>", page.index('<section class="roles"'))]
    headings = re.findall(r'<h3 class="role-(\w+)">([^<]*)<span class="count">\((\d+)\)</span></h3>', section)
    assert headings == [("actor", "Huawei acted ", "1"), ("target", "Huawei was targeted ", "1")]
    assert section.index(">Lawsuit</a>") < section.index(">Listing</a>")
    assert "Plain" not in section  # no role given: only in the full list below
    assert ">Plain</a>" in page


def test_no_roles_no_section_and_no_filter(make_site: MakeSite) -> None:
    output = built(make_site, {"content/events/plain.md": event("Plain", "2019-06-01", "entities: [Huawei]\n")})
    assert 'class="roles"' not in (output / "entities/huawei/index.html").read_text()
    assert 'name="role"' not in (output / "index.html").read_text()


def test_the_timeline_offers_a_role_filter_and_carries_each_events_roles(make_site: MakeSite) -> None:
    html = (built(make_site) / "index.html").read_text()
    start = html.index('<select name="role">')
    assert re.findall(r'<option value="(\w*)">([^<]*)</option>', html[start:html.index("</select>", start)]) == [
        ("", "Any role"), ("actor", "Actor (acted)"), ("target", "Target (was targeted)"),
    ]
    roles = dict(re.findall(r'id="(\w+)"[^>]*?data-roles="([^"]*)"', html))
    assert roles == {"listing": "commerce:actor huawei:target", "lawsuit": "huawei:actor"}
