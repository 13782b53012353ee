"""The compiled Markdown engine gives the reference engine's bytes, or is not used.

Every comparison is of whole :class:`~generator.content.markdown.Body` records
(HTML, heading ids, first paragraph, cross-references, nesting warning) from
an :class:`Engine` that may use the compiled engine and one that may not, so a
body the compiled engine renders differently fails here, whichever way it is
routed. The CommonMark spec examples are vendored in ``commonmark/`` (see its
README for where they come from and their licence).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, MakeSite, event, in_ci, snapshot
from generator.content import engine
from generator.content.engine import Engine
from generator.content.frontmatter import read_document

SPEC = Path(__file__).parent / "commonmark" / "spec-0.31.2.json"


@pytest.fixture(scope="module")
def engines() -> tuple[Engine, Engine]:
    """(may use the compiled engine, reference only); the compiled one must be there in CI on the Pythons it has wheels for."""
    if not engine.compiled_available():
        if in_ci() and sys.version_info < (3, 13):
            pytest.fail("markdown-it-pyrs 0.4.0 is required in CI on CPython < 3.13 (pip install -e .)")
        pytest.skip("markdown-it-pyrs is not installed: every body goes to markdown-it-py")
    return Engine(compiled=True), Engine(compiled=False)


def differences(pair: tuple[Engine, Engine], texts: list[tuple[str, str]]) -> list[str]:
    fast, reference = pair
    return [f"{name}: {text[:120]!r}" for name, text in texts if fast.convert(text, 7) != reference.convert(text, 7)]


def test_every_shipped_body_is_the_same_with_either_engine(engines: tuple[Engine, Engine]) -> None:
    texts = []
    for path in sorted((PROJECT / "content").glob("*/*.md")):
        doc, problems = read_document(str(path), path.name)
        assert doc is not None, problems
        texts.append((path.name, doc.body))
    before = engines[0].compiled_count
    assert differences(engines, texts) == []
    assert engines[0].compiled_count - before > len(texts) // 2, "the compiled engine was hardly used: the test proves little"


def test_every_commonmark_spec_example_is_the_same_with_either_engine(engines: tuple[Engine, Engine]) -> None:
    examples = json.loads(SPEC.read_text(encoding="utf-8"))
    assert len(examples) == 652
    before = engines[0].compiled_count
    assert differences(engines, [(f"example {e['example']}", e["markdown"]) for e in examples]) == []
    assert engines[0].compiled_count - before > 500


WORDS = ("Huawei", "the", "Commerce", "Department", "licence", "5G", "network", "rule", "chips", "export", "court", "said",
         "on", "a", "of", "ZTE", "Meng", "Wanzhou", "Entity", "List", "2019", "carriers", "ban", "&", "<b>", "50%", "U.S.", "(BIS)")
RICH = ("«quoted»", "café", "—", "€")


def sentence_of(rng: random.Random, rich: bool = False) -> str:
    """Words with the inline markup an editor writes (code, in links too, pictures, autolinks, reference links, nested emphasis);
    ``rich`` adds non-ASCII words, cross-references and footnotes."""
    words = []
    for _ in range(rng.randint(4, 18)):
        word = rng.choice(WORDS + RICH if rich else WORDS)
        roll = rng.random() if rich else rng.random() * 0.28
        if roll < 0.06:
            word = f"*{word}*"
        elif roll < 0.10:
            word = f"**{word}**"
        elif roll < 0.14:
            word = f"[{word}](https://example.org/{rng.randint(1, 99)})"
        elif roll < 0.16:
            word = f"~~{word}~~"
        elif roll < 0.19:
            word = f"`{word}`"
        elif roll < 0.21:
            word = f"[`{word}` and {word}](https://example.org/{rng.randint(1, 99)})"
        elif roll < 0.22:
            word = f"![{word}](/media/{rng.randint(1, 9)}.png)"
        elif roll < 0.23:
            word = f"<https://example.org/{rng.randint(1, 99)}>"
        elif roll < 0.25:
            word = f"[{word}][r{rng.randint(1, 3)}]"
        elif roll < 0.28:
            word = f"***{word}*** *a **{word}** b*"
        elif roll < 0.29:
            word = f"[{word}](event:e{rng.randint(1, 9)})"
        elif roll < 0.30:
            word = f"{word}[^{rng.randint(1, 3)}]"
        elif roll < 0.31:
            word = f"[{word}](entity:huawei)"
        words.append(word)
    return " ".join(words) + rng.choice((".", ".", "?", ":", ""))


def block(rng: random.Random, rich: bool) -> str:
    """One block of an event body."""
    kinds = ("p", "p", "p", "h", "ul", "ol", "quote", "table", "nested", "definition") + (("code", "footnote") if rich else ())
    sentence = partial(sentence_of, rng, rich)
    kind = rng.choice(kinds)
    if kind == "h":
        return f"{'#' * rng.randint(2, 5)} {sentence()}"
    if kind in ("ul", "ol"):
        return "\n".join(f"{'-' if kind == 'ul' else f'{n + 1}.'} {sentence()}" for n in range(rng.randint(1, 5)))
    if kind == "quote":
        return "\n".join(f"> {sentence()}" for _ in range(rng.randint(1, 3)))
    if kind == "table":
        rows = [f"| {sentence()[:20]} | {rng.randint(1, 999)} |" for _ in range(rng.randint(1, 4))]
        return "\n".join(["| What | When |", rng.choice(("|---|---|", "|:--|--:|", "|:-:|---|")), *rows])
    if kind == "code":
        return "```\n" + "\n".join(sentence() for _ in range(rng.randint(1, 3))) + "\n```"
    if kind == "footnote":
        return f"[^{rng.randint(1, 3)}]: {sentence()}"
    if kind == "definition":
        return f"[r{rng.randint(1, 3)}]: https://example.org/{rng.randint(1, 99)} \"{rng.choice(WORDS)}\""
    return f"- {sentence()}\n  - {sentence()}\n    > {sentence()}"


def event_body(rng: random.Random) -> str:
    """A realistic event body: paragraphs mostly, with headings, lists, quotes and tables; two in five with code, footnotes and cross-references too."""
    rich = rng.random() < 0.4
    return "\n\n".join(block(rng, rich) for _ in range(rng.randint(1, 12))) + "\n"


def test_a_generated_corpus_of_event_bodies_is_the_same_with_either_engine(engines: tuple[Engine, Engine]) -> None:
    rng = random.Random(16)
    bodies = [(f"body {n}", event_body(rng)) for n in range(1500)]
    before = engines[0].compiled_count
    assert differences(engines, bodies) == []
    assert engines[0].compiled_count - before > 700


FRAGMENTS = ("*", "**", "_", "__", "~~", "~", "`", "```", "[", "]", "(", ")", "![", "<", ">", "> ", "- ", "1. ", "# ", "## ", "### ",
             "|", "|---|", ":-", "\n", "\n\n", "    ", "  ", "\\", "&amp;", "&#x27;", "&nbsp;", "http://x.org", "<http://a.b>",
             "[^1]", "[^1]: ", "^[", "event:e1", "entity:x", "\t", "---", "===", "a", "word", "é", "€", "“", "—", "[a]: /u", "[a]", '"', "'",
             # links, images and code together, which the compiled engine now takes when every code span closes
             "`code`", "``", "`` a ` b ``", "\\`", "[`", "`]", "](", "](/u)", "](`", "[a `b` c](/u)", "[`x`](/u)", "![a](/i.png)",
             "![`a`](/i.png 't')", "[a][]", "[a][a]", "[a `b`]: /u", "<http://a.b/`x>", "***", "*a **b** c*", "_a *b* c_", "|`a`|",
             # cross-references however their scheme is spelled, and the words alone
             "](event:e1)", "<entity:x>", "&#101;vent:e1", "event\\:e1", "EVENT:e1", "event: ")


WORD = st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(max_codepoint=0x7e), max_size=6), st.text(max_size=3))
MARKDOWN = st.lists(WORD, max_size=40).map("".join)
"""Markdown's syntax characters among words, mostly ASCII (as bodies are), ending in a line break most of the time (as files do)."""


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(MARKDOWN, st.sampled_from(("\n", "\n", "\n", ""))).map("".join))
def test_generated_markdown_is_the_same_with_either_engine(engines: tuple[Engine, Engine], text: str) -> None:
    fast, reference = engines
    before, routed = fast.compiled_count, fast.suits_compiled(text)
    assert fast.convert(text, 3) == reference.convert(text, 3)
    assert fast.compiled_count == before + routed, "the compiled engine panicked on a body sent to it"


@pytest.mark.parametrize("text", [
    "A footnote.[^1]\n\n[^1]: Here.\n",
    "An inline footnote.^[Here.]\n",
    "See [the rule](event:2020-05-15-fdpr).\n",
    "\tcode\n",
    "- a\n  - b\n    - c\n      - d\n",
    ">>>>>>>> deep\n",
    "The *€*price.\n",
    "A \ue000 placeholder character.\n",
    # a code span left open inside a link's text: the compiled engine panics on these
    "[`](x)\n",
    "See [the `rule](x).\n",
    "![`](x)\n",
    "[Huawei\n`ban](x)\n",
    "| [`a | b` |\n|---|---|\n",
    "`a\n`b [`c](x)\n",
    "[<http://x`a>b`](y)\n",
    "[a](x) \\`b` [`c](y)\n",
])
def test_what_the_compiled_engine_cannot_match_goes_to_the_reference(engines: tuple[Engine, Engine], text: str) -> None:
    assert not engines[0].suits_compiled(text)


def test_plain_prose_goes_to_the_compiled_engine(engines: tuple[Engine, Engine]) -> None:
    text = "## What changed\n\nThe *rule* applies to [chips](https://example.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    before = engines[0].compiled_count
    assert engines[0].convert(text) == engines[1].convert(text)
    assert engines[0].compiled_count == before + 1


@pytest.mark.parametrize("text", [
    "See [the rule](&#101;vent:2020-05-15-fdpr).\n",
    "See [the rule](event\\:2020-05-15-fdpr#what-changed).\n",
    "See [Huawei](&#x65;ntity:huawei).\n",
    "See [the rule][r].\n\n[r]: ev&#101;nt:2020-05-15-fdpr\n",
])
def test_a_cross_reference_spelled_with_an_escape_or_a_character_reference_is_found_with_either_engine(
        engines: tuple[Engine, Engine], text: str) -> None:
    found = engines[0].convert(text, 4)
    assert found == engines[1].convert(text, 4)
    assert len(found.references) == 1


@pytest.mark.parametrize("text", [
    "A key event: the ban.\n\nThe entity: Huawei.\n",
    "Not one: [the rule](EVENT:x), the scheme is lower-case.\n",
])
def test_the_words_event_and_entity_outside_a_link_go_to_the_compiled_engine(engines: tuple[Engine, Engine], text: str) -> None:
    before = engines[0].compiled_count
    assert engines[0].convert(text) == engines[1].convert(text)
    assert engines[0].compiled_count == before + 1


@pytest.mark.parametrize("text", [
    "See [the rule](https://example.org/a) and `entity_id`.\n",
    "`code` first, then [a link](https://example.org/b).\n\n- [x](/u) with `y`\n",
    "[`code` in a link](https://example.org/c) and ![`code` in an image](/i.png).\n",
    "A `[bracket]` in code, then [a link](/u(x)) and ``two ` ticks``.\n",
    "| [a](/u) | `b` |\n|---|---|\n| `c` | [d](/v) |\n",
])
def test_links_beside_closed_code_spans_go_to_the_compiled_engine(engines: tuple[Engine, Engine], text: str) -> None:
    before = engines[0].compiled_count
    assert engines[0].convert(text) == engines[1].convert(text)
    assert engines[0].compiled_count == before + 1


FUZZ = """
import random, sys
from generator.content import codespans
from generator.content.engine import Engine, _compiled_renderer
pieces = ["[", "]", "(", ")", "`", "``", "```", "a", " ", "\\n", "\\n\\n", "!", "<", ">", "*", "\\\\", "|", "|---|", "- ", "> ",
          "<http://a>", "](x)", "[a]: /u", "![", '"', "`x`", "](`", "<`>", "\\\\`", "[a][b]", "``x``", "((", "))", "\\n|-|-|\\n",
          "<http://a`b>", "<a@b`c>", "\\n```\\n", "\\n ```a\\n"]
plain = ["word ", "`code` ", "[a link](/u) ", "![a](/i) ", "\\n", "\\n\\n", "- ", "> ", "*a* "]
rng = random.Random(int(sys.argv[1]))
def text():
    odd = rng.random()  # how much of the text is odd pieces rather than prose
    return "".join(rng.choice(pieces if rng.random() < odd else plain) for _ in range(rng.randint(1, 30))) + rng.choice(("\\n", "\\n", "\\n", ""))
texts = [text() for _ in range(int(sys.argv[2]))]
engine = Engine(compiled=True)
for text in texts:
    engine.convert(text)
sys.stderr.write("-- converted --\\n")
render, panics, missed = _compiled_renderer(), 0, 0
for text in texts:
    try:
        render(text)
    except BaseException as exc:
        panics += 1
        missed += not codespans.may_panic(text)
print(engine.compiled_count, panics, missed)
"""


def test_no_body_sent_to_the_compiled_engine_makes_it_panic(engines: tuple[Engine, Engine]) -> None:
    # link text, brackets, code spans, escapes, autolinks and table cells shuffled; run apart, as a panic prints to stderr and a crash would end pytest
    done = subprocess.run([sys.executable, "-c", FUZZ, "16", "6000"], capture_output=True, text=True, cwd=PROJECT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    printed, _, after = done.stderr.partition("-- converted --\n")
    assert printed == "", "the compiled engine panicked on a body routed to it: " + printed[:2000]
    compiled, panics, missed = map(int, done.stdout.split())
    assert (missed, panics > 100, compiled > 1200) == (0, True, True), (compiled, panics, missed)
    assert "panicked" in after, "the raw engine no longer panics: the routing may be relaxed"


def test_nesting_that_would_crash_the_compiled_engine_is_routed_away() -> None:
    # the compiled engine has no nesting limit and overflows its stack on deep quotes: run where a crash cannot take pytest down
    code = "from generator.content.engine import Engine; b = Engine().convert('>' * 100000 + ' x\\n'); print(b.too_deep)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, check=False)
    assert (done.returncode, done.stdout) == (0, "1\n"), done.stderr


def build_in_subprocess(site: Path, output: Path, prelude: str, env: dict[str, str] | None = None) -> None:
    code = f"{prelude}\nimport sys\nfrom generator.cli import main\nsys.exit(main(['build', '--root', {str(site)!r}, '--output', {str(output)!r}]))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, env={**os.environ, **(env or {})}, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_build_is_byte_identical_without_the_compiled_engine_or_with_it_turned_off(make_site: MakeSite, tmp_path: Path) -> None:
    # enough events that their bodies are converted in workers, as a user without a wheel, or with the reference forced, would build them
    rng = random.Random(1600)
    root = make_site({f"content/events/e{n}.md": event(f"Event {n}", f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}", body=event_body(rng)) for n in range(260)})
    with_it, without, forced = tmp_path / "with", tmp_path / "without", tmp_path / "forced"
    build_in_subprocess(root, with_it, "")
    build_in_subprocess(root, without, "import sys; sys.modules['markdown_it_pyrs'] = None\n"
                        "from generator.content import engine; assert not engine.compiled_available()")
    build_in_subprocess(root, forced, "", {engine.ENGINE_VARIABLE: "reference"})
    assert snapshot(without) == snapshot(with_it)
    assert snapshot(forced) == snapshot(with_it)
