"""The query language, parsed into a tree that cannot inject anything into FTS5.

    bridge convoy              both words (AND is implied)
    "northern bridge"          a phrase
    conv*                      a prefix (at least 2 letters)
    bridge OR river            either; binds tighter than the implied AND
    NOT river, -river          without
    ( ... )                    grouping
    chat:NAME actor:NAME since:2024-01-31 until:2024-03-01 label:NAME lang:ar has:media
                               filters (quote values with spaces: chat:"Valley News"); -has:media
                               keeps messages without attachments

Every term reaches FTS5 as a quoted string, so FTS5's own syntax (``*``, ``NEAR``, column
filters, ``^``) typed by a user is only ever text. An unclosed quote ends at the end of the query;
an unbalanced parenthesis, an empty query, a query that is only NOT, or a query longer than
``MAX_QUERY`` characters is a ``QueryError`` with a message saying what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from watchfloor.errors import WatchfloorError
from watchfloor.store.base import SearchFilters
from watchfloor.text.normalise import normalise

MAX_QUERY = 1000
MAX_TERMS = 64
_FILTERS = {"chat", "actor", "since", "until", "label", "lang", "language", "has"}
_TOKEN = re.compile(r'\s+|\(|\)|-?[A-Za-z_]+:"[^"]*"?|"[^"]*"?|[^\s()"]+')
_WORD = re.compile(r"\w+")


class QueryError(WatchfloorError):
    def __init__(self, problem: str) -> None:
        super().__init__(f"query: {problem}")


@dataclass(frozen=True)
class Term:
    """A word, a phrase (several words in order) or a prefix, normalised."""

    words: tuple[str, ...]
    prefix: bool = False
    phrase: bool = False
    raw: str = ""  # as typed (without quotes), for the transliteration keys


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


Node = Term | Not | And | Or


@dataclass
class Query:
    """A parsed query: the boolean tree of terms (None when only filters were given), the
    filters, and the free text the semantic side embeds."""

    tree: Node | None
    filters: SearchFilters = field(default_factory=SearchFilters)
    text: str = ""

    def terms(self) -> list[Term]:
        """The positive terms (those under no NOT), for highlighting and explaining."""
        out: list[Term] = []

        def walk(node: Node | None) -> None:
            if isinstance(node, Term):
                out.append(node)
            elif isinstance(node, (And, Or)):
                for n in node.nodes:
                    walk(n)

        walk(self.tree)
        return out


def _date(value: str, key: str) -> int:
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"):
        try:
            return int(datetime.strptime(value.rstrip("Z"), fmt).replace(tzinfo=UTC).timestamp())
        except ValueError:
            continue
    raise QueryError(f"{key}:{value} is not a date (write YYYY-MM-DD)")


def apply_filter(filters: SearchFilters, key: str, value: str, negated: bool = False) -> None:
    """Set one ``key:value`` filter (also what the CLI's filter options call)."""
    key = key.lower()
    value = value.strip()
    if key == "has":
        if value.lower() not in ("media", "file", "files", "attachment"):
            raise QueryError(f"has:{value} is not a filter (has:media is)")
        filters.has_media = not negated
        return
    if negated:
        raise QueryError(f"-{key}: cannot be negated (only -has:media can)")
    if not value:
        raise QueryError(f"{key}: needs a value")
    if key == "chat":
        filters.chats.append(value)
    elif key == "actor":
        filters.actors.append(value)
    elif key == "since":
        filters.since = _date(value, key)
    elif key == "until":
        filters.until = _date(value, key)
    elif key == "label":
        filters.labels.append(value)
    elif key in ("lang", "language"):
        filters.languages.append(value.lower())
    else:
        raise QueryError(f"unknown filter {key}: (known: chat, actor, since, until, label, lang, has)")


def _term(raw: str) -> Term | None:
    phrase = raw.startswith('"')
    body = raw.strip('"') if phrase else raw
    prefix = not phrase and body.endswith("*")
    words = tuple(_WORD.findall(normalise(body)))
    if not words:
        return None
    if prefix:
        if len(words) > 1 or len(words[0]) < 2:
            raise QueryError(f"{raw}: a prefix needs at least 2 letters before the *")
        return Term(words, prefix=True, raw=body)
    if len(words) > 1:
        return Term(words, phrase=True, raw=body)
    return Term(words, raw=body)


def parse(text: str, filters: SearchFilters | None = None) -> Query:
    """Parse ``text``; ``filters`` (from CLI options) are combined with the query's own."""
    if len(text) > MAX_QUERY:
        raise QueryError(f"{len(text):,} characters is too long (at most {MAX_QUERY:,})")
    filters = filters if filters is not None else SearchFilters()
    tokens: list[str] = []
    free: list[str] = []
    for tok in _TOKEN.findall(text):
        if tok.isspace():
            continue
        m = re.fullmatch(r'(-?)([A-Za-z_]+):(.*)', tok, flags=re.S)
        if m and m.group(2).lower() in _FILTERS and not tok.startswith('"'):
            apply_filter(filters, m.group(2), m.group(3).strip('"'), negated=bool(m.group(1)))
            continue
        tokens.append(tok)
        if tok not in ("(", ")", "AND", "OR", "NOT"):
            free.append(tok.lstrip("-").strip('"').rstrip("*"))
    if sum(1 for t in tokens if t not in ("(", ")", "AND", "OR", "NOT")) > MAX_TERMS:
        raise QueryError(f"more than {MAX_TERMS} terms")
    parser = _Parser(tokens)
    tree = parser.expression()
    if parser.pos < len(tokens):
        raise QueryError("unbalanced parenthesis: a ')' has no '('")
    if tree is None and not filters:
        raise QueryError("empty: give words to search for, or a filter such as chat:NAME")
    if isinstance(tree, Not):
        raise QueryError("a query cannot be only NOT: say what to find, then what to leave out")
    return Query(tree, filters, " ".join(w for w in free if w))


class _Parser:
    """expression := and_part (OR and_part)*  -- OR binds tighter than the implied AND
    (Google-like): ``a b OR c`` is ``a AND (b OR c)``."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expression(self) -> Node | None:
        parts: list[Node] = []
        while (tok := self._peek()) is not None and tok != ")":
            if tok == "AND":
                self.pos += 1
                continue
            node = self._disjunction()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _disjunction(self) -> Node | None:
        nodes = [self._unary()]
        while self._peek() == "OR":
            self.pos += 1
            nodes.append(self._unary())
        kept = [n for n in nodes if n is not None]
        if not kept:
            return None
        if any(isinstance(n, Not) for n in kept) and len(kept) > 1:
            raise QueryError("NOT inside OR is not supported: write a OR b, then NOT c")
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def _unary(self) -> Node | None:
        tok = self._peek()
        if tok is None or tok == ")":
            return None
        self.pos += 1
        if tok == "NOT":
            inner = self._unary()
            return Not(inner) if inner is not None else None
        if tok == "(":
            inner = self.expression()
            if self._peek() != ")":
                raise QueryError("unbalanced parenthesis: a '(' is never closed")
            self.pos += 1
            return inner
        if tok in ("OR", "AND"):
            return None
        if tok.startswith("-") and len(tok) > 1:
            inner = _term(tok[1:])
            return Not(inner) if inner is not None else None
        return _term(tok)
