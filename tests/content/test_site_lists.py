"""The site model's lists of an entity's and a tag's events: timeline order, and nothing for an unknown id."""

from __future__ import annotations

from conftest import MakeSite, event
from generator.content.assemble import load_site


def test_an_entity_s_and_a_tag_s_events_come_in_timeline_order(make_site: MakeSite) -> None:
    files = {
        "content/events/late.md": event("Late", "2021-03-01", "entities: [Huawei]\ntags: [chips]\n"),
        "content/events/early.md": event("Early", "2019-05-16", "entities: [Huawei]\ntags: [chips, trade]\n"),
        "content/events/middle.md": event("Middle", "2020-05", "tags: [chips]\n"),
    }
    site, problems = load_site(make_site(files))
    assert site is not None, problems
    assert [e.id for e in site.events_of("huawei")] == ["early", "late"]
    assert [e.id for e in site.events_tagged("chips")] == ["early", "middle", "late"]
    assert [e.id for e in site.events_tagged("trade")] == ["early"]
    assert site.events_tagged("no-such-tag") == () and site.events_of("no-such-entity") == ()
