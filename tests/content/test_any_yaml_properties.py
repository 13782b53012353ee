"""Properties over every kind of YAML value, in events, entities and site.yaml, through the real command.

Whatever a file holds (integers of any size, NaN and infinities, timestamps
with offsets, binary, sets, ordered maps, nested lists and maps, anchors and
aliases, odd Unicode, huge strings, unknown tags), ``timeline build``:

- never raises (it runs in this process, so an escaping exception fails the test);
- exits 0 or 1;
- on 1, prints every problem as ``file:line: …`` and leaves the output byte-identical.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import COMMERCE, HUAWEI, SITE_YAML, event, snapshot, write_files
from generator.cli import main

BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LOCATED = re.compile(r"^(content|themes)/[^:]+:\d+: ")

ODD_TEXT = st.lists(
    st.characters(codec=None) | st.sampled_from(["\u200f", "\u202e", "\u2028", "\u0000", "\ud800", "\udfff", "\ufeff", "\ufffe", "</script>", "{{ x }}"]),
    max_size=20,
).map("".join)
SCALARS = st.one_of(
    st.integers().map(str),
    st.integers(4290, 4400).map(lambda digits: "9" * digits),  # around the limit of int() on text
    st.floats().map(repr).map(lambda text: {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}.get(text, text)),
    st.sampled_from([".nan", "-.inf", ".Inf", "1.0e+999", "-1.0e-999", "0x_ff", "0o777", "1:30:00", "0b101", "+12_345"]),
    st.sampled_from(["true", "no", "~", "null", "''", '""', "2019", "2019-05-16", "2019-13-45", "9999-12-31", "0000-01-01"]),
    st.sampled_from(["2019-05-16T10:00:00+05:00", "2019-05-16 10:00:00 -05:00", "'9999-12-31T23:00:00-05:00'", "'0001-01-01T00:30:00+01:00'"]),
    st.sampled_from(["!!timestamp 2019-05-16T10:00:00+05:00", "!!timestamp 2019-05-16", "!!timestamp nonsense", "!!binary aGVsbG8=", "!!binary '!!'"]),
    st.sampled_from(["!!set {a, b}", "!!set {}", "!!omap [{a: 1}, {b: 2}]", "!!pairs [{a: 1}, {a: 2}]", "!!int abc", "!!float x", "!!bool maybe"]),
    st.sampled_from(["!!python/object/apply:os.system [echo]", "!custom x", "!!str 12", "!!null ''", "!!map [1]", "*undefined"]),
    st.sampled_from(["http://[::1", "https://example.org:99999/", "javascript:alert(1)", "/p</script><script>alert(1)</script>/"]),
    ODD_TEXT.map(lambda text: json.dumps(text, ensure_ascii=True)),  # double-quoted, escapes and all (surrogates included)
    ODD_TEXT.map(lambda text: json.dumps(text, ensure_ascii=False)),
    st.integers(1, 3).map(lambda n: "'" + "x" * 10 ** (n + 3) + "'"),  # up to 10,000 characters
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
    | st.lists(st.tuples(st.sampled_from(["a", "b", "2019", "true", "~", "1.5", '"k"']), inner), max_size=4).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    ),
    max_leaves=10,
)
EVENT_KEYS = ["title", "date", "end_date", "id", "aliases", "entities", "tags", "sources", "summary", "draft", "extra", "extra", "unknown"]
ENTITY_KEYS = ["name", "kind", "id", "aliases", "wikidata", "links", "extra", "extra"]
SITE_KEYS = ["title", "description", "base_url", "language", "theme", "raw_html", "output", "eras", "cname", "timeline_split"]


def front_matter(keys: list[str]) -> st.SearchStrategy[str]:
    """Lines of ``key: value``; the first value may carry an anchor that later ones use."""
    line = st.tuples(st.sampled_from(keys), VALUES)
    anchored = st.tuples(st.sampled_from(keys), VALUES, st.booleans())

    def lines(first: tuple[str, str, bool], rest: list[tuple[str, str]]) -> str:
        key, value, anchor = first
        text = f"{key}: &x {value}\n" if anchor else f"{key}: {value}\n"
        return text + "".join(f"{k}: {'*x' if anchor and v.startswith('*') else v}\n" for k, v in rest)

    return st.builds(lines, anchored, st.lists(line, max_size=5))


def build_once(root: Path) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["build", "--root", str(root)])
    return status, err.getvalue().splitlines()


def assert_fails_cleanly_or_builds(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        base: dict[str, str | bytes] = {"content/site.yaml": SITE_YAML, "content/entities/huawei.md": HUAWEI, "content/entities/commerce.md": COMMERCE}
        write_files(root, {**base, "content/events/good.md": event()})
        assert build_once(root) == (0, [])
        before = snapshot(root / "output")
        write_files(root, files)
        status, lines = build_once(root)
        assert status in (0, 1), lines
        if status == 1:
            assert lines and lines[-1].startswith("failed: "), lines
            assert all(LOCATED.match(line) for line in lines[:-1]), lines
            assert snapshot(root / "output") == before
        else:  # and what was written is JSON, with no NaN or Infinity in it
            json.loads((root / "output/events.json").read_bytes(), parse_constant=refuse)


def refuse(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")


def as_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@BOUNDED
@given(front_matter(EVENT_KEYS), ODD_TEXT)
@example("extra: {x: .nan, y: -.inf}\n", "")
@example("extra: {regions: !!set {us, eu, uk, cn, jp}}\n", "")
@example("extra: {updated: '9999-12-31T23:00:00-05:00'}\n", "")
@example("extra: &x [1, 2]\nsummary: *x\n", "")
def test_any_yaml_in_an_event(front: str, body: str) -> None:
    text = f"---\ntitle: An event\ndate: 2019-05-16\n{front}---\n{body}\n"
    assert_fails_cleanly_or_builds({"content/events/e.md": as_bytes(text)})


@BOUNDED
@given(front_matter(ENTITY_KEYS), ODD_TEXT)
@example("extra: {n: " + "9" * 5000 + "}\n", "")
def test_any_yaml_in_an_entity(front: str, body: str) -> None:
    text = f"---\nname: ZTE\nkind: company\n{front}---\n{body}\n"
    assert_fails_cleanly_or_builds({"content/entities/zte.md": as_bytes(text)})


@BOUNDED
@given(front_matter(SITE_KEYS))
@example('base_url: "http://[::1"\n')
@example('base_url: "/p</script><script>alert(document.domain)</script>/"\n')
@example("description: " + "9" * 5000 + "\n")
def test_any_yaml_in_site_yaml(settings_text: str) -> None:
    assert_fails_cleanly_or_builds({"content/site.yaml": as_bytes(SITE_YAML + settings_text)})
