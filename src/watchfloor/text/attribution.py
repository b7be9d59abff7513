"""Attribute the quotations of an article to their speakers.

Given an article's text and its paragraphs, find every quoted statement, the cue that introduces
it ("wrote", "said", "according to", "قال") and the person or organisation who said it; and the
blocks the article attributes to a wire service ("Northline Press reported:" + a paragraph or a
block quotation), which are reporting rather than a speaker's words.

The rules, in the order they are tried for each quoted passage:

1. **Lead-in** — a cue right before the quotation in the same sentence: "group member Abu Khalid
   Alhalaby wrote, “…”", "Alhalaby added, “…”", "According to Samadi's lawyer, Ines Varga, “…”",
   "وقال أبو عمر الحلبي: «…»". A paragraph that ends "X wrote:" leads into a quotation that opens
   the next paragraph.
2. **Trailing attribution** — "“…,” Idrissi added.", "“…,” said Dr. Helen Marwick, a researcher.",
   "“…,” according to Rafiq Samadi."
3. **Partial quotation** — a speech verb earlier in the sentence: "Alshishani said the newcomers
   “do not understand the valley”".
4. **Continuation** — a quotation with no cue of its own that follows an attributed one in the
   same paragraph, with nothing but that attribution between them, has the same speaker.

A quoted passage none of these attributes (a scare quote, a title, a nickname) is not a statement
and stays part of the narrative. A statement whose speaker slot holds no name ("one of them
said") is kept, with no speaker.

Speakers are resolved within the article: a pronoun to the person last named; a short form
("Alhalaby", "Abu Omar") to the most recent fuller name that contains it; "the group" to the
armed group last named; "the Emir" to the speaker with that role.

Time is linear in the text: every window looked at is bounded, and narrative name runs are
computed once per paragraph, only for paragraphs a resolution needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from watchfloor.text.quotes import Paragraph, Quoted, find_quoted
from watchfloor.text.speakers import (
    ARMED_WORDS, WIRE_WORDS, Mention, Run, after_cue, arabic_after_cue, before_cue, contains,
    is_arabic, name_keys, narrative_runs,
)

# English speech cues; "according to" is its own case (the speaker follows it)
_CUE_FORMS = {
    "said": "said", "says": "said", "say": "said",
    "wrote": "wrote", "writes": "wrote", "written": "wrote", "write": "wrote",
    "added": "added", "adds": "added",
    "told": "told", "tells": "told",
    "posted": "posted",
    "replied": "replied", "replies": "replied",
    "answered": "answered",
    "warned": "warned", "warns": "warned",
    "declared": "declared", "declares": "declared",
    "stated": "stated",
    "insisted": "insisted", "insists": "insisted",
    "explained": "explained", "explains": "explained",
    "continued": "continued", "continues": "continued",
    "asked": "asked", "asks": "asked",
    "urged": "urged", "urges": "urged",
    "boasted": "boasted", "boasts": "boasted",
    "announced": "announced", "announces": "announced",
    "vowed": "vowed",
    "threatened": "threatened", "threatens": "threatened",
    "messaged": "messaged",
    "responded": "responded", "responds": "responded",
    "commented": "commented",
    "remarked": "remarked",
    "reported": "reported", "reports": "reported",
    "recalled": "recalled", "recalls": "recalled",
    "argued": "argued", "argues": "argued",
    "admitted": "admitted", "admits": "admitted",
    "claimed": "claimed",
    "texted": "texted",
}
# verbs that also introduce a partial quotation later in their sentence
_PARTIAL = frozenset({"said", "wrote", "added", "told", "warned", "claimed", "insisted", "argued", "declared", "vowed"})
_CUE = re.compile(
    r"\b(?:(?P<acc>[Aa]ccording to)|(?P<verb>" + "|".join(sorted(_CUE_FORMS, key=len, reverse=True)) + r"))\b"
)
_AR_CUES = (
    "قال", "قالت", "أضاف", "أضافت", "اضاف", "اضافت", "كتب", "كتبت", "صرح", "صرحت", "أكد", "أكدت",
    "تابع", "تابعت", "ذكر", "ذكرت", "أوضح", "أوضحت", "نشر", "نشرت", "علق", "علقت", "حذر", "حذرت",
    "أعلن", "أعلنت",
)
_AR_CUE = re.compile(
    r"(?<![\u0600-\u06ff])[وف]?(?P<ar>" + "|".join(sorted(_AR_CUES, key=len, reverse=True))
    + r")(?![\u0600-\u06ff])"
)
_BOUNDARY = re.compile(r"[.!?؟][\"”’»)]*\s+")
_END = re.compile(r"[.!?؟][\"”’»)]*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof lt col gen capt sgt st jr sr no mt rev gov sen rep maj cmdr insp det vs etc".split()
)
_OPENERS = "\u201c\"\u201e\u00ab"

LEAD_WINDOW = 600
TAIL_WINDOW = 400
DIRECT_WORDS = 10  # at most this many words between a cue and the quotation it introduces
ARABIC_DIRECT_WORDS = 16
PARTIAL_WORDS = 14
TAIL_SUBJECT_WORDS = 10
ANTECEDENT_PARAGRAPHS = 12


@dataclass(slots=True)
class Speaker:
    """A person or organisation the article quotes."""

    name: str
    keys: tuple[str, ...]
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    note: str | None = None
    last_at: int = 0  # where the article last referred to them


@dataclass(slots=True)
class Statement:
    """A quotation (or a wire service's reported block) and who it is attributed to."""

    kind: str  # "quote" or "reporting"
    start: int
    end: int
    cue: str | None
    speaker: int | None  # index into Attribution.speakers
    surface: str | None  # the name as the attribution wrote it
    insertions: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Attribution:
    statements: list[Statement]
    speakers: list[Speaker]


def attribute(text: str, paragraphs: Sequence[Paragraph]) -> Attribution:
    """Every attributed statement of an article, with its speakers."""
    quoted = find_quoted(text, paragraphs)
    resolver = _Resolver(text, paragraphs, quoted)
    statements: list[Statement] = []
    by_quote: dict[int, Statement] = {}
    for qi, q in enumerate(quoted):
        found = _attribute_one(text, paragraphs, quoted, qi, by_quote, resolver)
        if found is not None:
            by_quote[qi] = found
            statements.append(found)
    statements.extend(_reported_blocks(text, paragraphs, resolver))
    statements.sort(key=lambda s: (s.start, s.end))
    return Attribution(statements=statements, speakers=resolver.speakers)


# ----------------------------------------------------------------------------- one quotation

def _attribute_one(
    text: str, paragraphs: Sequence[Paragraph], quoted: list[Quoted], qi: int,
    by_quote: dict[int, Statement], resolver: _Resolver,
) -> Statement | None:
    q = quoted[qi]
    pi = q.paragraphs[0]
    para = paragraphs[pi]
    prev = quoted[qi - 1] if qi > 0 and quoted[qi - 1].paragraphs[1] == pi else None
    floor = prev.close_at + 1 if prev is not None and prev.close_at is not None else para.start
    lead_start = sentence_start(text, floor, q.open_at)
    lead = text[lead_start:q.open_at]
    opens_paragraph = not text[para.start:q.open_at].strip()
    if opens_paragraph and pi > 0:
        before = paragraphs[pi - 1]
        if text[before.start:before.end].rstrip().endswith(":"):
            start = sentence_start(text, before.start, before.end)
            lead = text[start:before.end].rstrip()
            lead_start = start

    tail = ""
    if q.close_at is not None:
        last = q.paragraphs[1]
        nxt = quoted[qi + 1] if qi + 1 < len(quoted) and quoted[qi + 1].paragraphs[0] == last else None
        ceiling = nxt.open_at if nxt is not None else paragraphs[last].end
        tail = text[q.close_at + 1:sentence_end(text, q.close_at + 1, ceiling)]

    same_sentence = prev is not None and prev.close_at is not None and lead_start <= prev.close_at + 1
    inherited = by_quote.get(qi - 1) if same_sentence else None

    def make(cue: str, mention: Mention, at: int) -> Statement:
        speaker, surface = resolver.resolve(mention, at)
        return Statement("quote", q.start, q.end, cue, speaker, surface, list(q.insertions))

    # 1. a cue right before the quotation
    cue = _last_cue(lead)
    if cue is not None:
        right = lead[cue.end():]
        words = len(right.split())
        # Arabic puts the speaker after the verb, so the name and its apposition sit in between
        limit = ARABIC_DIRECT_WORDS if cue.re is _AR_CUE else DIRECT_WORDS
        direct = words <= limit and (right.strip() == "" or right.rstrip()[-1:] in ",:،")
        partial = not direct and words <= PARTIAL_WORDS and (
            _cue_name(cue) in _PARTIAL or cue.re is _AR_CUE)
        if direct or partial:
            mention = _slot(lead[:cue.start()], cue, right)
            if mention.kind == "none" and inherited is not None:
                return Statement("quote", q.start, q.end, _cue_name(cue), inherited.speaker,
                                 inherited.surface, list(q.insertions))
            if mention.kind != "none" or direct:
                return make(_cue_name(cue), mention, lead_start)
    # 2. an attribution after it
    if tail:
        stripped = tail.lstrip(" ,،")
        cue = _first_cue(stripped)
        if cue is not None:
            left = stripped[:cue.start()]
            if len(left.split()) <= TAIL_SUBJECT_WORDS:
                mention = _slot(left, cue, stripped[cue.end():])
                if mention.kind != "none":
                    return make(_cue_name(cue), mention, q.close_at or q.end)
    # 4. a continuation of the previous statement in this paragraph
    earlier = by_quote.get(qi - 1)
    if earlier is not None and prev is not None and prev.close_at is not None:
        between = text[prev.close_at + 1:q.open_at]
        if _sentences_between(between) <= 1 and not _first_cue(lead):
            return Statement("quote", q.start, q.end, earlier.cue, earlier.speaker, earlier.surface,
                             list(q.insertions))
    return None


def _slot(left: str, cue: re.Match[str], right: str) -> Mention:
    """The speaker of a cue: written before it, or after it ("according to X", "wrote X",
    Arabic verb-first order)."""
    if cue.re is _AR_CUE:
        return arabic_after_cue(right)
    if cue.group("acc"):
        return after_cue(right)
    mention = before_cue(left)
    if mention.kind == "none" and right.strip()[:1].isupper():
        mention = after_cue(right)
    return mention


def _cue_name(cue: re.Match[str]) -> str:
    if cue.re is _AR_CUE:
        return cue.group("ar")
    if cue.group("acc"):
        return "according to"
    return _CUE_FORMS[cue.group("verb")]


def _cues(text: str) -> list[re.Match[str]]:
    found = list(_CUE.finditer(text))
    if is_arabic(text):
        found.extend(_AR_CUE.finditer(text))
        found.sort(key=lambda m: m.start())
    return found


def _last_cue(text: str) -> re.Match[str] | None:
    found = _cues(text)
    return found[-1] if found else None


def _first_cue(text: str) -> re.Match[str] | None:
    found = _cues(text)
    return found[0] if found else None


# ----------------------------------------------------------------------------- sentences

def _is_boundary(text: str, period: int) -> bool:
    """Whether the full stop at ``period`` ends a sentence (not "Dr." or an initial "S.")."""
    if text[period] != ".":
        return True
    start = period
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:period].lstrip("(\"“«")
    if len(word) == 1 and word.isupper():
        return False
    return word.lower() not in _ABBREVIATIONS


def _sentences_between(text: str) -> int:
    return sum(1 for m in _BOUNDARY.finditer(text) if _is_boundary(text, m.start()))


def sentence_start(text: str, floor: int, pos: int) -> int:
    """Where the sentence holding ``pos`` starts, not before ``floor``."""
    lo = max(floor, pos - LEAD_WINDOW)
    best = lo
    for m in _BOUNDARY.finditer(text, lo, pos):
        if _is_boundary(text, m.start()):
            best = m.end()
    return best


def sentence_end(text: str, pos: int, ceiling: int) -> int:
    """Where the sentence running at ``pos`` ends (after its full stop), not after ``ceiling``."""
    hi = min(ceiling, pos + TAIL_WINDOW)
    for m in _END.finditer(text, pos, hi):
        if _is_boundary(text, m.start()):
            return m.end()
    return hi


# ----------------------------------------------------------------------------- wire blocks

def _reported_blocks(
    text: str, paragraphs: Sequence[Paragraph], resolver: _Resolver
) -> list[Statement]:
    """"Northline Press, a regional wire service, reported:" followed by a paragraph (or by a
    block quotation of several) that does not open with a quotation mark."""
    found: list[Statement] = []
    for i in range(len(paragraphs) - 1):
        para = paragraphs[i]
        body = text[para.start:para.end].rstrip()
        if not body.endswith(":"):
            continue
        start = sentence_start(text, para.start, para.start + len(body))
        sentence = text[start:para.start + len(body) - 1]
        cue = _last_cue(sentence)
        if cue is None or len(sentence[cue.end():].split()) > DIRECT_WORDS:
            continue
        nxt = paragraphs[i + 1]
        if text[nxt.start:nxt.end].lstrip()[:1] in _OPENERS:
            continue  # a quotation: the lead-in rule attributes it
        last = i + 1
        if nxt.block:
            while last + 1 < len(paragraphs) and paragraphs[last + 1].block:
                last += 1
        mention = _slot(sentence[:cue.start()], cue, sentence[cue.end():])
        speaker, surface = resolver.resolve(mention, start)
        wire = _cue_name(cue) == "reported" or (
            mention.kind == "name" and mention.keys and mention.keys[-1] in WIRE_WORDS
        )
        found.append(Statement(
            kind="reporting" if wire else "quote", start=nxt.start, end=paragraphs[last].end,
            cue=_cue_name(cue), speaker=speaker, surface=surface,
        ))
    return found


# ----------------------------------------------------------------------------- speakers

class _Resolver:
    """The speakers of one article, and how a mention maps to one of them."""

    def __init__(self, text: str, paragraphs: Sequence[Paragraph], quoted: list[Quoted]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.speakers: list[Speaker] = []
        self._quoted = quoted
        self._runs: dict[int, list[Run]] = {}
        self._starts = [p.start for p in paragraphs]
        # narrative runs of the paragraphs read so far, by key (names of several words) and by
        # the last word (organisations), each list in text order
        self._indexed = 0
        self._names: dict[str, dict[tuple[str, ...], list[Run]]] = {}
        self._orgs: dict[str, list[Run]] = {}
        self._armed: list[Run] = []
        self._speaker_keys: dict[str, list[int]] = {}
        self._recent: int | None = None  # the speaker referred to last

    # narrative name runs, per paragraph, quotations left out
    def runs(self, index: int) -> list[Run]:
        cached = self._runs.get(index)
        if cached is None:
            para = self.paragraphs[index]
            pieces: list[tuple[int, int]] = []
            pos = para.start
            for q in self._quoted_in(index):
                if q.open_at > pos:
                    pieces.append((pos, q.open_at))
                pos = max(pos, (q.close_at + 1) if q.close_at is not None else para.end)
            if pos < para.end:
                pieces.append((pos, para.end))
            cached = [r for s, e in pieces for r in narrative_runs(self.text, s, e)]
            self._runs[index] = cached
        return cached

    def _quoted_in(self, index: int) -> list[Quoted]:
        para = self.paragraphs[index]
        return [q for q in self._bisect_quoted(para.start, para.end)]

    def _bisect_quoted(self, start: int, end: int) -> list[Quoted]:
        import bisect

        opens = getattr(self, "_opens", None)
        if opens is None:
            opens = self._opens = [q.open_at for q in self._quoted]
        i = bisect.bisect_left(opens, start)
        # a quotation that began in an earlier paragraph may run into this one
        out = []
        if i > 0 and self._quoted[i - 1].close_at is not None and self._quoted[i - 1].close_at >= start:
            out.append(self._quoted[i - 1])
        while i < len(opens) and opens[i] < end:
            out.append(self._quoted[i])
            i += 1
        return out

    def _paragraph_at(self, pos: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def _runs_before(self, at: int, limit: int) -> list[Run]:
        """Narrative runs before ``at``, nearest first, over at most ``limit`` paragraphs."""
        index = self._paragraph_at(at)
        out: list[Run] = []
        stop = max(-1, index - limit)
        for i in range(index, stop, -1):
            out.extend(r for r in reversed(self.runs(i)) if r.end <= at)
        return out

    def resolve(self, mention: Mention, at: int) -> tuple[int | None, str | None]:
        """The speaker a mention at ``at`` refers to (creating it if new), and its surface form."""
        if mention.kind == "name" and mention.name:
            return self._by_name(mention, at), mention.name
        if mention.kind == "pronoun":
            return self._antecedent(at)
        if mention.kind == "descriptor" and mention.head:
            return self._by_descriptor(mention, at)
        return None, None

    def _index_to(self, at: int) -> None:
        """Index the narrative runs of every paragraph up to the one holding ``at``."""
        last = self._paragraph_at(at)
        while self._indexed <= last:
            for run in self.runs(self._indexed):
                if run.org and run.keys:
                    self._orgs.setdefault(run.keys[-1], []).append(run)
                    if run.keys[-1] in ARMED_WORDS:
                        self._armed.append(run)
                elif len(run.keys) > 1:
                    for key in set(run.keys):
                        self._names.setdefault(key, {}).setdefault(run.keys, []).append(run)
            self._indexed += 1

    def _fuller(self, keys: tuple[str, ...], at: int) -> Run | None:
        """The nearest run before ``at`` of which ``keys`` is a part ("Abu Yaqub al-Tarabulsi"
        for "al-Tarabulsi")."""
        if not keys:
            return None
        self._index_to(at)
        best: Run | None = None
        for full, runs in self._names.get(keys[0], {}).items():
            if len(full) <= len(keys) or not contains(full, keys):
                continue
            for run in reversed(runs):  # the latest mention of this name before ``at``
                if run.end <= at:
                    if best is None or run.start > best.start:
                        best = run
                    break
        return best

    def _register(self, index: int) -> None:
        for key in set(self.speakers[index].keys):
            ids = self._speaker_keys.setdefault(key, [])
            if index not in ids:
                ids.append(index)

    def _by_name(self, mention: Mention, at: int) -> int:
        keys = mention.keys
        assert mention.name is not None
        best: int | None = None
        candidates = {i for k in set(keys) for i in self._speaker_keys.get(k, ())}
        for i in sorted(candidates):
            s = self.speakers[i]
            if contains(s.keys, keys) or contains(keys, s.keys):
                if best is None or s.last_at >= self.speakers[best].last_at:
                    best = i
        run = self._fuller(keys, at)
        if (
            run is not None and best is not None
            and run.start > self.speakers[best].last_at
            and not contains(self.speakers[best].keys, run.keys)
        ):
            # named more recently in the narrative by a fuller name that is someone else's:
            # "Faisal Zubair" after the speaker "Abdulrahman Zubair al-Najdi"
            index = self._by_name(Mention(kind="name", name=run.name, role=mention.role or run.role), at)
            _add_alias(self.speakers[index], mention.name)
            return index
        if best is None:
            name, role = mention.name, mention.role
            if run is not None:
                name, role = run.name, role or run.role
            self.speakers.append(Speaker(name=name, keys=name_keys(name), role=role, note=mention.note))
            best = len(self.speakers) - 1
            self._register(best)
        speaker = self.speakers[best]
        if len(keys) > len(speaker.keys):
            # a fuller form of the name than we had: it becomes the name
            _add_alias(speaker, speaker.name)
            speaker.name, speaker.keys = mention.name, keys
            self._register(best)
        _add_alias(speaker, mention.name)
        speaker.role = speaker.role or mention.role
        speaker.note = speaker.note or mention.note
        self._touch(best, at)
        return best

    def _antecedent(self, at: int) -> tuple[int | None, str | None]:
        """The person a pronoun at ``at`` refers to: the one last named before it."""
        best_speaker = self._recent
        for run in self._runs_before(at, ANTECEDENT_PARAGRAPHS):
            if run.org:
                continue
            if best_speaker is not None and self.speakers[best_speaker].last_at >= run.start:
                break
            known = bool(run.keys) and any(
                contains(self.speakers[i].keys, run.keys) for i in self._speaker_keys.get(run.keys[0], ())
            )
            if not (run.personal or known):
                continue
            index = self._by_name(Mention(kind="name", name=run.name, role=run.role), at)
            return index, None
        if best_speaker is not None:
            self._touch(best_speaker, at)
        return best_speaker, None

    def _by_descriptor(self, mention: Mention, at: int) -> tuple[int | None, str | None]:
        """"the Emir": the speaker with that role; "the group", "the ministry": the organisation
        of that kind named last. An indefinite descriptor ("a member", "one of them") names no one."""
        if not (mention.role or "").lower().startswith("the "):
            return None, None
        head = mention.head or ""
        for i in range(len(self.speakers) - 1, max(-1, len(self.speakers) - 50), -1):
            role = self.speakers[i].role
            if role and head in role.lower().split():
                self._touch(i, at)
                return i, None
        self._index_to(at)
        generic = head in ("group", "organisation", "organization")
        for run in reversed(self._armed if generic else self._orgs.get(head, [])):
            if run.end <= at:
                return self._by_name(Mention(kind="name", name=run.name), at), None
        return None, None

    def _touch(self, index: int, at: int) -> None:
        self.speakers[index].last_at = at
        self._recent = index


def _add_alias(speaker: Speaker, form: str) -> None:
    if form.casefold() == speaker.name.casefold():
        return
    if all(form.casefold() != a.casefold() for a in speaker.aliases):
        speaker.aliases.append(form)


__all__ = ["Attribution", "Speaker", "Statement", "attribute", "sentence_end", "sentence_start"]
