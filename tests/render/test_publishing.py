"""GitHub Pages files, page metadata and the Pages workflow."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import yaml

from conftest import PROJECT, MakeSite, event, json_ld, messages
from generator.build.pipeline import build

SITE = "title: T\nbase_url: https://user.github.io/repo/\nlanguage: en-GB\n"
EVENT = event("Listed", "2019-05-16", "entities: [Huawei, Ren Zhengfei]\ntags: [export-controls]\nsources:\n  - {name: R, url: 'https://r.example/a'}\n")
HUAWEI = "---\nname: Huawei\nkind: company\nwikidata: Q160120\naliases: [Huawei Technologies]\n---\nA Shenzhen company.\n\nMore.\n"


def out(root: Path, path: str) -> str:
    return (root / "output" / path).read_text(encoding="utf-8")


def test_github_pages_files(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": SITE + "cname: Timeline.Example.org\n", "content/events/a.md": EVENT})
    assert build(root).ok
    assert (root / "output/.nojekyll").read_bytes() == b""
    assert out(root, "CNAME") == "timeline.example.org\n"
    assert out(root, "robots.txt").endswith("Sitemap: https://user.github.io/repo/sitemap.xml\n")
    root = make_site({"content/site.yaml": SITE, "content/events/a.md": EVENT})
    assert build(root).ok and not (root / "output/CNAME").exists()


def test_a_bad_domain_is_refused(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": SITE + "cname: https://x.org/\n"})
    assert "content/site.yaml:4: cname: expected a domain name such as timeline.example.org, got 'https://x.org/'" in messages(build(root))


def test_404_links_work_from_any_depth(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": SITE, "content/events/a.md": EVENT})
    assert build(root).ok
    page = out(root, "404.html")
    links = [link for link in re.findall(r'(?:href|src)="([^"]+)"', page) if not link.startswith("#")]
    assert links and all(link.startswith("/repo/") for link in links)
    for depth in ["https://user.github.io/repo/missing", "https://user.github.io/repo/a/b/c/missing/"]:
        for link in links:
            path = urljoin(depth, link).removeprefix("https://user.github.io/repo/")
            target = root / "output" / path
            assert target.is_file() or (target / "index.html").is_file(), (depth, link)
    assert '<meta name="robots" content="noindex">' in page


def test_event_pages_carry_canonical_opengraph_and_newsarticle(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": SITE, "content/events/a.md": EVENT, "content/entities/huawei.md": HUAWEI})
    assert build(root).ok
    html = out(root, "events/a/index.html")
    assert '<html lang="en-GB">' in html
    assert '<link rel="canonical" href="https://user.github.io/repo/events/a/">' in html
    assert '<meta property="og:type" content="article">' in html and '<meta property="og:title" content="Listed">' in html
    assert '<meta property="og:url" content="https://user.github.io/repo/events/a/">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html  # with its share card
    data = json_ld(html)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Listed" and data["temporalCoverage"] == "2019-05-16"
    assert data["about"] == [
        {"@type": "Corporation", "name": "Huawei", "url": "https://user.github.io/repo/entities/huawei/", "sameAs": "https://www.wikidata.org/wiki/Q160120"},
        {"@type": "Thing", "name": "Ren Zhengfei", "url": "https://user.github.io/repo/entities/ren-zhengfei/"},
    ]
    assert data["citation"] == ["https://r.example/a"]


def test_entity_pages_describe_the_entity(make_site: MakeSite) -> None:
    person = "---\nname: Ren Zhengfei\nkind: person\n---\nFounder of Huawei.\n"
    root = make_site({"content/site.yaml": SITE, "content/events/a.md": EVENT, "content/entities/huawei.md": HUAWEI, "content/entities/ren.md": person})
    assert build(root).ok
    data = json_ld(out(root, "entities/huawei/index.html"))
    assert data["@type"] == "Corporation" and data["description"] == "A Shenzhen company." and data["alternateName"] == ["Huawei Technologies"]
    assert json_ld(out(root, "entities/ren/index.html"))["@type"] == "Person"
    assert '<meta property="og:type" content="profile">' in out(root, "entities/ren/index.html")
    assert json_ld(out(root, "index.html"))["@type"] == "WebSite"


def test_json_ld_cannot_break_out_of_its_script(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": SITE, "content/events/a.md": event("</script><script>alert(1)</script>", "2019")})
    assert build(root).ok
    html = out(root, "events/a/index.html")
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"] == "</script><script>alert(1)</script>"


def test_the_pages_workflow_builds_for_the_repository_address_and_deploys() -> None:
    workflow = yaml.safe_load((PROJECT / ".github/workflows/pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps] + [s.get("uses", "").split("@")[0] for s in workflow["jobs"]["deploy"]["steps"]]
    assert {"actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    runs = " ".join(s.get("run", "") for s in steps)
    assert 'timeline build --strict --no-cache --base-url "$PAGES_BASE_URL/"' in runs
    build_step = next(s for s in steps if "timeline build" in s.get("run", ""))
    assert build_step["env"] == {"PAGES_BASE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))["with"]["path"] == "output"
