"""The source checks: each rule, its file:line message, warnings by default and errors under strict_sources."""

from __future__ import annotations

import pytest

from conftest import MakeSite, event, messages
from generator.build.pipeline import build
from generator.cli import main

E = "content/events/e.md"
URL6 = f"{E}:6: warning: sources[0].url: "
DATE7 = f"{E}:7: warning: sources[0].date: "
HTTPS_SITE = "title: T\nbase_url: https://example.org/repo/\n"


def src(url: str, name: str = "Wire", date: str | None = None, more: str = "") -> str:
    lines = f"sources:\n  - name: {name}\n    url: {url}\n"
    return lines + (f"    date: {date}\n" if date else "") + more


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (src("http://localhost:8000/draft"), f"{URL6}'http://localhost:8000/draft' points at this computer (localhost)"),
        (src("https://192.168.1.20/story"), f"{URL6}'https://192.168.1.20/story' uses an IP address (192.168.1.20)"),
        (src("https://[2001:db8::1]/story"), f"{URL6}'https://[2001:db8::1]/story' uses an IP address (2001:db8::1)"),
        (src("https://staging.news.example/a"), f"{URL6}'https://staging.news.example/a' is a test server (staging.news.example)"),
        (src("https://dev.news.example/a"), f"{URL6}'https://dev.news.example/a' is a test server"),
        (src("https://preview.news.example/a"), f"{URL6}'https://preview.news.example/a' is a test server"),
        (src("https://news.example/a?id=3&utm_source=x&fbclid=y"), f"{URL6}'https://news.example/a?id=3&utm_source=x&fbclid=y' carries tracking"),
        (src("https://news.example/a?gclid=1"), f"{URL6}'https://news.example/a?gclid=1' carries tracking parameters (gclid)"),
        (src("http://news.example/a"), f"{URL6}'http://news.example/a' is plain http on an https site"),
        (src("https://news.example/a", more="    archive: http://127.0.0.1/copy\n"), f"{E}:7: warning: sources[0].archive: 'http://127.0.0.1/copy' uses an IP"),
        (src("https://news.example/a", date="2019-05-15"), f"{DATE7}dated 2019-05-15, before the event (2019-05-16): a report cannot predate"),
        (src("https://news.example/a", date="2020-06-01"), f"{DATE7}dated 2020-06-01, 382 days after the event: more than source_span_days"),
        ("sources:\n  - url: https://news.example/a\n", f"{E}:5: warning: sources[0].name: no name: readers see only the address"),
    ],
)
def test_each_source_rule_warns_at_its_line(make_site: MakeSite, extra: str, expected: str) -> None:
    root = make_site({"content/site.yaml": HTTPS_SITE, E: event(extra=extra)})
    result = build(root, output=root / "output")
    assert result.ok
    found = messages(result)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_an_event_without_a_source_is_reported_once_the_site_cites_sources(make_site: MakeSite) -> None:
    sourced = make_site({E: event(), "content/events/f.md": event(extra=src("https://news.example/f"))})
    assert messages(build(sourced, write=False)) == [f"{E}:2: warning: sources: no source: say where this event is reported"]
    (sourced / "content/events/f.md").write_text(event())
    assert messages(build(sourced, write=False)) == []  # a site that keeps no sources gets no warning per event


def test_a_clean_source_passes_and_plain_http_is_fine_on_an_http_site(make_site: MakeSite) -> None:
    good = src("https://www.news.example/a?id=3", date="2019-05-17")
    root = make_site({"content/site.yaml": "title: T\nbase_url: http://example.org/\n", E: event(extra=good),
                      "content/events/f.md": event(extra=src("http://news.example/b", date="2019-05"))})
    result = build(root, output=root / "output")
    assert result.ok and messages(result) == []


def test_uncertain_dates_are_judged_by_their_bounds(make_site: MakeSite) -> None:
    files: dict[str, str | bytes] = {
        "content/events/a.md": event(date="2019~", extra=src("https://n.example/a", date="2019-01-02")),
        "content/events/b.md": event(date="../2019-05", extra=src("https://n.example/b", date="2001")),
        "content/events/c.md": event(date="2019-05/2019-08", extra=src("https://n.example/c", date="2020-08-30")),
        "content/events/d.md": event(date="2019-05", extra=src("https://n.example/d", date="2019-04")),
    }
    result = build(make_site(files), write=False)
    expected = "content/events/d.md:7: warning: sources[0].date: dated 2019-04, before the event (2019-05): a report cannot predate what it reports"
    assert messages(result) == [expected]


def test_the_same_url_on_two_events_lists_both_places(make_site: MakeSite) -> None:
    files: dict[str, str | bytes] = {
        E: event(extra=src("https://news.example/a")),
        "content/events/f.md": event(extra="sources:\n  - name: X\n    url: https://other.example/\n  - name: Y\n    url: https://NEWS.example/a#top\n"),
    }
    result = build(make_site(files), write=False)
    assert messages(result) == [
        f"{URL6}the same source URL is cited by content/events/f.md:8; check it is not a copy-paste slip",
        "content/events/f.md:8: warning: sources[1].url: the same source URL is cited by content/events/e.md:6; check it is not a copy-paste slip",
    ]


def test_a_note_answers_the_date_and_same_url_rules_and_is_shown(make_site: MakeSite) -> None:
    note = "    note: a preview published the day before\n"
    files: dict[str, str | bytes] = {
        E: event(extra=src("https://news.example/a", date="2019-05-15", more=note)),
        "content/events/f.md": event(extra=src("https://news.example/a", more="    note: covers both events\n")),
    }
    root = make_site(files)
    result = build(root, output=root / "output")
    assert messages(result) == []
    page = (root / "output/events/e/index.html").read_text()
    assert '<span class="source-note">(a preview published the day before)</span>' in page


def test_strict_sources_makes_them_errors_and_keeps_the_output(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": HTTPS_SITE + "strict_sources: true\n", E: event(extra=src("https://news.example/a?utm_medium=x"))})
    result = build(root, output=root / "output")
    assert not result.ok and not (root / "output").exists()
    assert messages(result) == [f"{E}:6: sources[0].url: 'https://news.example/a?utm_medium=x' carries tracking parameters (utm_medium); remove them"]


def test_check_strict_fails_on_source_warnings(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site({E: event(), "content/events/f.md": event(extra=src("https://news.example/f"))})
    assert main(["check", "--root", str(root)]) == 0
    assert main(["check", "--root", str(root), "--strict"]) == 1
    err = capsys.readouterr().err
    assert f"{E}:2: warning: sources: no source" in err and "failed: 1 error(s), 0 warning(s)" in err


def test_archive_is_shown_as_archived_and_exported(make_site: MakeSite) -> None:
    archive = "https://web.archive.org/web/20190516000000/https://news.example/a"
    root = make_site({E: event(extra=src("https://news.example/a", more=f"    archive: {archive}\n"))})
    result = build(root, output=root / "output")
    assert result.ok and messages(result) == []
    page = (root / "output/events/e/index.html").read_text()
    assert f'(<a class="archived" href="{archive}" rel="external noopener">archived</a>)' in page
    assert f'"archive": "{archive}"' in (root / "output/events.json").read_text()


def test_source_span_days_is_a_setting(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": HTTPS_SITE + "source_span_days: 0\n", E: event(extra=src("https://n.example/a", date="2030"))})
    assert messages(build(root, write=False)) == []
    bad = make_site({"content/site.yaml": "title: T\nsource_span_days: -3\n", E: event()})
    assert messages(build(bad, write=False)) == ["content/site.yaml:2: source_span_days: expected a whole number, 0 or more, got -3"]
