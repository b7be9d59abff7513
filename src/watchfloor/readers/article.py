"""News articles (plain text or an HTML page) as sources: the narrative, and each quoted
statement as a Message attributed to its speaker.

What one article becomes (``sha16`` is the first 16 hex digits of the file's SHA-256):

- a ``Chat`` ``article:<sha16>`` of kind ``article`` titled with the headline;
- the narrative: one ``Message`` of kind ``article``, id ``article:<sha16>:body``, no actor, whose
  text is the headline, a blank line, and the paragraphs separated by blank lines — every span
  below is a character span in this text;
- each attributed quotation: a ``Message`` of kind ``quote``, id ``article:<sha16>:<start>-<end>``,
  ``text`` exactly ``body[start:end]``, ``span`` ``(start, end)``, ``cue`` ("wrote", "said",
  "according to", "قال"…), the speaker's ``Actor``, ``actor_name`` the form of the name the
  attribution used, and ``details["insertions"]``: the spans (in the body, brackets included) of
  editorial insertions such as "(Al Zarqawi)", which are not the speaker's words;
- each block the article attributes to a wire service ("Northline Press reported:" + the block):
  a ``Message`` of kind ``reporting`` with ``reported=True`` and the service as its actor;
- each speaker: an ``Actor`` ``article:<sha16>:<slug of the name>``, yielded before the first
  message that names it, with the name as the article gives it most fully (roles such as
  "group member", "the Emir", "Sheikh" go to ``role``, a gloss such as "(the Chechen)" to
  ``note``, shorter forms used later — "Alhalaby" — to ``aliases``).

All messages carry the article's publication date when the page or text states one.
The quotation rules are in ``watchfloor.text.attribution``; the page extraction in
``watchfloor.readers.article_html``.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from watchfloor.errors import InputError
from watchfloor.model import Actor, Chat, Message, Record
from watchfloor.readers.article_html import declared_charset, extract
from watchfloor.readers.base import Input
from watchfloor.readers.dateline import publication_date
from watchfloor.text.attribution import attribute
from watchfloor.text.quotes import Paragraph

PLATFORM = "article"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
MAX_BYTES = 256 << 20  # an article larger than this is not an article
HEADLINE_MAX = 200

# Telegram Desktop's own HTML export is a chat, not an article: another reader's
_TELEGRAM_HTML = re.compile(rb'class="(?:page_wrap|message default|history)')
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|p|div)\b",
                         re.IGNORECASE | re.DOTALL)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_INDENT = re.compile(r"^(?:[ \t]{2,}|>\s?)")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Article:
    """An article's text as watchfloor reads it."""

    headline: str | None
    text: str  # headline, blank line, paragraphs separated by blank lines
    paragraphs: list[Paragraph]  # the headline is the first when there is one
    date: int | None
    date_has_zone: bool


class ArticleReader:
    name = "article"
    version = "1"
    catch_all = True  # tried after every reader of a specific format

    def sniff(self, item: Input) -> bool:
        head = item.head
        if not head:
            return False
        encoding = _bom(head)
        if encoding is None and b"\x00" in head:
            return False  # binary
        bare = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if bare[:1] in (b"{", b"["):
            return False  # JSON: an export the JSON readers refuse is not an article
        if _TELEGRAM_HTML.search(head):
            return False
        name = item.name.lower()
        if name.endswith(HTML_SUFFIXES + TEXT_SUFFIXES) or _HTML_START.match(bare):
            return True
        return _looks_like_text(head, encoding)

    def read(
        self, item: Input, *, on_progress: Callable[[int], None] | None = None
    ) -> Iterator[Record]:
        data = _read_all(item, on_progress)
        sha16 = hashlib.sha256(data).hexdigest()[:16]
        article = parse(item.name, data)
        yield from records(article, sha16)


def parse(name: str, data: bytes) -> Article:
    """Decode and read an article file (HTML or plain text); InputError if it holds none."""
    html = name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))
    text = _decode(name, data, html)
    if html:
        page = extract(text)
        headline = page.headline
        blocks = page.paragraphs
        dated = publication_date(page.date_texts + [t for t, _ in blocks[:4] if len(t) <= HEADLINE_MAX])
    else:
        headline, blocks = _plain_paragraphs(text)
        early = [t for t, _ in blocks[:4] if len(t) <= HEADLINE_MAX]
        if blocks:
            early.append(blocks[0][0])
        dated = publication_date(early)
    if not blocks:
        if html:
            raise InputError(name, "no article text in this page (no paragraphs outside navigation and page furniture)")
        raise InputError(name, "no article text (a text article is a headline and at least one paragraph)")
    parts: list[tuple[str, bool]] = ([(headline, False)] if headline else []) + blocks
    paragraphs: list[Paragraph] = []
    pieces: list[str] = []
    pos = 0
    for i, (t, block) in enumerate(parts):
        if i:
            pieces.append("\n\n")
            pos += 2
        paragraphs.append(Paragraph(pos, pos + len(t), block))
        pieces.append(t)
        pos += len(t)
    return Article(
        headline=headline, text="".join(pieces), paragraphs=paragraphs,
        date=dated[0] if dated else None, date_has_zone=dated[1] if dated else True,
    )


def records(article: Article, sha16: str) -> Iterator[Record]:
    """The records of one article: its Chat, the narrative, speakers and statements."""
    chat_id = f"{PLATFORM}:{sha16}"
    yield Chat(id=chat_id, platform=PLATFORM, platform_id=sha16, title=article.headline, kind="article")
    date, has_zone = article.date, article.date_has_zone
    yield Message(
        id=f"{chat_id}:body", chat_id=chat_id, platform_id="body", text=article.text, kind="article",
        date=date, date_has_zone=has_zone,
    )
    found = attribute(article.text, article.paragraphs)
    ids: list[str] = []
    taken: set[str] = set()
    for speaker in found.speakers:
        slug = _slug(speaker.name)
        actor_id = f"{chat_id}:{slug}"
        n = 2
        while actor_id in taken:
            actor_id = f"{chat_id}:{slug}-{n}"
            n += 1
        taken.add(actor_id)
        ids.append(actor_id)
    yielded: set[int] = set()
    for st in found.statements:
        if st.speaker is not None and st.speaker not in yielded:
            yielded.add(st.speaker)
            sp = found.speakers[st.speaker]
            yield Actor(
                id=ids[st.speaker], platform=PLATFORM, platform_id=ids[st.speaker].split(":", 2)[2],
                name=sp.name, aliases=list(sp.aliases), role=sp.role, note=sp.note,
            )
        details = {"insertions": [list(s) for s in st.insertions]} if st.insertions else None
        yield Message(
            id=f"{chat_id}:{st.start}-{st.end}", chat_id=chat_id, platform_id=f"{st.start}-{st.end}",
            text=article.text[st.start:st.end], kind=st.kind,
            actor_id=ids[st.speaker] if st.speaker is not None else None,
            # a pronoun ("she said") names nobody: count it under the speaker's name
            actor_name=st.surface or (found.speakers[st.speaker].name if st.speaker is not None else None),
            date=date, date_has_zone=has_zone, span=(st.start, st.end),
            cue=st.cue, reported=st.kind == "reporting", details=details,
        )


def _slug(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-")
    return slug[:80] or "speaker"


def _read_all(item: Input, on_progress: Callable[[int], None] | None) -> bytes:
    if item.size > MAX_BYTES:
        raise InputError(item.name, f"{item.size} bytes is too large for an article (at most {MAX_BYTES})")
    chunks: list[bytes] = []
    try:
        with item.open() as f:
            while chunk := f.read(1 << 20):
                chunks.append(chunk)
                if on_progress is not None:
                    on_progress(len(chunk))
    except OSError as e:
        raise InputError(item.name, f"cannot read: {e}") from None
    data = b"".join(chunks)
    if not data.strip():
        raise InputError(item.name, "empty file")
    return data


def _bom(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _looks_like_text(head: bytes, encoding: str | None) -> bool:
    """Decodable text with few control characters (the head may end inside a character)."""
    decoder = codecs.getincrementaldecoder(encoding or "utf-8")()
    try:
        text = decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return False
    if not text.strip():
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls * 100 < len(text)


def _decode(name: str, data: bytes, html: bool) -> str:
    encoding = _bom(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(name, f"not valid {encoding.upper()} text", offset=e.start) from None
    if html:
        declared = declared_charset(data)
        if declared:
            try:
                codec = codecs.lookup(declared).name
            except LookupError:
                codec = None
            if codec is not None and codec != "utf-8":
                return data.decode(codec, errors="replace")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            # the web's default for pages that declare nothing (and for those that lie)
            return data.decode("cp1252", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            name, "not valid UTF-8 text; save the article as UTF-8", offset=e.start
        ) from None


def _plain_paragraphs(text: str) -> tuple[str | None, list[tuple[str, bool]]]:
    """(headline, paragraphs) of a plain-text article: paragraphs are separated by blank lines,
    lines inside one are joined by a space, an indented (or ``>``-prefixed) paragraph is a block
    quotation; a first paragraph of one short line is the headline."""
    paragraphs: list[tuple[str, bool]] = []
    lines: list[str] = []
    indented = True
    raw_first: list[str] | None = None

    def flush() -> None:
        nonlocal lines, indented, raw_first
        if lines:
            joined = _SPACE.sub(" ", " ".join(_INDENT.sub("", ln).strip() for ln in lines)).strip()
            if joined:
                if raw_first is None:
                    raw_first = list(lines)
                paragraphs.append((joined, indented))
        lines = []
        indented = True

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            lines.append(line)
            indented = indented and bool(_INDENT.match(line))
        else:
            flush()
    flush()
    if not paragraphs:
        return None, []
    first, _ = paragraphs[0]
    if raw_first is not None and len(raw_first) == 1 and len(first) <= HEADLINE_MAX:
        return first, paragraphs[1:]
    return None, paragraphs


__all__ = ["Article", "ArticleReader", "parse", "records"]
