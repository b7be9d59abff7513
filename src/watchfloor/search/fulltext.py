"""Full-text search: the query tree as an FTS5 expression over normalised text and the
transliteration keys of names, ranked by BM25."""

from __future__ import annotations

from watchfloor.search.query import And, Node, Not, Or, Query, QueryError, Term
from watchfloor.store.base import Store
from watchfloor.text.keys import text_keys


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _term_expr(term: Term) -> str:
    if term.prefix:
        return f"text : {_quote(term.words[0])}*"
    text = f"text : {_quote(' '.join(term.words))}"
    # another spelling of a name matches through the transliteration keys of its words
    keys = text_keys(term.raw)
    if not keys:
        return text
    return f"({text} OR keys : {_quote(keys)})"


def fts_expression(node: Node) -> str:
    """The FTS5 MATCH expression of a query tree; every term is a quoted string."""
    if isinstance(node, Term):
        return _term_expr(node)
    if isinstance(node, Or):
        return "(" + " OR ".join(fts_expression(n) for n in node.nodes) + ")"
    if isinstance(node, And):
        positive = [n for n in node.nodes if not isinstance(n, Not)]
        negative = [n.node for n in node.nodes if isinstance(n, Not)]
        if not positive:
            raise QueryError("a group cannot be only NOT: say what to find, then what to leave out")
        expr = "(" + " AND ".join(fts_expression(n) for n in positive) + ")"
        for n in negative:
            expr = f"({expr} NOT {fts_expression(n)})"
        return expr
    raise QueryError("a query cannot be only NOT: say what to find, then what to leave out")


def text_search(store: Store, query: Query, limit: int) -> list[tuple[int, float]]:
    """(rowid, score; higher is better) of the best ``limit`` full-text matches."""
    if query.tree is None:
        return []
    return [(rowid, -rank) for rowid, rank in store.fts_search(fts_expression(query.tree), query.filters, limit)]
