"""Actor resolution: which accounts, channels and quoted speakers are one person.

Over a whole database, actors are clustered:

1. the same platform id is the same actor (one row already; rows that differ only in how the id
   was written are joined);
2. otherwise names decide, compared part by part (``text.name_compare``) on candidate pairs found
   by *blocking* on transliteration keys - an identifying part (kunya, ism, or the nasab of a name
   known only as "Ibn X") together with a byname or father - never by comparing all pairs;
3. co-occurrence weighs in: accounts that answer each other are two people; an account that falls
   silent in a chat where another with the same name then starts is likely its successor;
4. analysts' decisions (``merge``/``split``) win: they are applied first, kept in their own table,
   and survive re-ingest and re-resolution;
5. clusters grow greedily from the strongest link down, and two clusters are never joined when a
   name in one conflicts with a name in the other - so "Muhammad" cannot chain "Muhammad al-Halabi"
   and "Muhammad al-Masri" into one person.

A shared nisba or kunya alone never merges: such actors are grouped as sharing an origin
(``actor_origins``), visibly, and kept apart. Every merge keeps its score and explanation
(``actor_links``).

Resolution runs when asked (``watchfloor actors resolve``), not after every ingest: it looks at the
whole database, and ingest stays fast. ``watchfloor actors`` says when it is stale.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from watchfloor.errors import WatchfloorError
from watchfloor.model import Origin, iso_utc
from watchfloor.store.base import ActorLink, ActorResolution, Store, StoredActor
from watchfloor.text import translit
from watchfloor.text.name_compare import Comparison, compare_parsed
from watchfloor.text.names import ParsedName, origins_of, parse
from watchfloor.text.origins import origin_key

__all__ = [
    "VERSION", "ActorInput", "Resolved", "resolve_actors", "resolve", "decide", "list_actors",
    "show_actor",
]

VERSION = f"1+translit{translit.VERSION}"
MAX_NAMES = 3  # names per actor compared (the most used ones)
MAX_BLOCK = 60  # in a bigger block (a common name) only accounts that met in a chat are compared
COMMON = 3  # from this many actors sharing a name, the name alone counts for less
NAMESAKE_WEIGHT = 1.0  # log-odds taken off per e-fold of namesakes beyond COMMON
MAX_LOOSE = 25  # a name with no byname or father is compared with at most this many namesakes
DAY = 86_400
SUCCESSION = 45 * DAY  # a new account this soon after the old one fell silent may be its successor


@dataclass(slots=True)
class ActorInput:
    """What resolution needs to know about one actor."""

    id: str
    names: list[str]  # most used first
    platform: str = ""
    platform_id: str | None = None
    note: str | None = None  # a gloss: "(the Chechen)"
    chats: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)  # chat -> (first, last)


@dataclass(slots=True)
class Resolved:
    clusters: dict[str, str]
    links: list[ActorLink]
    described: dict[str, tuple[dict[str, Any], list[Origin]]]
    origin_groups: dict[str, list[tuple[str, str]]]
    compared: int = 0  # candidate pairs compared
    blocked: int = 0  # merges refused because a name in one cluster conflicts with one in the other
    ambiguous: int = 0  # short names left alone because they fit several people
    seconds: float = 0.0


# -- names -----------------------------------------------------------------------------------------

class _Names:
    """Parsed names and their comparisons, each computed once per distinct string."""

    def __init__(self) -> None:
        self.parsed: dict[str, ParsedName] = {}
        self.signature: dict[str, str] = {}
        self.compared: dict[tuple[str, str], Comparison] = {}

    def parse(self, name: str) -> ParsedName:
        p = self.parsed.get(name)
        if p is None:
            p = self.parsed[name] = parse(name)
            # names that differ only in titles, emoji or spacing compare alike
            self.signature[name] = "\x1e".join(
                [p.gloss or ""] + ["\x1f".join((x.kind, x.marker or "", x.key, x.name, x.script)) for x in p.parts]
            )
        return p

    def compare(self, a: str, b: str) -> Comparison:
        pa, pb = self.parse(a), self.parse(b)
        sa, sb = self.signature[a], self.signature[b]
        key = (sa, sb) if sa <= sb else (sb, sa)
        c = self.compared.get(key)
        if c is None:
            c = self.compared[key] = compare_parsed(pa, pb) if sa <= sb else compare_parsed(pb, pa)
        return c


def _blocks(p: ParsedName) -> tuple[list[str], list[str]]:
    """(identifying keys, secondary keys) of a parsed name."""
    idents = [f"k{k.marker}:{k.key}" for k in p.kunya if k.key]
    if p.ism and p.ism.key:
        idents.append(f"i:{p.ism.key}")
    if not idents and p.nasab and p.nasab[0].key:
        idents.append(f"n:{p.nasab[0].key}")  # "Ibn Taymiyya": known by the nasab
    secondary = [f"b:{x.key}" for x in p.nisba + p.laqab if x.key]
    if p.nasab and p.nasab[0].key and not idents[-1:] == [f"n:{p.nasab[0].key}"]:
        secondary.append(f"f:{p.nasab[0].key}")
    return idents, secondary


def _origin_ids(origins: list[Origin]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(k for k in map(origin_key, origins) if k is not None))


# -- co-occurrence ---------------------------------------------------------------------------------

def _cooccurrence(a: ActorInput, b: ActorInput, replies: dict[tuple[str, str], int]) -> tuple[float, list[str]]:
    """Log-odds evidence from where and when the two actors wrote."""
    n = replies.get((a.id, b.id), 0) + replies.get((b.id, a.id), 0)
    if n:
        return -3.0, [f"they reply to each other ({n} time{'s' if n != 1 else ''}): two people in one conversation"]
    shared = a.chats.keys() & b.chats.keys()
    if not shared:
        if a.chats and b.chats:
            return -0.5, ["never in the same chat"]
        return 0.0, []
    succession = overlap = 0
    for chat in shared:
        (fa, la), (fb, lb) = a.chats[chat], b.chats[chat]
        if None in (fa, la, fb, lb):
            continue
        gap = max(fb - la, fa - lb)  # type: ignore[operator]
        if 0 <= gap <= SUCCESSION:
            succession += 1
        elif min(la, lb) - max(fa, fb) > DAY:  # type: ignore[operator]
            overlap += 1
    if succession and not overlap:
        return 1.0, [f"one falls silent where the other starts soon after ({succession} shared chat{'s' if succession != 1 else ''})"]
    if overlap:
        return -0.5, [f"both wrote in the same chat at the same time ({overlap} chat{'s' if overlap != 1 else ''})"]
    return 0.0, [f"{len(shared)} chat{'s' if len(shared) != 1 else ''} in common"]


# -- clustering ------------------------------------------------------------------------------------

class _Clusters:
    """Union-find that refuses joins across an analyst's split or a conflict between names."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}
        self.members: dict[str, list[str]] = {i: [i] for i in self.parent}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        return ra


def resolve_actors(
    actors: Sequence[ActorInput],
    *,
    replies: dict[tuple[str, str], int] | None = None,
    decisions: Sequence[tuple[str, str, str]] = (),
) -> Resolved:
    """Cluster actors (pure: no database). ``decisions`` are (a, b, "merge" | "split"), oldest first."""
    started = time.perf_counter()
    replies = replies or {}
    names = _Names()
    by_id = {a.id: a for a in actors}
    ids = list(by_id)
    top = {a.id: [n for n in dict.fromkeys(a.names) if n and n.strip()][:MAX_NAMES] for a in actors}

    # describe every actor by its main name (and gloss)
    described: dict[str, tuple[dict[str, Any], list[Origin]]] = {}
    origin_groups: dict[str, list[tuple[str, str]]] = {}
    for a in actors:
        main = top[a.id][0] if top[a.id] else ""
        parsed = names.parse(main)
        origins = origins_of(parsed, a.note)
        described[a.id] = (parsed.as_dict(), origins)
        groups = _origin_ids(origins)
        for other in top[a.id][1:]:
            groups += [g for g in _origin_ids(origins_of(names.parse(other))) if g not in groups]
        if groups:
            origin_groups[a.id] = groups

    # candidate pairs by blocking
    block: dict[str, list[str]] = defaultdict(list)
    ident_index: dict[str, list[str]] = defaultdict(list)
    loose: list[tuple[str, list[str]]] = []
    for a in actors:
        all_idents: set[str] = set()
        has_secondary = False
        for name in top[a.id]:
            idents, secondary = _blocks(names.parse(name))
            all_idents.update(idents)
            has_secondary = has_secondary or bool(secondary)
            for i in idents:
                for s in secondary:
                    block[f"{i}|{s}"].append(a.id)
        for i in all_idents:
            ident_index[i].append(a.id)
        if all_idents and not has_secondary:
            loose.append((a.id, sorted(all_idents)))
    # pair -> how many actors share the name that made them candidates (fewest over their blocks)
    pairs: dict[tuple[str, str], int] = {}

    def add(group: list[str], namesakes: int) -> None:
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                pair = (group[i], group[j])
                if pairs.get(pair, namesakes + 1) > namesakes:
                    pairs[pair] = namesakes

    for members in block.values():
        members = sorted(set(members))
        if len(members) <= MAX_BLOCK:
            add(members, len(members))
            continue
        # a common name ("Abu Muhammad al-Iraqi"): only accounts that met in a chat are candidates,
        # and only those written alike within a chat that is itself crowded
        by_chat: dict[str, list[str]] = defaultdict(list)
        for m in members:
            for chat in by_id[m].chats:
                by_chat[chat].append(m)
        for group in by_chat.values():
            if len(group) <= MAX_BLOCK:
                add(group, len(members))
                continue
            alike: dict[str, list[str]] = defaultdict(list)
            for m in group:
                alike[translit.name_key(top[m][0])].append(m)
            for g in alike.values():
                if len(g) <= MAX_BLOCK:
                    add(g, len(members))
    loose_ids = {actor for actor, _ in loose}
    for actor, idents in loose:
        for ident in idents:
            namesakes = ident_index[ident]
            if len(namesakes) > MAX_LOOSE + 1:
                continue  # "Abu Muhammad" alone: too many namesakes to pick one
            for other in namesakes:
                if other != actor:
                    pair = (min(actor, other), max(actor, other))
                    pairs[pair] = min(pairs.get(pair, len(namesakes)), len(namesakes))

    # score the candidates
    edges: list[tuple[float, str, str, str]] = []
    for (x, y), namesakes in sorted(pairs.items()):
        best: Comparison | None = None
        for nx in top[x]:
            for ny in top[y]:
                c = names.compare(nx, ny)
                if best is None or (c.same_person, c.score) > (best.same_person, best.score):
                    best = c
        if best is None or not best.same_person:
            continue
        bonus, why = _cooccurrence(by_id[x], by_id[y], replies)
        if not best.complete and bonus <= 0:
            # one name has a part the other lacks ("Abu Ahmad al-Falluji", "Abu Ahmad al-Jubouri
            # al-Falluji"): that fits, but only where they met does it count
            continue
        if namesakes > COMMON:
            # a name many actors share is weak evidence on its own
            bonus -= NAMESAKE_WEIGHT * math.log(namesakes / COMMON)
            why.append(f"{namesakes} actors share this name")
        score = 1 / (1 + math.exp(-(_logit(best.score) + bonus)))
        if score < 0.5:
            continue
        explanation = best.explanation + ("; " + "; ".join(why) if why else "")
        edges.append((score, x, y, explanation))

    # a name with no byname or father ("Abu Omar") that fits two people who are not one
    # ("Abu Omar al-Halabi", "Abu Omar al-Tunisi") is left alone rather than given to either
    fits: dict[str, list[str]] = defaultdict(list)
    for _, x, y, _ in edges:
        if x in loose_ids:
            fits[x].append(y)
        if y in loose_ids:
            fits[y].append(x)
    ambiguous = {
        actor for actor, others in fits.items()
        if len(others) > 1 and any(_conflict(names, [p], [q], top) for i, p in enumerate(others) for q in others[i + 1:])
    }
    if ambiguous:
        edges = [e for e in edges if e[1] not in ambiguous and e[2] not in ambiguous]

    candidates = [ActorLink(x, y, round(score, 3), explanation, "names") for score, x, y, explanation in edges]
    by_platform: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in actors:
        if a.platform and a.platform_id:
            by_platform[(a.platform, a.platform_id.lower().removeprefix("user"))].append(a.id)
    for (platform, pid), same in by_platform.items():
        candidates += [ActorLink(same[0], other, 1.0, f"the same {platform} id {pid}", "platform_id")
                       for other in same[1:]]
    result, links, blocked = _cluster(ids, candidates, decisions, lambda xs, ys: _conflict(names, xs, ys, top))
    return Resolved(result, links, described, origin_groups, compared=len(pairs), blocked=blocked,
                    ambiguous=len(ambiguous), seconds=time.perf_counter() - started)


def _cluster(
    ids: Sequence[str],
    candidates: Sequence[ActorLink],
    decisions: Sequence[tuple[str, str, str]],
    conflict: Callable[[list[str], list[str]], bool],
) -> tuple[dict[str, str], list[ActorLink], int]:
    """Clusters from analysts' decisions (first), then the same platform id, then name links from the
    strongest down; never across an analyst's split, never joining clusters whose names conflict.
    Returns (actor -> cluster, every link with ``merged`` set where it joined two clusters, joins
    refused for a conflict). A cluster is named after its smallest actor id."""
    clusters = _Clusters(ids)
    known = clusters.parent
    splits = {(min(a, b), max(a, b)) for a, b, d in decisions if d == "split" and a in known and b in known}

    def split_between(ra: str, rb: str) -> bool:
        if not splits:
            return False
        small, big = sorted((clusters.members[ra], clusters.members[rb]), key=len)
        return any((min(m, o), max(m, o)) in splits for m in small for o in big)

    analyst = [ActorLink(a, b, 1.0, "an analyst merged them", "analyst") for a, b, d in decisions
               if d == "merge" and a in known and b in known]
    ordered = analyst + sorted(
        (c for c in candidates if c.a in known and c.b in known and c.source != "analyst"),
        key=lambda c: (c.source != "platform_id", -c.score, c.a, c.b),
    )
    links: list[ActorLink] = []
    blocked = 0
    for link in ordered:
        ra, rb = clusters.find(link.a), clusters.find(link.b)
        merged = False
        if ra != rb and not split_between(ra, rb):
            if link.source == "names" and conflict(clusters.members[ra], clusters.members[rb]):
                blocked += 1
            else:
                clusters.union(link.a, link.b)
                merged = True
        links.append(replace(link, merged=merged))
    result: dict[str, str] = {}
    for members in clusters.members.values():
        name = min(members)
        for m in members:
            result[m] = name
    return result, links, blocked


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _conflict(names: _Names, xs: list[str], ys: list[str], top: dict[str, list[str]]) -> bool:
    """Whether any main name in one cluster conflicts with any in the other."""
    nx = list(dict.fromkeys(top[m][0] for m in xs if top[m]))[:12]
    ny = list(dict.fromkeys(top[m][0] for m in ys if top[m]))[:12]
    for a in nx:
        for b in ny:
            c = names.compare(a, b)
            if c.conflict or (not c.same_person and c.score < 0.2):
                return True
    return False


# -- over a database -------------------------------------------------------------------------------

def _inputs(store: Store, ids: Sequence[str] | None = None) -> tuple[list[ActorInput], list[StoredActor]]:
    stored = list(store.stored_actors(ids, described=False))
    inputs = []
    for s in stored:
        names = [n.name for n in s.names]
        if s.name and s.name not in names:
            names.insert(0, s.name)
        inputs.append(ActorInput(s.id, names, s.platform, s.platform_id, s.note))
    return inputs, stored


def resolve(store: Store) -> dict[str, Any]:
    """Resolve every actor in ``store`` and write the result (one transaction)."""
    started = time.perf_counter()
    inputs, _ = _inputs(store)
    wanted = {a.id: a for a in inputs}
    for actor, chat, _count, first, last in store.actor_chats():
        if actor in wanted:
            wanted[actor].chats[chat] = (first, last)
    replies = {(a, b): n for a, b, n in store.actor_replies()}
    decisions = [(d.a, d.b, d.decision) for d in store.actor_decisions()]
    res = resolve_actors(inputs, replies=replies, decisions=decisions)
    seconds = time.perf_counter() - started
    store.save_resolution(ActorResolution(res.clusters, res.links, res.described, res.origin_groups,
                                          seconds=seconds, version=VERSION))
    sizes: dict[str, int] = defaultdict(int)
    for c in res.clusters.values():
        sizes[c] += 1
    shared = _shared_origins(res.origin_groups, res.clusters)
    return {
        "actors": len(res.clusters),
        "clusters": len(sizes),
        "merged_actors": sum(n for n in sizes.values() if n > 1),
        "links": sum(1 for x in res.links if x.merged),
        "candidate_pairs": res.compared,
        "refused_for_conflict": res.blocked,
        "ambiguous_short_names": res.ambiguous,
        "shared_origin_groups": len(shared),
        "seconds": round(seconds, 3),
    }


def _shared_origins(groups: dict[str, list[tuple[str, str]]], clusters: dict[str, str]) -> dict[str, set[str]]:
    by_origin: dict[str, set[str]] = defaultdict(set)
    for actor, origins in groups.items():
        for origin, _label in origins:
            by_origin[origin].add(clusters.get(actor, actor))
    return {o: c for o, c in by_origin.items() if len(c) > 1}


def decide(store: Store, a: str, b: str | None, decision: str, note: str | None = None) -> dict[str, Any]:
    """Record an analyst's merge or split and re-resolve the clusters it touches.

    ``split A`` without B takes A out of its cluster: it is recorded as a split from each member."""
    known = {s.id: s for s in store.stored_actors([x for x in (a, b) if x])}
    for x in (a, b):
        if x is not None and x not in known:
            raise WatchfloorError(f"{x}: no such actor (see `watchfloor actors`)")
    if b is not None and a == b:
        raise WatchfloorError(f"{a}: give two different actors")
    if b is None:
        if decision != "split":
            raise WatchfloorError("merge needs two actors")
        cluster = known[a].cluster or a
        others = [x for x in store.actors_in_clusters([cluster]) if x != a]
        if not others:
            raise WatchfloorError(f"{a}: is alone in its cluster already")
        partners = others
    else:
        partners = [b]
    recorded = [store.decide_actors(a, p, decision, note) for p in partners]
    # re-resolve the clusters involved, with their stored links and every decision
    # re-cluster the clusters involved and those their links reach (a split can free an actor to
    # join a neighbour it was kept from)
    clusters = {known[a].cluster or a} | {s.cluster or s.id for s in store.stored_actors(partners)}
    member_set = set(store.actors_in_clusters(sorted(clusters)))
    while True:
        links = store.actor_links(sorted(member_set))
        reached = {x for link in links for x in (link.a, link.b)} - member_set
        if not reached or len(member_set) > 5000:
            break
        more = {s.cluster or s.id for s in store.stored_actors(sorted(reached))}
        member_set |= reached | set(store.actors_in_clusters(sorted(more)))
    members = sorted(member_set)
    inputs, _ = _inputs(store, members)
    links = [x for x in links if x.a in member_set and x.b in member_set]
    decisions = [(d.a, d.b, d.decision) for d in store.actor_decisions()]
    res = _recluster(inputs, links, decisions)
    store.save_resolution(ActorResolution(res.clusters, res.links, {}, {}, partial=True, version=VERSION))
    together = {res.clusters[a] == res.clusters[p] for p in partners}
    if decision == "merge" and together != {True}:
        outcome = "recorded, but an earlier split keeps them apart (split or merge that pair again to change it)"
    elif decision == "split" and True in together:
        outcome = "recorded, but an earlier merge keeps them together (split that pair too)"
    else:
        outcome = "merged" if decision == "merge" else "split"
    return {
        "decision": decision,
        "outcome": outcome,
        "recorded": [{"a": d.a, "b": d.b, "decision": d.decision, "note": d.note, "decided_at": d.decided_at}
                     for d in recorded],
        "clusters": _members_by_cluster(res.clusters),
    }


def _recluster(inputs: list[ActorInput], links: list[ActorLink], decisions: Sequence[tuple[str, str, str]]) -> Resolved:
    """Cluster a few actors again from their stored links (no new candidates) and the decisions."""
    names = _Names()
    top = {a.id: [n for n in dict.fromkeys(a.names) if n and n.strip()][:MAX_NAMES] for a in inputs}
    result, out, blocked = _cluster([a.id for a in inputs], links, decisions,
                                    lambda xs, ys: _conflict(names, xs, ys, top))
    return Resolved(result, out, {}, {}, blocked=blocked)


def _members_by_cluster(clusters: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for actor, cluster in sorted(clusters.items()):
        out[cluster].append(actor)
    return dict(out)


# -- listing ---------------------------------------------------------------------------------------

def _origin_dict(o: Origin) -> dict[str, Any]:
    return {"name": o.name, "kind": o.kind, "country": o.country, "lat": o.lat, "lon": o.lon,
            "geonames_id": o.geonames_id, "via": o.via}


def list_actors(store: Store, *, cluster: str | None = None) -> dict[str, Any]:
    """Every actor (or one cluster's): id, names seen, cluster, origins, message count, first and
    last seen, and the other clusters it shares an origin with."""
    actors = list(store.stored_actors())
    sizes: dict[str, int] = defaultdict(int)
    for s in actors:
        sizes[s.cluster or s.id] += 1
    groups = store.origin_groups()
    clusters_of = {s.id: s.cluster or s.id for s in actors}
    shared: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for origin, members in groups.items():
        cl = {clusters_of.get(a, a) for a, _ in members}
        if len(cl) < 2:
            continue
        label = members[0][1]
        for a, _ in members:
            shared[a].append({"origin": origin, "label": label, "clusters": len(cl)})
    out = []
    for s in actors:
        c = s.cluster or s.id
        if cluster is not None and c != cluster:
            continue
        parts, origins = s.name_parts, s.origins
        if not parts and (s.name or s.names):
            from watchfloor.text.names import describe_name  # not resolved yet: describe on the fly

            parts, origins = describe_name(s.name or s.names[0].name, s.note)
        out.append({
            "id": s.id,
            "name": s.name,
            "names": [{"name": n.name, "messages": n.messages, "first_seen": iso_utc(n.first_seen),
                       "last_seen": iso_utc(n.last_seen)} for n in s.names],
            "cluster": c,
            "cluster_size": sizes[c],
            "origins": [_origin_dict(o) for o in origins],
            "shared_origin": shared.get(s.id, []),
            "messages": s.messages,
            "first_seen": iso_utc(s.first_seen),
            "last_seen": iso_utc(s.last_seen),
            "role": s.role,
            "name_parts": parts,
        })
    out.sort(key=lambda r: (-sizes[r["cluster"]], r["cluster"], -r["messages"], r["id"]))
    return {"resolution": store.resolution_state(), "actors": out}


def show_actor(store: Store, actor: str) -> dict[str, Any]:
    """One actor's cluster: its members, the links that made it (score and explanation), the
    analysts' decisions on them, and who shares their origins."""
    found = list(store.stored_actors([actor]))
    if not found:
        raise WatchfloorError(f"{actor}: no such actor (see `watchfloor actors`)")
    cluster = found[0].cluster or found[0].id
    listing = list_actors(store, cluster=cluster)
    members = [a["id"] for a in listing["actors"]]
    member_set = set(members)
    links = [x for x in store.actor_links(members) if x.a in member_set and x.b in member_set]
    decisions = [d for d in store.actor_decisions() if d.a in member_set or d.b in member_set]
    return {
        "cluster": cluster,
        "members": listing["actors"],
        "links": [{"a": x.a, "b": x.b, "score": x.score, "source": x.source, "merged": x.merged,
                   "explanation": x.explanation} for x in links],
        "decisions": [{"a": d.a, "b": d.b, "decision": d.decision, "note": d.note, "decided_at": d.decided_at}
                      for d in decisions],
        "resolution": listing["resolution"],
    }
