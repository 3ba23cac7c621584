"""Property tests over renderer and parser: escaped text comes back from Markdown exactly as typed,
in every context the renderer puts it, and a rendered briefing has exactly one heading per turn.

Markdown is rendered with the `markdown` package and the extensions listed in `mkdocs.yml`, and
read back with an HTML parser, as a browser would.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import yaml
from conftest import ROOT, parse_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sitecrawl import collapse

from generator.errors import GeneratorError
from generator.site.briefing_page import briefing_page
from generator.site.markdown import escape, escape_html, front_matter, safe_url
from generator.text import slugify

_CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
_EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in _CONFIG["markdown_extensions"]]
_EXTENSION_CONFIGS = {k: v for e in _CONFIG["markdown_extensions"] if isinstance(e, dict) for k, v in e.items()}
_PERMALINK = str(_EXTENSION_CONFIGS.get("toc", {}).get("permalink", ""))

TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), max_size=80)
"""Any printable text: transcripts are decoded and cleaned of control characters before rendering."""
NASTY = st.lists(st.sampled_from([
    "<script>", "</p>", "<img src=x onerror=alert(1)>", "&lt;", "&amp;", "&#60;", "&", "[a](b)", "![i](x)",
    "{: .x }", "{#id}", "{{ x }}", "{% y %}", "`", "``", "|", "---", "#", "##", ">", "1.", "1)", "*", "**", "_",
    "__", "-", "+", "=", "~~", "^", "$", "%", "\\", "<https://x.org>", "http://x.org", "  ", "\u00a0", ":",
    "[^1]", "[x]: y", "\\*", "*a*", "<!--", "-->", "<![CDATA[", "javascript:", "¶", "\u200b", "‘’“”",
]), max_size=12).map(" ".join)


def md(source: str) -> str:
    """Markdown to HTML as MkDocs renders a page (same extensions and settings)."""
    return markdown.markdown(source, extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS)


class _Blocks(HTMLParser):
    """Top-level blocks of an HTML fragment as `(tag, id, text)`; permalink anchors left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self._depth = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if self._depth == 0:
            self.blocks.append((tag, values.get("id") or "", ""))
        if tag == "a" and "headerlink" in (values.get("class") or ""):
            self._skip += 1
        self._depth += tag not in ("br", "hr", "img")

    def handle_endtag(self, tag: str) -> None:
        self._depth -= 1
        if tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self.blocks and not self._skip:
            tag, ident, text = self.blocks[-1]
            self.blocks[-1] = (tag, ident, text + data)


def blocks(html: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser


CONTEXTS = {
    "paragraph": ("{}", "p"),
    "heading": ("## {} {{#t001 .turn data-speaker=x }}", "h2"),
    "stage": ("*{}*{{: .stage }} after", "p"),
    "bold list item": ("- **{}**, role", "ul"),
    "link text": ("[{}](../topics/x.md)", "p"),
    "attr-listed paragraph": ("{}\n{{: .interpreted }}", "p"),
}
_SUFFIX = {"stage": " after", "bold list item": ", role"}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT, NASTY), st.sampled_from(sorted(CONTEXTS)))
@example("1. Not a list", "paragraph")
@example("# Not a heading #", "heading")
@example("a {: onclick=alert(1) }", "attr-listed paragraph")
@example("x ]](javascript:alert(1))", "link text")
def test_escaped_text_round_trips(text: str, context: str) -> None:
    """Whatever the text, Markdown of `escape(text)` shows exactly the text (whitespace collapsed), no markup."""
    expected = collapse(text)
    if not expected:
        return
    template, tag = CONTEXTS[context]
    html = md(template.format(escape(text)))
    parsed = blocks(html)
    assert [b[0] for b in parsed.blocks] == [tag], html
    shown = collapse(parsed.blocks[0][2])
    assert shown == expected + _SUFFIX.get(context, ""), html
    assert set(parsed.tags) <= {tag, "li", "strong", "em", "a"}, html


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, NASTY))
def test_front_matter_titles_survive_yaml_and_html(title: str) -> None:
    """`front_matter` titles read back from YAML and unescaped as HTML are the title as typed."""
    import html as html_module

    data = yaml.safe_load(front_matter(title).split("---\n")[1])
    assert html_module.unescape(data["title"]) == title
    assert not re.search(r"<|>|\"", data["title"])
    assert escape_html(title).count("&") >= title.count("&")


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, NASTY, st.sampled_from(["javascript:alert(1)", " JavaScript:x", "data:text/html,x",
                                                "vbscript:x", "https://x.org/a b?c=<d>", "//evil.example/x",
                                                "http:///x", "https://ok.org/)](javascript:x)"])))
def test_safe_url_yields_only_http_links(url: str) -> None:
    """`safe_url` returns an http(s) URL with a host and no character that could end a Markdown link, or nothing."""
    safe = safe_url(url)
    if safe:
        assert re.match(r"https?://[^/\s]", safe)
        assert not re.search(r"[\s<>()\[\]\"`{}\\]", safe), safe


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT, NASTY, st.sampled_from(["../../etc/passwd", "/", "..", ".", "a/b\\c", "ＡＢ／．．",
                                                "Pаris", "x" * 500, "é" * 300])))
def test_slugs_stay_in_their_folder(text: str) -> None:
    """A slug is non-empty `[a-z0-9-]`, at most 80 characters, never `.`/`..`, and the same text gives the same slug."""
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert len(slug) <= 80
    assert slugify(text) == slug


def test_long_titles_sharing_a_prefix_get_distinct_slugs() -> None:
    """Two 500-character titles differing only at the end still get distinct slugs."""
    first, second = "a" * 499 + "b", "a" * 499 + "c"
    assert slugify(first) != slugify(second)
    assert len(slugify(first)) <= 80


LABELS = st.sampled_from(["MR. PRICE", "SECRETARY BLINKEN", "QUESTION", "MODERATOR", "MS. JEAN-PIERRE",
                          "FOREIGN SECRETARY EBRARD", "Q", "THE PRESIDENT"])
PARAGRAPH = st.one_of(TEXT, NASTY).map(collapse).filter(bool)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LABELS, st.lists(PARAGRAPH, min_size=1, max_size=3)), min_size=1, max_size=8),
       st.one_of(TEXT, NASTY))
def test_rendered_briefing_has_one_heading_per_turn(turns: list[tuple[str, list[str]]], title: str) -> None:
    """Parsed then rendered, a briefing has one h1, one h2 per turn with its anchor in order, and every
    paragraph's text exactly as the model holds it."""
    body = "\n\n".join(f"{label}: {paras[0]}" + "".join(f"\n\n{p}" for p in paras[1:]) for label, paras in turns)
    meta = f"---\ntitle: {yaml.safe_dump(title or 'x', allow_unicode=True).strip().removesuffix('...').strip()}\n" \
           "date: 2022-01-02\n---\n"
    try:
        briefing = parse_text(meta + body)
    except GeneratorError:
        return
    page = briefing_page(briefing).split("---\n", 2)[2]
    parsed = blocks(md(page))
    headings = [b for b in parsed.blocks if b[0] in ("h1", "h2", "h3", "h4", "h5", "h6")]
    assert [b[0] for b in headings] == ["h1"] + ["h2"] * len(briefing.turns)
    assert [b[1] for b in headings[1:]] == [t.anchor for t in briefing.turns]
    assert collapse(headings[0][2]) == collapse(briefing.title)
    shown = iter(collapse(b[2]) for b in parsed.blocks if b[0] == "p")
    for turn in briefing.turns:
        for paragraph in turn.paragraphs:
            expected = collapse(" ".join(s.text for s in paragraph.segments))
            assert any(text == expected for text in shown), expected
