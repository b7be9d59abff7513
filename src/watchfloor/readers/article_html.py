"""The article inside a news web page: headline, body paragraphs, publication date.

The page is parsed by Lexbor (through selectolax), an HTML5 parser: nothing in it is ever run —
scripts, styles, event handlers and links are parse-tree nodes that are dropped, and their text
never reaches the article. What is kept is the headline and the paragraphs of the element that
holds most of the page's paragraph text (``<article>`` when there is one); navigation, headers,
footers, asides, figures and their captions, forms, comment sections, share bars, bylines, photo
credits, advertisements and hidden elements are removed, by tag, by class/id words and, for the
few that hide inside paragraphs, by their wording.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "math", "form", "button", "nav",
    "footer", "aside", "figure", "figcaption", "object", "embed", "canvas", "video", "audio",
    "select", "input", "textarea", "header", "dialog", "menu", "head", "picture", "map",
)
# elements whose content is never text a reader sees, dropped before anything is read
_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "math", "object", "embed")
_DROP_SELECTORS = ("[hidden]", "[aria-hidden=true]", "[role=navigation]", "[role=banner]",
                   "[role=contentinfo]", "[role=complementary]", "[style*='display:none']",
                   "[style*='display: none']")
# a class or id containing one of these words marks page furniture, not the story
_BOILER_WORDS = frozenset("""
nav navbar navigation menu footer sidebar comment comments share sharing sharedaddy social related
promo newsletter subscribe subscription caption credit credits byline author authors advert
advertisement ad ads adslot cookie cookies consent breadcrumb breadcrumbs widget tags meta dateline
respond logo masthead header banner popup modal paywall outbrain taboola recommended skip toolbar
""".split())
_BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dd", "dt"})
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "blockquote", "ul", "ol", "dl",
                             "body", "center", "td", "tr", "tbody", "table", "address", "details"})
_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_BR = "\ue000"  # stands for <br> while the text is gathered
_SPACE = re.compile(r"[^\S\n]+")
# paragraphs that are page furniture by their wording
_BOILER_TEXT = re.compile(
    r"^(?:\(?(?:photo|photograph|picture|image|credit|illustration)s?\b\s*(?:by\b|:|\)|$)"
    r"|advertisement$|sponsored\b|share\b|share this|follow us|subscribe\b|sign up|read more\b"
    r"|related\b|comments?\b|leave a (?:reply|comment)|join the conversation|click here"
    r"|all rights reserved|©|copyright\b|posted on\b)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^By\s+[A-Z][^.!?]{0,60}$")
BOILER_MAX = 120  # only paragraphs this short are judged by their wording
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·]\s+")
_DATE_META = (
    "meta[property='article:published_time']", "meta[name='article:published_time']",
    "meta[itemprop='datePublished']", "meta[name='date']", "meta[name='pubdate']",
    "meta[name='publishdate']", "meta[name='DC.date.issued']", "meta[name='dcterms.created']",
    "meta[property='og:published_time']",
)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


@dataclass(slots=True)
class PageArticle:
    headline: str | None
    paragraphs: list[tuple[str, bool]]  # (text, set off as a block quotation)
    date_texts: list[str]  # candidates for the publication date, best first


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` near its start, if any."""
    m = _CHARSET.search(head[:8192])
    return m.group(1).decode("ascii").lower() if m else None


def extract(html: str) -> PageArticle:
    """The article in an HTML page (already decoded to text)."""
    tree = LexborHTMLParser(html)
    dates = _date_candidates(tree)
    for tag in _NEVER_TEXT:
        for node in tree.css(tag):
            node.decompose()
    headline = _headline(tree)
    for br in tree.css("br"):
        br.replace_with(_BR)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for selector in _DROP_SELECTORS:
        for node in tree.css(selector):
            node.decompose()
    for node in tree.css("[class], [id]"):
        if _is_boilerplate(node):
            node.decompose()
    container = _container(tree)
    paragraphs: list[tuple[str, bool]] = []
    if container is not None:
        _gather(container, False, paragraphs)
    if headline is None:
        headline = _first_heading(container)
    paragraphs = [
        (t, block) for t, block in paragraphs
        if not _furniture(t) and (headline is None or t != headline)
    ]
    return PageArticle(headline=headline, paragraphs=paragraphs, date_texts=dates)


def _furniture(text: str) -> bool:
    if len(text) > BOILER_MAX:
        return False
    return bool(_BOILER_TEXT.match(text) or _BYLINE.match(text) or "all rights reserved" in text.lower())


def _is_boilerplate(node: LexborNode) -> bool:
    attrs = node.attributes
    words: set[str] = set()
    for key in ("class", "id"):
        value = attrs.get(key)
        if value:
            words.update(w.lower() for w in _SPLIT.split(value) if w)
    if not words & _BOILER_WORDS:
        return False
    # never drop the element that holds the story itself
    return node.tag not in ("article", "main", "body", "html")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _text(node: LexborNode) -> list[str]:
    """The paragraphs of a block element's text: one <br> is a space, two or more a break."""
    raw = node.text(deep=True, separator="", strip=False)
    parts = re.split(_BR + r"(?:\s*" + _BR + ")+", raw)
    return [t for t in (_clean(p.replace(_BR, " ")) for p in parts) if t]


def _has_blocks(node: LexborNode) -> bool:
    return any(
        child.tag in _BLOCK_TAGS or child.tag in _CONTAINER_TAGS
        for child in node.iter(include_text=False)
    )


def _gather(node: LexborNode, block: bool, out: list[tuple[str, bool]]) -> None:
    """Paragraphs of ``node`` in document order; inside <blockquote> they are marked as block."""
    pending: list[str] = []  # loose text and inline elements between blocks

    def flush() -> None:
        if pending:
            holder = "".join(pending)
            parts = re.split(_BR + r"(?:\s*" + _BR + ")+", holder)
            out.extend((t, block) for t in (_clean(p.replace(_BR, " ")) for p in parts) if t)
            pending.clear()

    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            pending.append(child.text(deep=False, strip=False) or "")
        elif tag in _BLOCK_TAGS:
            flush()
            out.extend((t, block) for t in _text(child))
        elif tag in _CONTAINER_TAGS:
            flush()
            inner = block or tag == "blockquote"
            if _has_blocks(child):
                _gather(child, inner, out)
            else:
                out.extend((t, inner) for t in _text(child))
        elif tag in ("h1",):
            flush()
        elif tag.startswith("-"):
            continue  # comments and other non-element nodes
        else:
            pending.append(child.text(deep=True, separator="", strip=False) or "")
    flush()


def _paragraph_text(node: LexborNode) -> int:
    return sum(len(p.text(deep=True)) for p in node.css("p"))


def _container(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding the story: <article> (or articleBody/main) when it holds most of the
    page's paragraph text, otherwise the parent of the most paragraph text."""
    body = tree.body
    if body is None:
        return None
    total = _paragraph_text(body)
    for selector in ("[itemprop=articleBody]", "article", "main", "[role=main]"):
        candidates = tree.css(selector)
        if candidates:
            best = max(candidates, key=_paragraph_text)
            if total == 0 or _paragraph_text(best) * 2 >= total:
                return best
    scores: dict[int, tuple[int, LexborNode]] = {}
    for p in body.css("p"):
        parent = p.parent
        while parent is not None and parent.tag == "blockquote":
            parent = parent.parent
        if parent is None:
            continue
        key = parent.mem_id
        count, _ = scores.get(key, (0, parent))
        scores[key] = (count + len(p.text(deep=True)), parent)
    if not scores:
        return body
    return max(scores.values(), key=lambda pair: pair[0])[1]


def _headline(tree: LexborHTMLParser) -> str | None:
    for selector in ("article h1", "main h1", "[itemprop=headline]", "h1"):
        node = tree.css_first(selector)
        if node is not None:
            text = _clean(node.text(deep=True).replace(_BR, " "))
            if text:
                return text
    for selector in ("meta[property='og:title']", "meta[name='twitter:title']"):
        node = tree.css_first(selector)
        if node is not None and (node.attributes.get("content") or "").strip():
            return _clean(node.attributes["content"] or "")
    title = tree.css_first("title")
    if title is not None:
        text = _clean(title.text(deep=True))
        if text:
            parts = _TITLE_SEPARATORS.split(text)
            return max(parts, key=len) if len(parts) > 1 else text
    return None


def _first_heading(container: LexborNode | None) -> str | None:
    if container is None:
        return None
    for tag in ("h2", "h3"):
        node = container.css_first(tag)
        if node is not None:
            text = _clean(node.text(deep=True))
            if text:
                return text
    return None


def _date_candidates(tree: LexborHTMLParser) -> list[str]:
    found: list[str] = []
    for selector in _DATE_META:
        for node in tree.css(selector):
            content = node.attributes.get("content")
            if content:
                found.append(content)
    for node in tree.css("script[type='application/ld+json']"):
        raw = node.text(deep=True)
        if len(raw) > 100_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                found.append(item["datePublished"])
    for node in tree.css("time"):
        value = node.attributes.get("datetime") or node.text(deep=True)
        if value:
            found.append(value)
    for node in tree.css("[class*=date], [class*=byline], [class*=meta]"):
        text = node.text(deep=True)
        if text and len(text) < 200:
            found.append(text)
    return found


__all__ = ["PageArticle", "declared_charset", "extract"]
