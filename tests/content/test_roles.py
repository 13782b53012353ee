"""Roles in entity mentions: declared in site.yaml, given per event, checked with file:line and did-you-mean."""

from __future__ import annotations

from conftest import MakeSite, event, messages
from generator.build.pipeline import BuildResult, build
from generator.content.assemble import load_site

SITE = "title: T\nroles:\n  actor: acted\n  target: was targeted\n  mentioned: was mentioned\n"
LISTING = "entities:\n  - {name: Commerce Department, role: actor}\n  - {name: Huawei, role: target}\n  - ZTE\n"


def errors(result: BuildResult) -> list[str]:
    """The errors of a build (its events have no sources: those warnings are not what is tested here)."""
    return [m for m in messages(result) if ": warning: " not in m]


def test_roles_are_read_beside_plain_names(make_site: MakeSite) -> None:
    site, problems = load_site(make_site({"content/site.yaml": SITE, "content/events/e.md": event(extra=LISTING)}))
    assert site is not None, problems
    listing = site.events[0]
    assert listing.entities == ("commerce", "huawei", "zte")
    assert dict(listing.roles) == {"commerce": "actor", "huawei": "target"}
    assert listing.role_pairs == "commerce:actor huawei:target"
    assert site.config.roles == (("actor", "acted"), ("target", "was targeted"), ("mentioned", "was mentioned"))
    assert [(role, [e.id for e in events]) for role, events in site.events_by_role("huawei")] == [("target", ["e"])]


def test_an_unknown_role_is_an_error_with_did_you_mean(make_site: MakeSite) -> None:
    extra = "entities:\n  - Huawei\n  - {name: Commerce Department, role: acter}\n"
    result = build(make_site({"content/site.yaml": SITE, "content/events/e.md": event(extra=extra)}), write=False)
    assert errors(result) == [
        "content/events/e.md:6: entities[1].role: unknown role 'acter' (did you mean 'actor'?); declared roles: actor, target, mentioned",
    ]


def test_a_role_without_declared_roles_says_where_to_declare_them(make_site: MakeSite) -> None:
    result = build(make_site({"content/events/e.md": event(extra="entities: [{name: Huawei, role: target}]\n")}), write=False)
    assert errors(result)[0] == "content/events/e.md:4: entities[0].role: unknown role 'target'; site.yaml declares no roles: add them under 'roles:'"


def test_malformed_mentions_and_roles_settings_are_errors(make_site: MakeSite) -> None:
    extra = "entities:\n  - {name: Huawei}\n  - {name: ZTE, role: target, why: x}\n"
    result = build(make_site({"content/site.yaml": SITE, "content/events/e.md": event(extra=extra)}), write=False)
    assert sorted(errors(result)) == [
        "content/events/e.md:5: entities[0].role: required",
        "content/events/e.md:6: entities[1].why: unknown key",
    ]
    bad = build(make_site({"content/site.yaml": "title: T\nroles:\n  Actor Role: acted\n"}), write=False)
    assert "content/site.yaml:3: roles.Actor Role: expected a role name such as 'actor' or 'target', got 'Actor Role'" in errors(bad)
