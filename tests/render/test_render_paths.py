"""The shorter paths rendering takes: jinja2 calls and escaping, event list items made once for many pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import markupsafe
import pytest
from markupsafe import Markup

from conftest import MakeSite, event
from generator import urls
from generator.build.pipeline import Prepared, build, prepare
from generator.render import jinja
from generator.render.pages import ListItems, entity_pages, tag_pages
from generator.render.theme import Theme


class Shown:
    """A value with its own HTML form."""

    def __html__(self) -> str:
        return "<em>shown</em>"


VALUES = ['a<b & "c" \'d\'', "", "plain", "ünï · “code”", Markup("<b>kept</b>"), 42, 1.5, None, Shown()]


@pytest.fixture
def env(tmp_path: Path) -> jinja2.Environment:
    theme, _ = Theme.find(tmp_path, "default")
    return theme.environment()


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_templates_escape_every_value_as_markupsafe_does(env: jinja2.Environment, value: object) -> None:
    escaped = jinja.escape(value)
    assert isinstance(escaped, Markup) and escaped == markupsafe.escape(value)
    assert env.from_string("[{{ value }}]").render(value=value) == f"[{markupsafe.escape(value)}]"


def test_a_function_that_asks_for_the_context_still_gets_it(env: jinja2.Environment) -> None:
    env.globals["greet"] = jinja2.pass_context(lambda context, end: f"{context['name']}{end}")
    template = env.from_string("{{ greet('!') }}{% for n in [1, 2] %} {{ greet(n) }}{% endfor %}")
    assert template.render(name="Ada") == "Ada! Ada1 Ada2"


def test_plain_functions_methods_and_macros_are_called_with_their_arguments(env: jinja2.Environment) -> None:
    template = env.from_string(
        "{% macro twice(x, sep='-') %}{{ x }}{{ sep }}{{ x }}{% endmacro %}"
        "{{ join(['a', 'b']) }} {{ twice('y', sep='+') }}{% for word in words %} {{ word.upper() }}{% endfor %}"
    )
    assert template.render(join="/".join, words=["p", "q"]) == "a/b y+y P Q"


@pytest.fixture
def listed_site(make_site: MakeSite) -> Prepared:
    root = make_site({
        "content/events/a.md": event("A <first> & one", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [chips, trade]\n"),
        "content/events/b.md": event("Second", "2020-01-02", "entities: [Huawei]\ntags: [chips]\n"),
    })
    prepared = prepare(root)
    assert isinstance(prepared, Prepared)
    return prepared


def test_a_list_item_made_for_one_page_is_the_one_each_page_would_make(listed_site: Prepared) -> None:
    env, site = listed_site.env, listed_site.site
    shared = ListItems(env)
    tags = [tag_pages(env, site, tag, shared) for tag in site.tags]
    entities = [entity_pages(env, site, entity, shared) for entity in site.entities.values()]
    assert tags == [tag_pages(env, site, tag, ListItems(env)) for tag in site.tags]
    assert entities == [entity_pages(env, site, entity, ListItems(env)) for entity in site.entities.values()]


@pytest.mark.parametrize("page", ["entities/huawei/index.html", "entities/commerce/index.html", "tags/chips/index.html", "entities/huawei/2/index.html"])
def test_a_list_item_links_to_the_event_from_any_list_page(listed_site: Prepared, page: str) -> None:
    env, site = listed_site.env, listed_site.site
    items = ListItems(env)
    for other in ("entities/huawei/index.html", "tags/trade/index.html", "entities/huawei/3/index.html"):  # made for other pages first
        items.item(site.event("a"), urls.Links(other, placement=site.placement))
    item = items.item(site.event("a"), urls.Links(page, placement=site.placement))
    here = "https://example.org/" + urls.url_path(page)
    assert {urljoin(here, href) for href in re.findall(r'href="([^"]*)"', item)} == {"https://example.org/#a", "https://example.org/events/a/"}
    assert "A &lt;first&gt; &amp; one" in item


# a list_event that links into the entities and tags folders, as a theme may write it
LINKS_INTO_LISTS = (
    "{% macro list_event(event, link) %}<li><a href=\"{{ link.event(event.id) }}\">{{ event.title }}</a>"
    "{% for ident in event.entities %} <a href=\"{{ link.entity(ident) }}\">{{ ident }}</a>{% endfor %}"
    "{% for name in event.tags %} <a href=\"{{ link.tag(name | slug) }}\">{{ name }}</a>{% endfor %}</li>{% endmacro %}"
)
LIST_PAGES = ["entities/huawei/index.html", "tags/chips/index.html", "entities/commerce/index.html", "tags/trade/index.html",
              "entities/huawei/2/index.html", "tags/chips/2/index.html", "years/2019/index.html", "index.html"]


@pytest.mark.parametrize("links_into_lists", [False, True], ids=["default list_event", "list_event linking to entities and tags"])
@pytest.mark.parametrize("first", LIST_PAGES)
def test_a_list_item_shared_between_list_pages_is_the_one_each_would_make(listed_site: Prepared, first: str, links_into_lists: bool) -> None:
    env, site = listed_site.env, listed_site.site
    if links_into_lists:
        env = env.overlay(loader=jinja2.ChoiceLoader([jinja2.DictLoader({"macros.html": LINKS_INTO_LISTS}), env.loader]))  # type: ignore[list-item]
    shared = ListItems(env)
    for page in [first, *LIST_PAGES]:
        link = urls.Links(page, placement=site.placement)
        for ident in ("a", "b"):
            assert shared.item(site.event(ident), link) == ListItems(env).item(site.event(ident), link), (first, page, ident)


PAGES = ["index.html", "404.html", "feed.xml", "events/a/index.html", "e/a/index.html", "entities/x/2/index.html", "years/2019/05/index.html"]
TARGETS = ["index.html", "events/a/index.html", "events/b/index.html", "e/a/index.html", "static/style.css", "entities/x/index.html",
           "entities/x/2/index.html", "years/2019/index.html", "years/2019/05/index.html", "feed.xml", "cards/a.png"]


@pytest.mark.parametrize("page", PAGES)
def test_a_page_links_to_every_file_by_a_relative_url_that_leads_there(page: str) -> None:
    link = urls.Links(page)
    here = "https://example.org/site/" + page
    for target in TARGETS:
        for fragment in ("", "y2019"):
            href = link.to(target, fragment)
            assert href == urls.relative(page, target, fragment)
            assert not href.startswith("/") and "//" not in href
            expected = "https://example.org/site/" + urls.url_path(target) + (f"#{fragment}" if fragment else "")
            assert urljoin(here, href) == (here + f"#{fragment}" if target == page and fragment else expected)


def test_a_page_context_holds_the_globals_and_values_jinja2_gives_it(env: jinja2.Environment) -> None:
    env.globals["shared"] = "from the environment"
    template = env.from_string("{{ shared }} {{ own }} {{ kind_label('company') }} {{ value }}", globals={"own": "from the template", "shared": "overridden"})
    context = template.new_context({"value": 1, "own": "from the page"})
    assert context.parent == dict(template.globals, value=1, own="from the page")
    assert list(context.parent) == list(dict(template.globals, value=1, own="from the page"))
    assert context.globals_keys == set(template.globals) == {*env.globals, "own"}
    assert template.render(value=1) == f"overridden from the template {env.globals['kind_label']('company')} 1"


def test_a_themes_own_base_and_redirect_templates_make_the_event_and_permalink_pages(make_site: MakeSite) -> None:
    base = "<title>{% block title %}{% endblock %}</title>MINE {{ link.asset('style.css') }} {{ link.timeline() }}|{% block content %}{% endblock %}"
    redirect = "GO {{ title }} {{ target }} {{ link.asset('style.css') }}"
    root = make_site({
        "content/site.yaml": "title: T\ntheme: mine\n", "themes/mine/templates/base.html": base,
        "themes/mine/templates/redirect.html": redirect, "content/events/a.md": event(title="X"),
    })
    result = build(root)
    assert result.ok
    shown = (root / "output/events/a/index.html").read_text()
    assert shown.startswith("<title>X · T</title>MINE ../../static/style.css ../../|") and '<h1>X</h1>' in shown
    assert (root / "output/e/a/index.html").read_text() == "GO X ../../#a ../../static/style.css"
