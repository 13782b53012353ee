"""``extra`` is JSON data: what JSON holds is exported as written, anything else is refused on its line.

And the same content builds the same bytes whatever ``PYTHONHASHSEED`` is:
the shipped site, and a site using every kind of ``extra`` value accepted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT, MakeSite, event, messages, snapshot
from generator.build.pipeline import build

E = "content/events/e.md"

EVERY_ACCEPTED = """\
extra:
  text: "Huawei — 华为 \\u200f RTL mark"
  integer: -42
  big: 123456789012345678901234567890123456789012345678901234567890
  float: 2.5e-300
  tiny: 5.0e-324
  flag: true
  nothing: null
  2019: a year as a key
  true: a boolean as a key
  ~: null as a key
  nested: {list: [1, [2, {deep: x}]], map: {b: 1, a: 2}}
  anchored: &shared {k: v}
  aliased: *shared
  empty_list: []
  empty_map: {}
"""


def events_json(root: Path) -> dict[str, Any]:
    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} in events.json is not JSON")

    text = (root / "output/events.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text, parse_constant=no_constants)
    return data


def test_every_json_value_is_exported_as_written(make_site: MakeSite) -> None:
    root = make_site({E: event(extra=EVERY_ACCEPTED)})
    result = build(root)
    assert result.ok, messages(result)
    extra = events_json(root)["events"][0]["extra"]
    assert extra == {
        "text": "Huawei — 华为 \u200f RTL mark", "integer": -42, "big": 123456789012345678901234567890123456789012345678901234567890,
        "float": 2.5e-300, "tiny": 5e-324, "flag": True, "nothing": None, "2019": "a year as a key", "true": "a boolean as a key",
        "null": "null as a key", "nested": {"list": [1, [2, {"deep": "x"}]], "map": {"b": 1, "a": 2}}, "anchored": {"k": "v"},
        "aliased": {"k": "v"}, "empty_list": [], "empty_map": {},
    }
    assert list(extra["nested"]["map"]) == ["b", "a"]  # order as written


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".nan", "nan is not a number JSON can hold: write a number, or text such as 'unknown'"),
        ("-.inf", "-inf is not a number JSON can hold: write a number, or text such as 'unknown'"),
        ("1.0e+999", "inf is not a number JSON can hold: write a number, or text such as 'unknown'"),
        ("!!set {us, eu, uk, cn, jp}", "a set (!!set): write a list"),
        ("!!omap [{a: 1}, {b: 2}]", "an ordered map or pairs (!!omap, !!pairs): write a mapping or a list"),
        ("!!pairs [{a: 1}, {a: 2}]", "an ordered map or pairs (!!omap, !!pairs): write a mapping or a list"),
        ("!!binary aGVsbG8=", "binary data (!!binary): write it as text"),
        ("!!timestamp 2020-02-01T10:00:00+01:00", "a timestamp (!!timestamp): write it as quoted text, e.g. '2020-02-01T10:00:00+01:00'"),
        ("!!timestamp 2020-02-01", "a timestamp (!!timestamp): write it as quoted text, e.g. '2020-02-01T10:00:00+01:00'"),
    ],
    ids=["nan", "minus-infinity", "overflowing-float", "set", "omap", "pairs", "binary", "timestamp", "date-timestamp"],
)
def test_a_value_json_cannot_hold_is_refused_on_its_line(make_site: MakeSite, value: str, message: str) -> None:
    root = make_site({E: event(extra=f"extra:\n  ok: 1\n  list: [1, {value}]\n  x: {value}\n")})
    result = build(root)
    assert not result.ok
    assert messages(result) == [f"{E}:6: extra.list[1]: {message}", f"{E}:7: extra.x: {message}"]


def test_a_key_json_cannot_hold_is_refused_on_its_line(make_site: MakeSite) -> None:
    root = make_site({E: event(extra="extra:\n  ok: 1\n  ? !!binary aGVsbG8=\n  : v\n  .nan: w\n")})
    result = build(root)
    assert messages(result) == [
        f"{E}:6: extra.b'hello': a key must be text or a whole number, got bytes",
        f"{E}:8: extra.nan: a key must be text or a whole number, got float",
    ]


def test_entities_follow_the_same_rule(make_site: MakeSite) -> None:
    entity = "---\nname: ZTE\nkind: company\nextra:\n  regions: !!set {us, cn}\n---\nA company.\n"
    result = build(make_site({"content/entities/zte.md": entity}))
    assert messages(result) == ["content/entities/zte.md:5: extra.regions: a set (!!set): write a list"]


# --- the same bytes under any PYTHONHASHSEED ------------------------------------------------------


def build_with_seed(root: Path, output: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(output), "--no-cache"],
        env=env, capture_output=True, text=True, cwd=PROJECT,
    )
    assert run.returncode == 0, run.stderr
    return snapshot(output)


@pytest.mark.parametrize("site", ["shipped", "every extra type"])
def test_builds_under_three_hash_seeds_are_byte_identical(make_site: MakeSite, tmp_path: Path, site: str) -> None:
    if site == "shipped":
        root = PROJECT
    else:
        entity = "---\nname: ZTE\nkind: company\nextra:\n" + EVERY_ACCEPTED.split("\n", 1)[1] + "---\nA company.\n"
        root = make_site({E: event(extra=EVERY_ACCEPTED, body="Tags {x}."), "content/entities/zte.md": entity})
    builds = [build_with_seed(root, tmp_path / f"out-{seed}", seed) for seed in ("1", "2", "3")]
    assert len(builds[0]) > 10
    assert builds[0] == builds[1] == builds[2]
