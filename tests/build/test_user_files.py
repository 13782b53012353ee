"""Publishing: the user's files in the output survive every build, no symlink in it is followed, leftovers go, odd output paths are refused."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, MakeSite, event, messages, snapshot
from generator.build.output import MARKER, TEMPORARY_MARKER
from generator.build.pipeline import build


def state(folder: Path) -> dict[str, object]:
    """Everything under ``folder``, symlinks as links (never followed): to show that nothing at all changed."""
    found: dict[str, object] = {}
    for parent, dirs, names in os.walk(folder):
        for name in sorted(dirs + names):
            path = Path(parent) / name
            key = path.relative_to(folder).as_posix()
            found[key] = ("link", os.readlink(path)) if path.is_symlink() else "folder" if path.is_dir() else path.read_bytes()
    return found


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=PROJECT, timeout=120)


@pytest.mark.parametrize("rebuild", ["unchanged", "edited", "new title (changed salt)", "no cache", "no cache then cache"])
def test_a_file_the_user_put_in_the_output_survives_every_kind_of_build(make_site: MakeSite, rebuild: str) -> None:
    root = make_site({"content/events/a.md": event(), "content/events/b.md": event("B")})
    assert build(root).ok
    out = root / "output"
    (out / "mine.txt").write_text("mine")
    (out / "events/notes").mkdir()
    (out / "events/notes/n.txt").write_text("notes")
    (out / "linked").symlink_to("/nonexistent/target")
    if rebuild == "edited":
        (root / "content/events/a.md").write_text(event("Retitled"))
    if rebuild == "new title (changed salt)":
        (root / "content/site.yaml").write_text("title: Another title\nbase_url: https://example.org/repo/\n")
    result = build(root, use_cache=rebuild not in ("no cache", "no cache then cache"))
    assert result.ok, messages(result)
    if rebuild == "no cache then cache":
        assert build(root).ok
    assert (out / "mine.txt").read_text() == "mine"
    assert (out / "events/notes/n.txt").read_text() == "notes"
    assert os.readlink(out / "linked") == "/nonexistent/target"
    assert sorted(p.name for p in root.iterdir()) == ["content", "output"]


def test_a_user_file_in_the_way_of_a_page_stops_the_build_and_is_kept(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok
    (root / "output/events/b").mkdir()
    (root / "output/events/b/index.html").write_text("my own page")
    before = state(root / "output")
    (root / "content/events/b.md").write_text(event("B"))
    result = build(root)
    assert not result.ok
    assert messages(result) == [f"{root / 'output'}: cannot write output: files you put in {root / 'output'} are where this build writes its own: "
                                "events/b/index.html; move them, and the build will keep them wherever they do not clash"]
    assert state(root / "output") == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "output"]


def test_a_file_the_build_wrote_and_no_longer_makes_is_removed(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event(), "content/events/b.md": event("B")})
    assert build(root).ok
    (root / "content/events/b.md").unlink()
    (root / "content/site.yaml").write_text("title: Another title\nbase_url: https://example.org/repo/\n")
    assert build(root).ok
    assert not (root / "output/events/b").exists()


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_symlink_in_the_output_is_never_written_or_deleted_through(make_site: MakeSite, tmp_path: Path, use_cache: bool) -> None:
    root = make_site({"content/events/a.md": event(), "content/events/b.md": event("B")})
    assert build(root).ok
    outside = tmp_path / "outside"
    (root / "output/events").rename(outside)  # the user's folder, holding what looks like the build's pages
    (outside / "extra").mkdir()
    (outside / "extra/keep.txt").write_text("keep")
    (root / "output/events").symlink_to(outside)
    before = state(outside)
    (root / "content/events/b.md").unlink()
    (root / "content/events/a.md").write_text(event("Retitled"))
    result = build(root, use_cache=use_cache)
    assert result.ok, messages(result)
    assert state(outside) == before
    events = root / "output/events"
    assert events.is_dir() and not events.is_symlink()
    assert "Retitled" in (events / "a/index.html").read_text()
    assert not (events / "b").exists()


def test_leftovers_of_a_killed_build_are_removed_by_marker_and_nothing_else_is(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok
    (root / "content/events/b.md").write_text(event("B"))
    killed = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True, cwd=PROJECT,
                            timeout=120, env={**os.environ, "TIMELINE_FAULT_AFTER": "6", "TIMELINE_FAULT_MODE": "kill"})
    assert killed.returncode == -9
    left = [p for p in root.iterdir() if p.name.startswith(".output.staging-")]
    assert len(left) == 1 and (left[0] / TEMPORARY_MARKER).is_file()
    # a user's folder with the same kind of name but no marker, and one marked for another output
    (root / ".output.staging-mine").mkdir()
    (root / ".output.staging-mine/notes.txt").write_text("mine")
    other = root / ".output.staging-other"
    other.mkdir()
    (other / TEMPORARY_MARKER).write_text(f"A temporary folder of `timeline build` for {tmp_path / 'elsewhere'}; the next build into that folder removes it.\n")
    assert build(root).ok
    assert sorted(p.name for p in root.iterdir()) == [".output.staging-mine", ".output.staging-other", "content", "output"]
    assert (root / ".output.staging-mine/notes.txt").read_text() == "mine"
    assert (root / "output/events/b/index.html").is_file()


@pytest.mark.parametrize("case", ["loop", "chain", "dangling"])
def test_an_output_path_through_odd_symlinks_gives_a_message_not_a_traceback(make_site: MakeSite, tmp_path: Path, case: str) -> None:
    root = make_site({"content/events/a.md": event()})
    link = tmp_path / "link"
    if case == "loop":
        link.symlink_to(link)
    elif case == "chain":
        (tmp_path / "real").mkdir()
        (tmp_path / "middle").symlink_to(tmp_path / "real")
        link.symlink_to(tmp_path / "middle")
    else:
        link.symlink_to(tmp_path / "missing")
    run = cli("build", "--root", str(root), "--output", str(link))
    assert "Traceback" not in run.stderr
    if case == "chain":  # a chain of links to a real folder builds into that folder, and the links stay
        assert run.returncode == 0, run.stderr
        assert (tmp_path / "real" / MARKER).is_file() and link.is_symlink() and (tmp_path / "middle").is_symlink()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "middle", "real", "site"]
        return
    assert run.returncode == 1
    expected = {"loop": f"{link}: cannot write output: cannot use {link} as the output folder: a symlink loop",
                "dangling": f"{link}: cannot write output: refusing to build into {link}: it is a symlink to {tmp_path / 'missing'}, "
                            "which does not exist; make that folder first"}[case]
    assert run.stderr.splitlines()[0] == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "site"]


def test_the_output_is_a_real_folder_others_can_read(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok and build(root).ok
    out = root / "output"
    assert out.is_dir() and not out.is_symlink()
    assert out.stat().st_mode & 0o755 == 0o755
    assert snapshot(out)


def test_a_build_never_writes_into_a_file_of_the_previous_output(make_site: MakeSite, tmp_path: Path) -> None:
    """Unchanged files are hard-linked across, so each must be written new, never in place: the old output's files keep their bytes."""
    root = make_site({"content/events/a.md": event(), "content/events/b.md": event("B")})
    assert build(root).ok
    held = tmp_path / "held"
    held.mkdir()
    before = snapshot(root / "output", page_cache=True)
    for number, path in enumerate(before):
        os.link(root / "output" / path, held / str(number))  # another name for the very file the old output holds
    (root / "content/events/a.md").write_text(event("Retitled"))
    assert build(root).ok
    assert {path: (held / str(number)).read_bytes() for number, path in enumerate(before)} == before
    after = root / "output"
    assert "Retitled" in (after / "events/a/index.html").read_text()
    kept = [p for p in before if (after / p).exists() and (after / p).stat().st_ino == (held / str(list(before).index(p))).stat().st_ino]
    assert "404.html" in kept and "events/a/index.html" not in kept


def test_a_temporary_folder_a_running_build_holds_is_left_alone(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok
    running = root / ".output.staging-running"
    running.mkdir()
    marker = running / TEMPORARY_MARKER
    marker.write_text(f"A temporary folder of `timeline build` for {root / 'output'}; the next build into that folder removes it.\n")
    with marker.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert build(root).ok
        assert marker.is_file()
    assert build(root).ok
    assert sorted(p.name for p in root.iterdir()) == ["content", "output"]


def test_an_unchanged_site_is_not_swapped_at_all_and_an_edited_one_is(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok
    (root / "output/mine.txt").write_text("mine")
    folder = (root / "output").stat().st_ino
    assert build(root).ok
    assert (root / "output").stat().st_ino == folder  # the output already was the new site: nothing to swap
    (root / "content/events/a.md").write_text(event("Retitled"))
    assert build(root).ok
    assert (root / "output").stat().st_ino != folder
    assert (root / "output/mine.txt").read_text() == "mine"
    assert sorted(p.name for p in root.iterdir()) == ["content", "output"]
