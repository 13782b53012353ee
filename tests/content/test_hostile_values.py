"""Values that once escaped as tracebacks: each is now ``file:line: key: message``, exit 1, the old output kept.

The command runs in this process through :func:`generator.cli.main`, so an
exception that escapes fails the test with its traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, MakeSite, event, snapshot
from generator import cli
from generator.cli import main

E = "content/events/e.md"
HUGE = "9" * 5000
SITE = "title: Test timeline\nbase_url: https://example.org/repo/\n"


def fails(make_site: MakeSite, capsys: pytest.CaptureFixture[str], files: dict[str, str | bytes], *expected: str) -> list[str]:
    """Build a good site, write ``files`` over it, build again: exit 1, each expected line printed, the output unchanged."""
    root = make_site({"content/events/good.md": event("Good event")})
    assert main(["build", "--root", str(root)]) == 0
    before = snapshot(root / "output")
    capsys.readouterr()
    make_site(files)
    assert main(["build", "--root", str(root)]) == 1
    printed = capsys.readouterr().err.splitlines()
    for line in expected:
        assert line in printed, printed
    assert printed[-1].startswith("failed: ")
    assert snapshot(root / "output") == before
    return printed


# --- YAML that the constructor could not turn into a value -----------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (f"extra:\n  n: {HUGE}\n", f"{E}:5: YAML: an integer of 5000 digits: at most 4300 are allowed (quote it to keep it as text)"),
        (f"extra:\n  deep: [1, [2, {{k: -{HUGE}}}]]\n", f"{E}:5: YAML: an integer of 5000 digits: at most 4300 are allowed (quote it to keep it as text)"),
        (f"extra:\n  ? {HUGE}\n  : key\n", f"{E}:5: YAML: an integer of 5000 digits: at most 4300 are allowed (quote it to keep it as text)"),
        ("extra:\n  x: !!int abc\n", f"{E}:5: YAML: cannot read 'abc' as !!int"),
        ("extra:\n  x: !!float abc\n", f"{E}:5: YAML: cannot read 'abc' as !!float"),
        ("extra:\n  x: !!bool maybe\n", f"{E}:5: YAML: cannot read 'maybe' as !!bool"),
        ("extra:\n  x: !!timestamp soon\n", f"{E}:5: YAML: cannot read 'soon' as !!timestamp"),
        ("extra:\n  x: !!timestamp 2019-02-30\n", f"{E}:5: YAML: cannot read '2019-02-30' as !!timestamp"),
    ],
    ids=["huge-int", "huge-int-nested", "huge-int-key", "int-tag", "float-tag", "bool-tag", "timestamp-tag", "impossible-timestamp"],
)
def test_a_value_yaml_cannot_construct_is_a_problem_on_its_line(make_site: MakeSite, capsys: pytest.CaptureFixture[str], front: str, expected: str) -> None:
    fails(make_site, capsys, {E: event(extra=front)}, expected)


def test_a_huge_integer_in_site_yaml_or_an_entity_is_a_problem_on_its_line(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    message = "YAML: an integer of 5000 digits: at most 4300 are allowed (quote it to keep it as text)"
    fails(make_site, capsys, {"content/site.yaml": SITE + f"description: {HUGE}\n"}, f"content/site.yaml:3: {message}")
    entity = f"---\nname: ZTE\nkind: company\nextra: {{n: {HUGE}}}\n---\nA company.\n"
    fails(make_site, capsys, {"content/entities/zte.md": entity}, f"content/entities/zte.md:4: {message}")


# --- extra.updated that no calendar can hold in UTC ------------------------------------------------


@pytest.mark.parametrize("moment", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00"])
def test_an_extra_updated_outside_the_calendar_in_utc_is_a_problem(make_site: MakeSite, capsys: pytest.CaptureFixture[str], moment: str) -> None:
    expected = f"{E}:5: extra.updated: {moment!r} is outside the years 1 to 9999 once moved to UTC"
    fails(make_site, capsys, {E: event(extra=f'extra:\n  updated: "{moment}"\n')}, expected)


# --- URLs that urllib cannot split -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://[::1", "Invalid IPv6 URL"), ("https://example.org:99999/", "Port out of range 0-65535"), ("https://example.org:x/", "bad port 'x'")],
)
def test_a_base_url_urllib_cannot_read_is_a_problem(make_site: MakeSite, capsys: pytest.CaptureFixture[str], url: str, reason: str) -> None:
    expected = f"content/site.yaml:2: base_url: not a usable URL ({reason}): {url!r}"
    fails(make_site, capsys, {"content/site.yaml": f'title: T\nbase_url: "{url}"\n'}, expected)


@pytest.mark.parametrize("kind", ["event", "entity"])
@pytest.mark.parametrize(("url", "reason"), [("https://[::1/x", "Invalid IPv6 URL"), ("https://example.org:70000/a", "Port out of range 0-65535")])
def test_a_source_or_link_url_urllib_cannot_read_is_a_problem(make_site: MakeSite, capsys: pytest.CaptureFixture[str], url: str, reason: str, kind: str) -> None:  # noqa: E501
    if kind == "event":
        source = f'sources:\n  - name: Wire\n    url: "{url}"\n'
        fails(make_site, capsys, {E: event(extra=source)}, f"{E}:6: sources[0].url: not a usable URL ({reason}): {url!r}")
    else:
        entity = f'---\nname: ZTE\nkind: company\nlinks:\n  - name: Home\n    url: "{url}"\n---\nA company.\n'
        fails(make_site, capsys, {"content/entities/zte.md": entity}, f"content/entities/zte.md:6: links[0].url: not a usable URL ({reason}): {url!r}")


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("url", ["http://[::1", "https://example.org:99999/", "javascript:alert(1)"])
def test_a_bad_base_url_option_is_a_command_line_error(make_site: MakeSite, capsys: pytest.CaptureFixture[str], command: str, url: str) -> None:
    root = make_site({"content/events/good.md": event()})
    with pytest.raises(SystemExit) as exit_:
        main([command, "--root", str(root), "--base-url", url])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--base-url" in err and "Traceback" not in err
    assert not (root / "output").exists()


# --- whole-file problems point at a line too -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", f"{E}:1: empty file"),
        (b"---\ntitle: x\n\x00\n", f"{E}:3: binary file: expected UTF-8 text"),
        (event().encode("utf-16"), f"{E}:1: UTF-16 text: save the file as UTF-8"),
    ],
    ids=["empty", "nul", "utf-16"],
)
def test_a_problem_with_the_whole_file_names_a_line(make_site: MakeSite, capsys: pytest.CaptureFixture[str], data: bytes, expected: str) -> None:
    fails(make_site, capsys, {E: data}, expected)


# --- the net under everything: an internal error is one line -------------------------------------


def test_an_internal_error_is_one_line_naming_it_a_bug(make_site: MakeSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site({"content/events/good.md": event()})

    def broken(*args: object, **kwargs: object) -> None:  # the fault injected: a bug deep in the build
        raise KeyError("no such\npage")

    monkeypatch.setattr(cli, "build", broken)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert err == "timeline: internal error, a bug in timeline (not in your content): KeyError: 'no such\\npage' (TIMELINE_DEBUG=1 shows where)\n"
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and "in broken" in err


def test_a_site_folder_whose_name_is_not_utf8_builds_and_prints(tmp_path: Path) -> None:
    root = Path(os.fsdecode(bytes(tmp_path) + b"/site-\xff"))
    for name, text in {"content/site.yaml": SITE, "content/events/e.md": event()}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}  # a terminal that takes UTF-8 only
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, env=env, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"built 1 events") and b"site-\\udcff" in done.stdout
    mine = Path(os.fsdecode(bytes(root) + b"/output/mine-\xfe.txt"))
    mine.write_bytes(b"the user's")
    (root / "content/events/e.md").write_text(event(title="Retitled"))
    again = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, env=env, cwd=PROJECT)
    assert again.returncode == 0, again.stderr
    assert mine.read_bytes() == b"the user's" and b"Retitled" in (root / "output/events/e/index.html").read_bytes()


def test_site_yaml_problems_found_after_reading_it_name_their_line(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    fails(make_site, capsys, {"content/site.yaml": SITE + "theme: nope\n"}, "content/site.yaml:3: theme: no theme folder themes/nope/")
    bare_path_and_a_broken_link = {"content/site.yaml": "title: T\nbase_url: /repo/\n", E: event(body="[x](event:missing)")}
    printed = fails(make_site, capsys, bare_path_and_a_broken_link)
    assert any(line.startswith("content/site.yaml:2: warning: base_url: /repo/ is only a path") for line in printed), printed
