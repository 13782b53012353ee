"""Corrections and updates in front matter: the rules the check applies, each with file:line."""

from __future__ import annotations

from conftest import MakeSite, event, messages
from generator.build.pipeline import build
from generator.content.assemble import load_site

UPDATES = """\
updates:
  - date: 2019-06-01
    kind: update
    text: Huawei responded.
  - date: 2020-01-10
    kind: correction
    text: The listing named 68 affiliates, not 70.
  - date: 2019-07
    kind: update
    text: Licences announced.
"""


def test_updates_are_read_newest_first(make_site: MakeSite) -> None:
    site, problems = load_site(make_site({"content/events/e.md": event(extra=UPDATES)}))
    assert site is not None, problems
    updates = site.events[0].updates
    assert [(u.date.iso(), u.kind) for u in updates] == [("2020-01-10", "correction"), ("2019-07", "update"), ("2019-06-01", "update")]
    assert site.events[0].last_update == updates[0] and updates[0].verb == "Corrected" and updates[1].verb == "Updated"


BAD = """\
updates:
  - date: 2019-05-01
    kind: update
    text: Before the event.
  - date: 9000-01-01
    kind: correction
    text: From the future.
  - date: 2019-06-01
    kind: corection
    text: A typo in the kind.
  - date: 2019-06-02
    kind: update
"""


def test_bad_updates_are_errors_with_file_line_all_at_once(make_site: MakeSite) -> None:
    root = make_site({"content/events/e.md": event(extra=BAD)})
    result = build(root, output=root / "output")
    assert not result.ok
    assert sorted(messages(result)) == sorted([
        "content/events/e.md:5: updates[0].date: 2019-05-01 is before the event's date 2019-05-16",
        "content/events/e.md:8: updates[1].date: 9000-01-01 is in the future",
        "content/events/e.md:12: updates[2].kind: expected one of correction, update, got 'corection' (did you mean 'correction'?)",
        "content/events/e.md:14: updates[3].text: required",
    ])
    assert not (root / "output").exists()


def test_an_update_in_the_events_month_is_not_before_it(make_site: MakeSite) -> None:
    extra = "updates:\n  - {date: 2019-05, kind: update, text: Same month.}\n"
    site, problems = load_site(make_site({"content/events/e.md": event(extra=extra)}))
    assert site is not None and problems == [], problems


def test_an_event_known_only_by_its_end_takes_any_past_update(make_site: MakeSite) -> None:
    extra = "updates:\n  - {date: 2001-01-01, kind: correction, text: Long ago.}\n"
    site, problems = load_site(make_site({"content/events/e.md": event(date="../2019-05", extra=extra)}))
    assert site is not None and problems == [], problems
