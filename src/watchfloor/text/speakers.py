"""Who a phrase names: the speaker slot of a quotation's attribution, read by rules.

The attribution grammar of news reports puts the speaker in a predictable place — next to the
cue verb ("group member Abu Khalid Alhalaby wrote", "said Dr. Helen Marwick, a researcher",
"وقال الشيخ أبو حمزة المصري") — so no general named-entity model is needed to read it. This module
turns the text on one side of a cue into a ``Mention``: a name (with the role and gloss around it),
a pronoun, a descriptor ("the group", "one of them"), or nothing. It also finds the capitalised
name runs of narrative text, which antecedents of pronouns and short names are looked up in.

Pure functions; every regular expression here is a simple character class or alternation over a
bounded window, so the cost is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.text.normalise import normalise

# words that stand before a name and say what the person is, not who
TITLES = frozenset("""
sheikh shaykh shaikh emir amir imam mullah mufti ustadh hajji haji mawlawi maulana dr dr. doctor
mr mr. mrs mrs. ms ms. prof prof. professor colonel col col. general gen gen. lieutenant lt lt.
captain capt capt. sergeant sgt sgt. major commander moderator minister president judge brother
sister spokesman spokeswoman admin administrator officer detective inspector senator governor
mayor chief deputy prosecutor lawyer attorney counsel defendant witness analyst researcher
journalist reporter editor activist official member leader founder fighter recruiter preacher
cleric scholar soldier agent director chairman chairwoman secretary ambassador correspondent
""".split())
# words that may stand between a speaker's name and the cue without making the name a modifier
_ADVERBS = frozenset(
    "later also then again once still first last subsequently afterwards himself herself "
    "themselves too earlier previously soon finally".split()
)

# capitalised words that start sentences or phrases but never names
_STOP = frozenset("""
the a an in on at after before then when while one two three four five another some his her its
their our my your this that these those it he she they we i later earlier meanwhile but and or so
yet also according as if by for from with of to reached speaking asked last next every each both
all many most several such no not there here what who where why how police officials researchers
investigators prosecutors analysts authorities witnesses residents sources members moderators
security critics experts supporters followers moreover however still only even just now today
yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december photo photograph read share
""".split())

# lower-case particles that belong inside Arabic and European names
_PARTICLES = frozenset("al el bin ibn bint abu abou umm ben bou de van von der du da di".split())

# the last word of an organisation's name
ORG_WORDS = frozenset("""
front brigade brigades network group army movement state battalion battalions cell organisation
organization council committee ministry office agency press wire news service services force
forces institute court party union tribune courier ledger gazette times post channel department
government university centre center foundation company bank hospital faction militia police
""".split())
# organisations that fight, for "the group said"
ARMED_WORDS = frozenset(
    "front brigade brigades network army movement state battalion battalions cell organisation "
    "organization group faction militia".split()
)
WIRE_WORDS = frozenset("press agency wire news service".split())

_PRONOUNS = frozenset({"he", "she"})
_DETERMINERS = frozenset(
    "the a an one another its his her their some our this that two three".split()
)
# what cannot be part of a role in front of a name ("Later that day Alhalaby")
_NOT_ROLE = frozenset(
    "later then in on at after before when while also that this yesterday today meanwhile "
    "earlier last next during".split()
)
# a name follows these: "who signs as X", "a member named X", "who used the name X"
_NAMING = re.compile(r"\b(?:as|named|called|the name|known as|nicknamed|calling himself|calling herself)\s+$")

_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_TOKEN = re.compile(r"[\u0600-\u06ff]+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_GLOSS = re.compile(r"\s*\(([^()]{1,80})\)")

# Arabic: words that end the speaker phrase after a cue, titles, and "named"
_AR_STOPS = frozenset(
    "في على عن إلى الى من عبر خلال منذ بعد قبل حيث الذي التي وهو وهي وهم أن ان إن لـ".split()
)
_AR_TITLES = frozenset(
    "الشيخ الأمير الامير القائد القيادي المتحدث الداعية الإمام الامام المسؤول الناطق أمير شيخ".split()
)
_AR_NAMING = frozenset("يدعى يُدعى ويدعى المدعو الملقب الملقّب يلقب".split())


@dataclass(slots=True)
class Mention:
    """What the speaker slot of an attribution holds."""

    kind: str  # "name", "pronoun", "descriptor", "none"
    name: str | None = None  # the name as written, without role or gloss ("Abu Khalid Alhalaby")
    role: str | None = None  # "group member", "the Emir", "Sheikh"
    note: str | None = None  # a gloss in brackets after the name: "the Chechen"
    head: str | None = None  # a descriptor's head noun: "group", "ministry", "emir"

    @property
    def keys(self) -> tuple[str, ...]:
        return name_keys(self.name or "")


@dataclass(slots=True)
class Run:
    """A run of capitalised name words in narrative text."""

    start: int
    end: int
    name: str
    role: str | None
    org: bool  # its last word names a kind of organisation
    personal: bool  # a particle, a title or several words: likely a person
    keys: tuple[str, ...]


def name_keys(name: str) -> tuple[str, ...]:
    """Spelling-tolerant keys of a name's words, for matching references within one text:
    case, Arabic letter variants, hyphens and the article (al-/el-/ال) do not count."""
    keys = []
    for word in name.split():
        k = normalise(word).replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        if k.startswith("ال") and len(k) > 3:
            k = k[2:]
        elif k.startswith(("al", "el")) and len(k) > 5:
            k = k[2:]
        if k and k not in _PARTICLES_SKIP:
            keys.append(k)
    return tuple(keys)


# particles that do not distinguish one name from another when matching
_PARTICLES_SKIP = frozenset({"al", "el", "ال"})


def is_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


# ----------------------------------------------------------------------------- English slots

def _is_name_word(word: str, next_word: str | None) -> bool:
    bare = word.rstrip(".")
    if not bare:
        return False
    low = bare.lower()
    if "-" in bare:
        head, _, rest = bare.partition("-")
        if head.lower() in _PARTICLES and rest[:1].isupper():
            return True
    if low in _PARTICLES and next_word is not None:
        return next_word[:1].isupper()
    if not bare[0].isupper():
        return False
    if len(bare) > 2 and bare.isupper():
        return False  # an all-capitals dateline or acronym
    return True


def _words(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _runs_in(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, words) of each run of name words separated only by single spaces."""
    words = _words(text)
    runs: list[tuple[int, int, list[str]]] = []
    current: list[re.Match[str]] = []
    for i, m in enumerate(words):
        nxt = words[i + 1].group() if i + 1 < len(words) else None
        word = m.group()
        if _is_name_word(word, nxt):
            if current and text[current[-1].end():m.start()] not in (" ",):
                runs.append(_close_run(current))
                current = []
            current.append(m)
            if word.endswith(("'s", "’s")):
                runs.append(_close_run(current))
                current = []
        elif current:
            runs.append(_close_run(current))
            current = []
    if current:
        runs.append(_close_run(current))
    return runs


def _close_run(ms: list[re.Match[str]]) -> tuple[int, int, list[str]]:
    return ms[0].start(), ms[-1].end(), [m.group() for m in ms]


def _split_run(words: list[str]) -> tuple[list[str], list[str], bool]:
    """(role words, name words, possessive) of a run: leading stop words dropped, leading titles
    kept as the role, a trailing particle or possessive dropped from the name."""
    role: list[str] = []
    i = 0
    while i < len(words) and words[i].lower().rstrip(".") in _STOP and words[i].lower() not in TITLES:
        if words[i].lower() == "the" and i + 1 < len(words) and words[i + 1].lower().rstrip(".") in TITLES:
            role.append("the")
        i += 1
    while i < len(words) and words[i].lower() in TITLES | {w.rstrip(".") for w in TITLES}:
        role.append(words[i])
        i += 1
    name = list(words[i:])
    possessive = False
    if name and name[-1].endswith(("'s", "’s")):
        name[-1] = name[-1][:-2]
        possessive = True
    while name and name[-1].lower() in _PARTICLES:
        name.pop()
    if name and name[-1].endswith(".") and len(name[-1].rstrip(".")) > 1 and name[-1].lower() not in TITLES:
        name[-1] = name[-1].rstrip(".")
    return role, name, possessive


def _segments(text: str) -> list[str]:
    """Split at commas (and semicolons) outside brackets."""
    out: list[str] = []
    depth = 0
    last = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch in ",;" and depth == 0:
            out.append(text[last:i])
            last = i + 1
    out.append(text[last:])
    return out


def _descriptor(segment: str) -> str | None:
    """The head noun of a descriptor segment ("the group" -> "group"), if it is one."""
    words = [w.lower().strip(".,") for w in segment.split()]
    if not words:
        return None
    if words[0] in _DETERMINERS or words[0].endswith(("'s", "’s")):
        content = [w for w in words[1:] if w.isalpha()]
        if words[0] == "one" and len(words) > 1 and words[1] == "of":
            return "one"
        return content[-1] if content else None
    return None


def _role_text(words: list[str], prefix: str) -> str | None:
    """The role written in front of a name: its titles, or the descriptive words before it."""
    pre = prefix.strip()
    who = re.search(r"\b(?:who|which)\b", pre)
    if who:
        pre = pre[:who.start()].strip()
    pre_words = pre.split()
    if pre_words and not any(w.lower().strip(".,") in _NOT_ROLE for w in pre_words) and len(pre_words) <= 5:
        role = " ".join(pre_words + words)
    elif words:
        role = " ".join(words)
    else:
        return None
    if role.split()[0] in ("The", "A", "An"):
        role = role[0].lower() + role[1:]
    return role or None


def _name_in(segment: str) -> Mention | None:
    """The last name run in a segment, with its role and gloss; None if it has none."""
    masked = _BRACKETED.sub(lambda m: " " * len(m.group()), segment)
    runs = _runs_in(masked)
    for start, end, words in reversed(runs):
        role_words, name_words, possessive = _split_run(words)
        if possessive or not name_words:
            continue
        after = [w.strip(".,;:") for w in masked[end:].split()]
        if len(name_words) == 1 and any(
            w and w[0].islower() and w not in _ADVERBS and not w.endswith("ly") for w in after
        ):
            continue  # a modifier ("Defence counsel", "Police spokesman"), not the speaker
        if len(name_words) == 1 and name_words[0].lower().rstrip(".") in _STOP:
            continue
        # the part of the run before the name is the role's tail ("The Emir"); before the run,
        # lower-case words may carry the rest ("group member")
        prefix = segment[:start]
        naming = _NAMING.search(prefix)
        if naming:
            prefix = prefix[:naming.start()]
        gloss = _GLOSS.match(segment, end)
        name = " ".join(name_words)
        return Mention(
            kind="name", name=name, role=_role_text(role_words, prefix),
            note=gloss.group(1).strip() if gloss else None,
        )
    return None


def _pronoun(segment: str) -> bool:
    words = segment.split()
    return bool(words) and words[-1].lower() in _PRONOUNS


def _title_only(segment: str) -> Mention | None:
    """"the Emir", "the commander": a role that stands for a person named before."""
    runs = _runs_in(segment)
    for _, _, words in reversed(runs):
        role_words, name_words, _ = _split_run(words)
        if role_words and not name_words:
            return Mention(kind="descriptor", head=role_words[-1].lower().rstrip("."), role=" ".join(role_words))
    return None


def before_cue(text: str) -> Mention:
    """The speaker written before a cue verb: "In one exchange, group member Abu Khalid Alhalaby"."""
    if is_arabic(text) and not re.search(r"[A-Za-z]", text):
        return Mention(kind="none")
    descriptor: str | None = None
    segments = _segments(text)
    for k in range(len(segments) - 1, -1, -1):
        segment = segments[k]
        stripped = segment.strip()
        if not stripped:
            continue
        relative = re.match(r"(?:who|which|whose|where|identified|known)\b", stripped)
        if relative:
            named = re.search(
                r"\b(?:as|named|called|the name)\s+(.+)$", stripped)
            found = _name_in(named.group(1)) if named else None
            if found:
                found.role = found.role or descriptor
                return found
            continue
        found = _name_in(segment)
        if found:
            if found.role is None and k > 0 and _descriptor(segments[k - 1].strip()) is not None:
                found.role = _lower_first(segments[k - 1].strip())  # "Its spokeswoman, Lena Farrow"
            if found.role is None and descriptor is not None:
                found.role = descriptor
            return found
        if _pronoun(segment):
            return Mention(kind="pronoun")
        title = _title_only(segment)
        if title:
            return title
        head = _descriptor(stripped)
        if head is not None:
            if descriptor is None:
                descriptor = _lower_first(stripped)
            continue
        if descriptor is None and len(stripped.split()) > 2:
            break  # a clause, not part of the subject
    if descriptor is not None:
        return Mention(kind="descriptor", head=_descriptor(descriptor), role=descriptor)
    # a bare noun phrase with no name in it: "Defence counsel", "Police", "Officials"
    last = next((seg.strip() for seg in reversed(segments) if seg.strip()), "")
    words = last.split()
    if 0 < len(words) <= 4 and all(w.isalpha() for w in words) and words[0].lower() not in _FUNCTION:
        return Mention(kind="descriptor", head=words[-1].lower(), role=_lower_first(last))
    return Mention(kind="none")


_FUNCTION = frozenset("and but or then so yet also later he she it they we i".split())


def after_cue(text: str) -> Mention:
    """The speaker written after a cue: "said Dr. Helen Marwick, a researcher", "according to
    Samadi's lawyer, Ines Varga"; Arabic "قال أبو عمر الحلبي، القيادي"."""
    if is_arabic(text) and not re.search(r"[A-Za-z]{2}", text):
        return arabic_after_cue(text)
    descriptor: str | None = None
    for segment in _segments(text):
        stripped = segment.strip()
        if not stripped:
            continue
        if re.match(r"(?:who|which|whose|where)\b", stripped):
            break
        words = stripped.split()
        if words[0].lower() in _PRONOUNS:
            return Mention(kind="pronoun")
        found = _name_in(segment) if segment.lstrip()[:1].isupper() or _starts_with_particle(stripped) else None
        if found is None and _descriptor(stripped) is not None:
            # "Samadi's lawyer", "a police spokesman": the name may follow in the next segment
            if descriptor is None:
                descriptor = _lower_first(stripped)
            continue
        if found is not None:
            if found.role is None and descriptor is not None:
                found.role = descriptor
            return found
        break
    if descriptor is not None:
        return Mention(kind="descriptor", head=_descriptor(descriptor), role=descriptor)
    return Mention(kind="none")


def _starts_with_particle(text: str) -> bool:
    first = text.split(None, 1)[0].lower()
    return first in _PARTICLES or first.split("-", 1)[0] in _PARTICLES


def _lower_first(text: str) -> str:
    words = text.split()
    if words and words[0] in ("The", "A", "An", "One", "Another", "Its", "His", "Her", "Their"):
        words[0] = words[0].lower()
    return " ".join(words)


# ----------------------------------------------------------------------------- Arabic slots

def arabic_after_cue(text: str) -> Mention:
    """The speaker after an Arabic cue verb, up to a comma, colon or preposition:
    "الشيخ أبو حمزة المصري في الرسالة" -> name أبو حمزة المصري, role الشيخ."""
    segment = re.split(r"[،,:؛«\"“]", text, maxsplit=1)[0]
    words = _ARABIC_TOKEN.findall(segment) if is_arabic(segment) else segment.split()
    kept: list[str] = []
    for w in words:
        if w in _AR_STOPS:
            break
        kept.append(w)
    role: list[str] = []
    for i, w in enumerate(kept):
        if w in _AR_NAMING:
            role = kept[:i]
            kept = kept[i + 1:]
            break
    while kept and kept[0] in _AR_TITLES:
        role.append(kept.pop(0))
        if len(kept) > 1 and kept[0] in ("باسم", "في"):  # "المتحدث باسم الجماعة": whose spokesman
            role.extend(kept[:2])
            del kept[:2]
    if not kept:
        if role:
            return Mention(kind="descriptor", head=role[-1], role=" ".join(role))
        return Mention(kind="pronoun")  # Arabic drops the subject pronoun: "وأضاف: «…»"
    if len(kept) > 6:
        return Mention(kind="none")
    return Mention(kind="name", name=" ".join(kept), role=" ".join(role) or None)


# ----------------------------------------------------------------------------- narrative runs

def narrative_runs(text: str, start: int, end: int) -> list[Run]:
    """Capitalised name runs in ``text[start:end]``: candidates for the person a pronoun or a
    short name refers to, and the organisations "the group" may mean."""
    piece = text[start:end]
    runs: list[Run] = []
    for s, e, words in _runs_in(piece):
        role_words, name_words, _ = _split_run(words)
        if not name_words:
            continue
        if len(name_words) == 1 and name_words[0].lower().rstrip(".") in _STOP:
            continue
        last = name_words[-1].lower()
        org = last in ORG_WORDS
        personal = not org and (
            bool(role_words)
            or len(name_words) > 1
            or any(w.lower().split("-")[0] in _PARTICLES for w in name_words)
        )
        runs.append(Run(
            start=start + s, end=start + e, name=" ".join(name_words),
            role=" ".join(role_words) or None, org=org, personal=personal,
            keys=name_keys(" ".join(name_words)),
        ))
    return runs


def contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` is a contiguous run of ``longer``'s keys."""
    n = len(shorter)
    if n == 0 or n > len(longer):
        return False
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


__all__ = [
    "ARMED_WORDS", "Mention", "ORG_WORDS", "Run", "TITLES", "WIRE_WORDS", "after_cue",
    "arabic_after_cue", "before_cue", "contains", "is_arabic", "name_keys", "narrative_runs",
]
