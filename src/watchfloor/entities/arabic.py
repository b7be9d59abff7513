"""Arabic: rules and gazetteers (no trained Arabic recogniser installs offline).

Words are matched in their normalised form (text/normalise.py) after the letters that join a
word in front are taken off — و ف (and), ب ل ك (in, to, like), and لل for ل + ال — so "والرقة",
"بالموصل" and "للرافضة" are found; the span leaves the joined letters out.

- organisations and groups: the phrases of ``lexicons/ar.tsv`` (longest first); and an
  organisation "head" (جيش، قوات، حزب، وكالة، جهاز، دائرة …) with the name that follows it, never
  across punctuation: a definite head with its adjectives ("الجيش العراقي", "الأمن العام"), an
  indefinite one with the word after it, or a chain of nouns in construct up to the definite one
  that closes it, and their adjectives ("جيش النظام", "رئاسة أمن الدولة", "شرطة مكافحة الإرهاب");
  an institution's or a front's name goes on with ل + a definite noun or a noun in construct with
  one ("المديرية العامة للأمن الداخلي", "… لمراقبة التراب الوطني", "جبهة … الإسلامية للتحرير"), a
  unit named after a man keeps his father's name ("كتيبة سعد بن معاذ"); a head written أل… is
  indefinite however it normalises (ألوية); a head that is part of
  a name takes a known organisation in ("جماعة أنصار الله"); a militia of a people is the people;
  the name after جريدة/مجلة is the paper; ولاية + a country is a province of the Islamic State,
  and a plural head of fighters + a land a group ("أجناد مصر", "جند الشام": no place);
- persons: a kunya (أبو، أم …) and the name after it (unless the two are a town of 10,000 people
  or more where a place is expected: "في أم درمان", "في بن جواد"), with any nisba (الحلبي، العراقي) or
  compound (عبد الله) that follows; a name after a title (الشيخ، الأخ، أخونا …), or a word no
  list holds shaped like one (not a verb of the dialects, ب + the present: بيسافر, nor a
  participle of four letters: ساكن، قاعد); a first name
  of the lexicon, with up to three more names, بن/ابن/ولد + any word that is no function, kin or
  dialect word (the father's name: عايض، مالك، علي), one family name with the article that is no
  everyday word or place and no nisba ("عبد الباسط الغويل"), or family names (a word of no everyday list, ``lexicons/ar-everyday.txt``,
  no sizeable place, not shaped like a verb or a participle); the words a verb of arrest, killing
  or speech governs (after the organisation that acts) when they are a first name or two or
  three words shaped like names, or an everyday word before a surname of Slavic shape ("إسلام
  ماغوميدوف"), and two such words that open a message before من or a verb of
  speech ("سردار تورسونوف من سمرقند"); kin words (ابن عمه، أمه) are no names and no places;
- places: Arabic names the GeoNames index holds, one to three words, where the place is a
  country, a region or a town of 20,000 people or more, or where a locative word (في، من، إلى،
  قرب، مدينة، ريف، طريق …) or another place joined by و comes right before it. A town whose name
  has the shape of a nisba (القامشلي، الرمادي) is a place unless it follows a definite noun or a
  name it would describe ("الطيران الروسي", "عمر الحضرمي"); a word of the lexicon's ``common``
  list (بيان، سجن، الخبر …: everyday words that some place is also called) only after a locative
  word; a word of ``lexicons/ar-frequent.txt`` (the 5,000 most frequent words of wordfreq's
  Arabic list that the index also holds as a place, less countries, regions and cities of
  100,000 people or more; built by entities/build_common.py) only with a cue: a locative word,
  a joined ب/ل, or another place and و before it ("دينار", "وإن", "في حالة"); a name the index spells a little differently (كيسمايو for كسمايو) only after a locative
  word or right after another place and و, through the index's consonant keys; and a bare ك (like) never opens a place without its
  article ("كسرت" is a verb, "كالفلوجة" a town). Never a one-word place: a dialect word of the
  lexicon's ``dialect`` list (ماكو، جاو، بكرة), a word for what places have (الوادي، العاصمة), a
  definite plural (المهربين) unless a locative word or, for one in ون, a joined ب/ل comes before
  it ("بالبترون"), a kin word (أمه، أبيه) unless it is a town of 100,000 people or more after
  في/من/إلى ("من أبها"; of a million, after في/إلى only, for a word of three letters: "في جده"), or a town of fewer than
  500,000 people right after a definite noun it would describe ("الرابط الجديد"). A name that is
  no everyday word is a place however small after a verb that takes a place (دخل، قصف، سيطر على
  …; there also a name the index spells a little differently); a town of 5,000 people or more
  after a noun of attack and على is one even if it is an everyday word ("غارات على مأرب") or with another place joined by و
  right after it ("مورك وكفرزيتا"); in a list of towns a
  word that opens with و is و + the next town where that is one ("شقلاوة ورانية");
- an administrative word (قضاء، ناحية، مدينة، محافظة، مديرية …) is a locative word, and a name
  whose key is too short for the index's other rules (الحي) is a place after one; مديرية + a
  town the index knows is the district, no organisation ("مديرية حريب", but "مديرية الأمن");
- dates: entities/dates.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from watchfloor import geo
from watchfloor.entities import Mention, dedupe, register
from watchfloor.entities.dates import find_dates
from watchfloor.entities.lexicon import load
from watchfloor.geo.keys import exact_key
from watchfloor.text.normalise import normalise

_WORD = regex.compile(r"[\p{Arabic}\p{L}\p{N}]+")
_PREFIXES = ("وال", "فال", "بال", "كال", "ول", "وب", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
SCORES = {"lexicon": 0.9, "kunya": 0.85, "title": 0.8, "head": 0.7, "given": 0.65, "context": 0.7,
          "gazetteer": 0.75, "date-rule": 0.9}
MIN_POPULATION = 20_000
NAME_EVERYDAY = 10_000  # how many of the most frequent words no name read by its shape may be
NEAR_SPELLING = 0.85  # how alike a differently spelt name must be to the index's
NEAR_POPULATION = 5_000  # and how big its town
KUNYA_TOWN_POPULATION = 10_000  # a town named أم/بن/أبو + a word this big is a place where one is expected
KIN_TOWN_POPULATION = 100_000  # a kin word this big a town (أبها، جدة) is the town after في، من، إلى
# common words that are also the names of some place somewhere
STOPWORDS = set(normalise(w) for w in """
في من إلى الى على عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم نحن أنا انت كان كانت يكون
قد لقد لا لم لن ما ماذا متى بلا بدون أين اين كيف هل بعد قبل منذ حتى عند بين حول ضد عبر نحو غير كل بعض
الله اللهم الحمد منا منكم إن ان أن لكن ثم أو او بل يا أيها الان الآن اليوم أمس غدا الليلة هنا هناك
الإخوة الاخوة الأخ أخ إخوة القناة الرابط الطريق الحدود السوق القرية المدينة البلدة الجهة
الطائرات الطيران السيارة الحاجز المكان القافلة السجناء الأسرى الصور الأخبار البيان الحكومة
القاعدة النظام الجيش الشرطة الأمن مجددا أخرى مرة جسرا قرب شمال جنوب شرق غرب داخل خارج
""".split())


# words spelt with a leading ال that are no definite nouns
FUNCTION_WORDS = {normalise(w) for w in ("إلى", "الى", "الا", "إلا", "الذي", "التي", "الذين", "اللذين",
                                          "اللتين", "الآن", "الان", "الله", "اللهم")}
# the locative words after which a kin word that is also a big town is the town ("من أبها", "إلى
# جده"); not عند، مع, after which it is kin ("عند أبيه")
LOCATIVE_KIN = {normalise(w) for w in ("في", "من", "إلى", "الى")}
# administrative words a town's name follows ("قضاء الحي", "ناحية العلم", "مدينة الباب"): the
# name after one is a place however short
ADMIN_WORDS = {normalise(w) for w in ("قضاء", "ناحية", "مدينة", "بلدة", "قرية", "محافظة", "ولاية", "مديرية")}
DIRECTIONS = {normalise(w) for w in ("شمال", "جنوب", "شرق", "غرب")}
PRAYERS = {normalise(w) for w in ("المغرب", "العشاء", "الفجر", "الظهر", "العصر")}
PRAYER_CUES = {normalise(w) for w in ("بعد", "قبل", "صلاة", "وقت", "أذان")}
# words for what a place has or is, never a place by themselves, even after a locative word
# ("من الوادي", "طلع من السجن", "جنوب العاصمة")
GENERIC_PLACES = {normalise(w) for w in ("العاصمة", "السجن", "الوادي", "الميناء", "المطار", "البحر",
                                         "الجبل", "المخيم", "النهر", "الصحراء", "الريف", "بحيرة", "جزيرة",
                                         "البلد", "المنطقة", "مسجد", "محلات")}
# kin words, bare or with a possessive ending: "ابن عمه" is no person, "عند أمه" no place
_KIN = ("ام", "اب", "اخ", "اخت", "ابن", "بنت", "عم", "عمه", "خال", "خاله", "جد", "جده", "زوج", "زوجه", "ابو", "اخو")
_POSSESSIVE = ("", "ه", "ها", "هم", "ي", "ك", "نا", "كم", "هما")
KIN = {k + p for k in _KIN for p in _POSSESSIVE} | {"امه", "ابيه", "اخيه", "اخاه", "ابوه", "ابنه"}
# adjectives that follow an organisation's head besides the nisbas ("دائرة المخابرات العامة",
# "قوات الدعم السريع")
ORG_ADJECTIVES = {normalise(w) for w in ("العام", "العامة", "السريع", "الخاص", "الخاصة", "الأعلى", "الحر",
                                         "الموحد", "الموحدة", "المشترك", "المشتركة", "المركزي")}
# heads that are part of a group's own name: "جماعة أنصار الله", "تنظيم داعش" (but "قوات [أتميس]",
# "ميليشيات [الحشد الشعبي]": forces and militias of a named organisation stay outside its name)
NAME_HEADS = {normalise(w) for w in ("جماعة", "تنظيم", "حركة", "جبهة", "حزب", "كتائب", "لواء", "فيلق", "هيئة")}
# heads of institutions whose name goes on with ل + a noun or a country ("المديرية العامة للأمن
# الداخلي", "الحركة الإسلامية لأوزبكستان")
INSTITUTION_HEADS = {normalise(w) for w in ("المديرية", "المكتب", "الحركة", "المجلس", "الهيئة", "جبهة", "الجبهة")}
# plural heads of fighters' groups named after a land: "أجناد مصر", "جند الشام", "كتائب العراق"
# (the land is part of the group's name, no place of its own)
FIGHTER_HEADS = {normalise(w) for w in ("أجناد", "اجناد", "جند", "أنصار", "انصار", "ألوية", "الوية",
                                        "كتائب", "سرايا")}
# newspapers and magazines: the name after the word is the organisation ("جريدة [الشروق]")
PAPER_HEADS = {normalise(w) for w in ("جريدة", "مجلة")}
# militias of a people are the people ("ميليشيات [الإيرانيين]", "ميليشيا [الماكوندي]")
MILITIA_HEADS = {normalise(w) for w in ("ميليشيا", "ميليشيات")}
# what comes after a name that opens a message ("سردار تورسونوف من سمرقند", "... يقول إن")
OPENING_NAME_CUES = {normalise(w) for w in ("من", "يقول", "قال", "بيقول", "يسأل", "كتب", "وصل", "راح")}
# verbs whose object is often a place: movement, attack, control ("دخل دوسمريب", "قصفت المخا",
# "سيطر على الضالع")
PLACE_VERBS = {normalise(w) for w in """
دخل دخلت دخلوا وصل وصلت وصلوا غادر غادرت غادروا زار زارت قصف قصفت قصفوا هاجم هاجمت هاجموا حاصر حاصرت
حاصروا اقتحم اقتحمت اقتحموا سيطر سيطرت سيطروا استعاد استعادت
""".split()}
# nouns of attack after which على + a town is the town attacked ("هجوم على مأرب", "غارات على
# إدلب"), even where the town's name is also an everyday word
ATTACK_NOUNS = {normalise(w) for w in "هجوم هجمات هجوما غارة غارات غارتين قصف ضربة ضربات زحف".split()}
# verbs after which the words that follow are the person acted on or speaking: arrests, killings,
# sentences, speech ("اعتقلت سامان عبد الله كريم", "بيقول مينا جرجس")
PERSON_VERBS = {normalise(w) for w in """
اعتقل اعتقلت اعتقلوا أوقف أوقفت أوقفوا قبض قبضت قبضوا أخذ أخذت أخذوا خطف خطفت خطفوا اغتال اغتالت
قتل قتلت قتلوا أعدم أعدمت أسر أسرت حكم حكمت مسك مسكت مسكوا
قال قالت يقول تقول بيقول بتقول حذر حذركم حذرنا سأل يسأل
""".split()}


def _word_list(name: str) -> list[str]:
    """The words of a generated list under lexicons/, in its order (normalised already; none if it
    is absent): ar-frequent.txt, ar-everyday.txt (entities/build_common.py)."""
    path = Path(__file__).with_name("lexicons") / name
    if not path.exists():
        return []
    return [w for w in path.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#")]


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int  # where the word starts once the joined letters are taken off
    end: int
    raw: str  # the word as written, without the joined letters
    norm: str  # its normalised form
    prefix: str  # the joined letters taken off ("" if none)


def _present_with_b(words: list[str]) -> bool:
    """One word that reads as the Levantine or Egyptian present, ب + a verb ("وبيتحول"): a town
    only where a locative word says one comes ("في بتخيلا")."""
    return len(words) == 1 and len(words[0]) >= 5 and words[0][0] == "ب" and words[0][1] in "يتن"


def _is_nisba(norm: str) -> bool:
    """An adjective of origin: al-…i / al-…iya (normalised: ال…ي / ال…يه)."""
    return norm.startswith("ال") and len(norm) >= 5 and (norm.endswith("ي") or norm.endswith("يه"))


def _slavic_surname(norm: str) -> bool:
    """A surname of Russian, Caucasian, Central Asian or Balkan shape: ماغوميدوف، نظروفا، بيتروفيتش."""
    return len(norm) >= 5 and norm.endswith(("وف", "يف", "وفا", "يفا", "وفه", "يفه", "يتش", "فيتش", "سكي", "ينكو"))


def _participle(norm: str) -> bool:
    """Shaped like an active participle of four letters, فاعل: a state (ساكن، نايم، واقف، راجع)."""
    return len(norm) == 4 and norm[1] == "ا"


def _definite(tok: _Tok) -> bool:
    """Is the word written with the article? (normalised, ألوية and ال reads alike: الويه)"""
    return tok.raw.startswith("ال")


class Arabic:
    language = "ar"
    version = "8"

    def __init__(self, *, frequent: bool = True) -> None:
        lex = load("ar")
        n = lambda s: tuple(normalise(w) for w in s.split())  # noqa: E731
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind in ("organisation", "group"):
            for phrase in lex.get(kind, ()):
                words = n(phrase)
                self.phrases.setdefault(words[0], []).append((words, kind))
        for options in self.phrases.values():
            options.sort(key=lambda o: -len(o[0]))
        self.titles = {normalise(w) for w in lex.get("title", ())}
        self.kunya = {normalise(w) for w in lex.get("kunya", ())}
        self.heads = {normalise(w) for w in lex.get("head", ())}
        self.locative = {normalise(w) for w in lex.get("locative", ())}
        self.given = {n(g) for g in lex.get("given", ())}
        self.given_first = {g[0] for g in self.given}
        self.known_words = {w for ph in self.phrases.values() for words, _ in ph for w in words}
        # one-word phrases of the lexicon: never a place by themselves (a word of a longer phrase
        # still is where the phrase is not, if it names a country or region: سوريا in قوات سوريا
        # الديمقراطية, تونس)
        self.known_single = {words[0] for ph in self.phrases.values() for words, _ in ph if len(words) == 1}
        hand_common = {normalise(w) for w in lex.get("common", ())}
        # dialect words of chat (lexicon's ``dialect`` list): no place, no name, no joined letters
        self.dialect = {normalise(w) for w in lex.get("dialect", ())}
        # the most frequent words (lexicons/ar-everyday.txt) less the first names: a word the
        # lexicon does not know is read as a name by its shape only where it is none of these
        everyday = _word_list("ar-everyday.txt") if frequent else []
        self.everyday = set(everyday[:NAME_EVERYDAY]) - self.given_first
        # and all of the list (25,000 words): a word no list knows as a place's is taken for a small
        # town after a verb or beside another town only where it is none of these ("المعبر")
        self.everyday_wide = set(everyday) - self.given_first
        # the frequent words that some place is also called (lexicons/ar-frequent.txt, built by
        # entities/build_common.py from wordfreq's list): treated as the hand-made list is
        self.frequent = set(_word_list("ar-frequent.txt") if frequent else ()) - hand_common
        self.common = hand_common | self.frequent
        self.toponym_heads = {normalise(w) for w in lex.get("toponym_head", ())}
        self.places = self._place_keys()
        self.countries = {k for (k,) in geo.gazetteer()._rows(  # noqa: SLF001 - the gazetteer's own read helper
            "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place "
            "WHERE p.kind = 'country' AND n.key >= 'ء' AND n.key < 'ۿ'", ())}
        # words that are words as written: their first letters are no joined و/ب/ل ("ولاية" is
        # no و + لاية, "بلال" no ب + لال, "بنزين" no ب + نزين)
        self.whole_words = (hand_common | self.locative | self.heads | self.titles | self.kunya
                            | self.known_words | {g[0] for g in self.given if len(g) == 1} | STOPWORDS
                            | self.dialect | KIN)

    @staticmethod
    def _place_keys() -> dict[str, tuple[int, bool]]:
        """Every Arabic-script place key: (largest population under it, is a country or region)."""
        g = geo.gazetteer()
        rows = g._rows(  # noqa: SLF001 - the gazetteer's own read helper
            "SELECT n.key, max(p.pop), max(p.kind != 'city') FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key >= 'ء' AND n.key < 'ۿ' GROUP BY n.key",
            (),
        )
        return {k: (pop or 0, bool(big)) for k, pop, big in rows}

    # -- words -----------------------------------------------------------------------------------

    def _tokens(self, text: str) -> list[list[_Tok]]:
        """Each word with its readings: as written, and with joined letters taken off."""
        out = []
        for m in _WORD.finditer(text):
            word = m.group(0)
            readings = [_Tok(m.start(), m.end(), word, normalise(word), "")]
            for p in () if readings[0].norm in self.whole_words else _PREFIXES:
                # two letters left are enough for the first word of a longer name ("وتل أبيض");
                # the readings of one word need three (_at checks)
                if word.startswith(p) and len(word) - len(p) >= 2:
                    rest = word[len(p):]
                    if p.endswith("ال"):
                        # وال+رقة: the article stays with the name
                        cut = len(p) - 2
                        readings.append(_Tok(m.start() + cut, m.end(), word[cut:], normalise(word[cut:]), p[:cut]))
                    else:
                        readings.append(_Tok(m.start() + len(p), m.end(), rest, normalise(rest), p))
                        if p.endswith("ل") and rest.startswith("ل"):  # لل+رافضة = ل + الرافضة
                            readings.append(_Tok(m.start() + len(p), m.end(), rest, "ا" + normalise(rest), p))
            out.append(readings)
        return out

    def find(self, texts: Sequence[str]) -> list[list[Mention]]:
        return [self._find(t) for t in texts]

    def _find(self, text: str) -> list[Mention]:
        toks = self._tokens(text)
        plain = [r[0] for r in toks]
        found: list[Mention] = []
        dates = [Mention("date", d.start, d.end, text[d.start:d.end], SCORES["date-rule"], "date-rule")
                 for d in find_dates(text, "ar")]
        spans = [(d.start, d.end) for d in dates]
        i = 0
        while i < len(toks):
            hit = self._at(text, toks, plain, i, found, spans)
            i = hit if hit > i else i + 1
        order = {"lexicon": 0, "kunya": 1, "title": 1, "context": 1, "head": 2, "date-rule": 3, "gazetteer": 4, "given": 5}
        merged = sorted(found + dates, key=lambda m: (order.get(m.via, 9), -(m.end - m.start)))
        return dedupe(merged)

    def _mention(self, kind: str, text: str, a: _Tok, b: _Tok, via: str) -> Mention:
        return Mention(kind, a.start, b.end, text[a.start:b.end], SCORES[via], via)

    def _at(self, text: str, toks: list[list[_Tok]], plain: list[_Tok], i: int, found: list[Mention],
            dates: Sequence[tuple[int, int]] = ()) -> int:
        """Look for mentions starting at word ``i`` (``dates``: the text's date spans, which no
        place name runs into); return the index after the longest one."""
        best = i
        for r in toks[i]:
            if len(r.raw) < 3 and r.prefix:
                # "وتل": only as the first word of a longer place name
                best = max(best, self._place_at(text, toks, plain, i, r, found, dates, min_words=2))
                continue
            # lexicon phrases
            for words, kind in self.phrases.get(r.norm, ()):
                j = i + len(words)
                if kind == "group" and i > 0 and plain[i - 1].norm in self.locative \
                        and exact_key(" ".join(words)) in self.places:
                    continue  # "في الإسماعيلية": the town; "الإسماعيلية في السلمية": the sect
                if j <= len(plain) and all(plain[i + k].norm == words[k] for k in range(1, len(words))):
                    found.append(self._mention(kind, text, r, plain[j - 1], "lexicon"))
                    best = max(best, j)
                    break
            # kunya or title + name
            nasab = r.norm in ("بن", "ابن", "ولد", "بنت") and i > 0 and plain[i - 1].norm in self.given_first \
                and self._tight(text, plain, i)  # "فهد بن سالم": the first name before takes it in
            if r.norm in self.kunya and i + 1 < len(plain) and not nasab and not self._kunya_town(text, plain, i, r):
                end = self._name_end(plain, i + 1, first_any=True, text=text)
                if end > i + 1:
                    found.append(self._mention("person", text, r, plain[end - 1], "kunya"))
                    best = max(best, end)
            elif r.norm in self.titles and i + 1 < len(plain):
                j = i + 1
                if plain[j].norm in self.kunya:
                    continue  # the kunya reading at j finds the name
                end = self._name_end(plain, j, first_any=True, text=text, chain=True)
                # a first name, a name with a nisba, or a word no lexicon knows that is shaped like a
                # name ("الأخ كيفن", "أخونا رسلان")
                namelike = plain[j].norm in self.given_first or (j + 1 < len(plain) and _is_nisba(plain[j + 1].norm)) \
                    or (end >= j + 3 and self._closes_name(plain[end - 1])) \
                    or (self._unknown_name(plain[j]) and self._tight(text, plain, j) and not _participle(plain[j].norm)
                        and exact_key(r.norm + " " + plain[j].norm) not in self.places)  # الشيخ زويد: a town
                if end > j and namelike and plain[j].norm not in self.known_words and plain[j].norm not in STOPWORDS:
                    found.append(self._mention("person", text, plain[j], plain[end - 1], "title"))
                    best = max(best, end)
            # organisation heads
            vocative = i > 0 and plain[i - 1].norm == "يا"  # "يا جماعة الخير": people addressed
            district = r.norm == "مديريه" and i + 1 < len(plain) and not _definite(plain[i + 1]) \
                and exact_key(plain[i + 1].norm) in self.places and plain[i + 1].norm not in self.everyday_wide
            if r.norm in self.heads and i + 1 < len(plain) and r.norm not in MILITIA_HEADS and not vocative \
                    and not district and self._tight(text, plain, i + 1):
                known = self._org_phrase_at(plain, i + 1)
                if known:
                    # "جماعة أنصار الله": a head that is part of a group's name takes the known
                    # name in; "قوات المجلس الانتقالي الجنوبي": other heads leave it alone
                    if r.norm in NAME_HEADS:
                        found.append(self._mention("organisation", text, r, plain[known - 1], "lexicon"))
                        best = max(best, known)
                elif r.norm in PAPER_HEADS:
                    # "جريدة الشروق": the paper's name is the organisation
                    end = self._adjectives(text, plain, i + 2) if plain[i + 1].norm not in STOPWORDS else i + 1
                    if end > i + 1:
                        found.append(self._mention("organisation", text, plain[i + 1], plain[end - 1], "head"))
                        best = max(best, end)
                else:
                    end = self._org_end(text, toks, plain, i, definite=_definite(r))
                    if end > i + 1:
                        found.append(self._mention("organisation", text, r, plain[end - 1], "head"))
                        best = max(best, end)
            # "ولاية موزمبيق": a province of the Islamic State is named after a country
            if (r.norm == "ولايه" or r.norm in FIGHTER_HEADS) and i + 1 < len(plain) and self._tight(text, plain, i + 1) \
                    and not self._org_phrase_at(plain, i):
                for n in (2, 1):
                    if i + n < len(plain) and exact_key(" ".join(t.norm for t in plain[i + 1:i + 1 + n])) in self.countries:
                        found.append(self._mention("organisation", text, r, plain[i + n], "head"))
                        best = max(best, i + 1 + n)
                        break
            # the person a verb of arrest, killing or speech acts on
            if r.norm in PERSON_VERBS and i + 1 < len(plain):
                j = i + 2 if plain[i + 1].norm == "علي" and i + 2 < len(plain) else i + 1  # قبضت على
                j, end = self._context_name(text, plain, j)
                if end > j:
                    found.append(self._mention("person", text, plain[j], plain[end - 1], "context"))
            # "سردار تورسونوف من سمرقند": a message that opens with two words shaped like a name
            # and then من or a verb of speech
            if i == 0 and not r.prefix and len(plain) > 2 and plain[2].norm in OPENING_NAME_CUES \
                    and self._unknown_name(r) and self._tight(text, plain, 1) and self._tight(text, plain, 2) \
                    and (plain[1].norm in self.given_first or self._unknown_name(plain[1])):
                found.append(self._mention("person", text, r, plain[1], "context"))
            # first names
            if r.norm in self.given_first and not r.prefix.endswith("ك"):  # "كمينا": like an ambush
                end = self._name_end(plain, i, first_any=False, first=r, text=text)
                if end > i:
                    found.append(self._mention("person", text, r, plain[end - 1], "given"))
            best = max(best, self._place_at(text, toks, plain, i, r, found, dates))
        return best


    def _place_at(self, text: str, toks: list[list[_Tok]], plain: list[_Tok], i: int, r: _Tok,
                  found: list[Mention], dates: Sequence[tuple[int, int]], min_words: int = 1) -> int:
        """A place name of ``min_words`` to three words starting with reading ``r`` of word ``i``,
        added to ``found``; the index after it (``i`` if none)."""
        if r.prefix.endswith("ك") and not r.norm.startswith("ال"):
            return i  # كسرت (broke) is no ك + سرت; كالفلوجة keeps its article
        before = plain[i - 1].norm if i > 0 else ""
        locative = before in self.locative or before in ADMIN_WORDS
        # "راوة وعانة": a name joined by و right after another place
        after_place = r.prefix.startswith("و") and i > 0 and any(
            m.type == "place" and m.end == plain[i - 1].end for m in found[-2:])
        cue = locative or after_place or r.prefix in ("ب", "ل", "وب", "فب")
        if not r.prefix and r.norm.startswith("و") and r.norm not in self.whole_words and i > 0 \
                and any(m.type == "place" and m.end == plain[i - 1].end for m in found[-2:]) \
                and exact_key(r.norm[1:]) in self.places:
            return i  # "شقلاوة ورانية": و + the next town of a list, not a town spelt with و
        # weaker cues, for names that are no everyday word: a verb that takes a place ("دخل
        # دوسمريب", "سيطر على الضالع") or a place joined by و right after ("مورك وكفرزيتا")
        verb = before in PLACE_VERBS or (before == "علي" and i > 1 and plain[i - 2].norm in PLACE_VERBS)
        attacked = before == "علي" and i > 1 and plain[i - 2].norm in ATTACK_NOUNS and r.norm not in self.common \
            and self.places.get(exact_key(r.norm), (0, False))[0] >= NEAR_POPULATION
        cue = cue or attacked
        soft = r.norm not in self.everyday_wide and (verb or self._place_joined_next(text, toks, plain, i))
        # "محافظة صلاح الدين": the name is what follows a locative word, even where the index
        # also knows it with that word
        longest = 1 if r.norm in self.locative else 3
        if r.norm in DIRECTIONS and i + 1 < len(plain):
            region = self.places.get(exact_key(r.norm + " " + plain[i + 1].norm))
            if region and region[1]:
                longest = 2  # "شمال سيناء" is a region of its own
        sizes = [n for n in (3, 2, 1) if min_words <= n <= longest and i + n <= len(plain)]
        hit = 0
        for n in sizes:
            words = [r.norm] + [plain[i + k].norm for k in range(1, n)]
            if n == 1 and (r.norm in STOPWORDS or r.norm in self.known_single or r.norm in self.locative):
                continue  # a locative word (مدينة، ريف) announces a place, it is none
            if n == 1 and (r.norm in self.dialect or r.norm in GENERIC_PLACES):
                continue  # "ماكو", "من الوادي": chat words, what places have
            if n == 1 and r.norm in KIN and not (
                    before in LOCATIVE_KIN and self.places.get(exact_key(r.norm), (0, False))[0]
                    >= (KIN_TOWN_POPULATION if len(r.norm) >= 4 else 1_000_000)
                    and (len(r.norm) >= 4 or before != "من")):  # "ورث من جده": from his grandfather
                continue  # "عند أمه": kin, a big town only after في، من، إلى
            if n > 1 and any(a < plain[i + n - 1].end and r.start < b for a, b in dates):
                continue  # "تونس الشهر الماضي": the name stops where a date begins
            key = exact_key(" ".join(words))
            if key not in self.places or (len(key) < 3 and not (n == 1 and before in ADMIN_WORDS)):
                # "الحي" (حي) is a place only as what an administrative word names ("قضاء الحي")
                continue
            pop, big = self.places[key]
            if n == 1 and r.norm in self.known_words and not big:
                continue  # a word of a lexicon phrase ("الدولة") names a place only as a country or region
            if n == 1 and r.norm in PRAYERS and before in PRAYER_CUES:
                continue  # "بعد المغرب": after the sunset prayer, not Morocco
            if n == 1 and r.norm in self.frequent and not cue:
                continue  # "سنة", "العاصمة", "وإن": frequent words, places after في، ب، ل …
            if n == 1 and r.norm in self.common and r.norm not in self.frequent \
                    and not (locative and self._stands_alone(plain, i)):
                continue  # "بيان", "سجن الحسكة": everyday words, places only after في، من …
            if n == 1 and not cue and (r.norm,) in self.given:
                continue  # "اسأل خليل": a first name, unless a locative word says a place comes
            if n == 1 and _is_nisba(r.norm) and not cue and self._describes(plain, i, found):
                continue  # "الطيران الروسي": an adjective of the word before it
            if n == 1 and not big and not locative and r.norm.startswith("ال") and r.norm.endswith(("ين", "ون")) \
                    and not (r.norm.endswith("ون") and r.prefix.endswith(("ب", "ل"))):
                continue  # "المهربين في مدنين": a plural, a town only after في، من …
            if n == 1 and not big and pop < 500_000 and not cue and not r.prefix and r.norm.startswith("ال") \
                    and i > 0 and plain[i - 1].norm.startswith("ال") and plain[i - 1].norm not in FUNCTION_WORDS \
                    and self._tight(text, plain, i) and not any(m.end == plain[i - 1].end for m in found[-2:]):
                continue  # "الرابط الجديد": an adjective of the definite noun before it
            # a name that opens with a word places are made of (تل، رأس، عين، دير …) is a place
            # wherever it stands, however small ("رأس العين", "تل عفر" head a sentence)
            headed = n > 1 and r.norm in self.toponym_heads
            if big or pop >= MIN_POPULATION or cue or headed or soft:
                hit = n
                break
        if locative or after_place or (verb and r.norm not in self.everyday_wide):
            # a name the index spells a little differently, or knows only in Latin letters, where
            # the words before say a place comes: one to three words, none of them a function word
            # or an everyday one; a longer such name wins over a shorter one found above ("في كاورا
            # نامودا" is Kaura Namoda, not a Togolese Kara)
            for n in sizes:
                if n <= hit:
                    break
                words = [r.norm] + [plain[i + k].norm for k in range(1, n)]
                if any(w in STOPWORDS or w in self.common or w in self.locative or w in GENERIC_PLACES
                       or w in self.dialect or w in KIN or not w.isalpha() for w in words):
                    continue  # ("إلى عبري ٩ ساعات": no digit is part of a name)
                if n > 1 and not all(self._tight(text, plain, i + k) for k in range(1, n)):
                    continue
                name = " ".join(words)
                if (not hit and self._near_spelling(name)) or (
                        (after_place or r.prefix not in ("و", "ف")) and plain[i].norm not in self.everyday_wide
                        and (r.prefix or not any(o.prefix and exact_key(o.norm) in self.places for o in toks[i]))
                        # "بالموصل": the reading without ب, where that one is a place
                        and not any(w.startswith("و") or exact_key(w) in self.places for w in words[1:])
                        and (locative or not _present_with_b(words))
                        and self._translit_place(words, [r.raw] + [plain[i + k].raw for k in range(1, n)])):
                    hit = n
                    break
        if not hit:
            return i
        found.append(self._mention("place", text, r, plain[i + hit - 1], "gazetteer"))
        return i + hit

    def _kunya_town(self, text: str, plain: list[_Tok], i: int, r: _Tok) -> bool:
        """Is kunya reading ``r`` of word ``i`` and the word after it a town the index knows
        ("أم درمان", "بن جواد", "أبو ظبي") where a place is expected: after a locative word or a
        joined ب/ل (only after في where the word is a first name too: "إلى أم هاجر" is a woman),
        or a town of 500,000 people or more anywhere; after في any town the index knows whose
        second word is no first name ("في بنت جبيل")?"""
        if i + 1 >= len(plain) or not self._tight(text, plain, i + 1):
            return False
        place = self.places.get(exact_key(r.norm + " " + plain[i + 1].norm))
        before = plain[i - 1].norm if i > 0 else ""
        if place and before == "في" and plain[i + 1].norm not in self.given_first:
            return True  # "في بنت جبيل", "في أبو غريب": nobody is "in" a person
        if not place or (place[0] < KUNYA_TOWN_POPULATION and not place[1]):
            return False
        if place[0] >= 500_000:
            return True
        if before in PLACE_VERBS and plain[i + 1].norm not in self.given_first:
            return True  # "دخلوا أم روابة": a town is entered, not a mother
        if plain[i + 1].norm in self.given_first:
            # "أرسلوا إلى أم هاجر": a mother named after her child; a town only in it ("في بن جواد")
            return before == "في"
        return before in self.locative or r.prefix in ("ب", "ل", "وب", "فب")

    def _place_joined_next(self, text: str, plain_toks: list[list[_Tok]], plain: list[_Tok], i: int) -> bool:
        """Is word ``i + 1`` و and a place name that is no everyday word ("مورك وكفرزيتا")?"""
        if i + 1 >= len(plain) or not self._tight(text, plain, i + 1):
            return False
        return any(r.prefix == "و" and len(r.norm) >= 3 and r.norm not in self.everyday_wide and r.norm not in self.common
                   and exact_key(r.norm) in self.places for r in plain_toks[i + 1])

    def _org_phrase_at(self, plain: list[_Tok], i: int) -> int:
        """Where the lexicon organisation's name that starts at word ``i`` ends (0 if none)."""
        for words, kind in self.phrases.get(plain[i].norm, ()):
            j = i + len(words)
            if kind == "organisation" and j <= len(plain) and all(
                    plain[i + k].norm == words[k] for k in range(1, len(words))):
                return j
        return 0

    @staticmethod
    def _tight(text: str, plain: list[_Tok], k: int) -> bool:
        """Do words ``k - 1`` and ``k`` stand side by side, with no punctuation between them?"""
        return k > 0 and not text[plain[k - 1].end:plain[k].start].strip()

    def _unknown_name(self, tok: _Tok, *, place_ok: bool = False) -> bool:
        """A word no lexicon knows and no everyday word, shaped like a name: no article, no digit,
        three letters or more, not a verb of the third person (يشتغل، قالوا، بيسافر), no town of 20,000
        people or more (with ``place_ok``, where a verb says a person comes: no country or
        region) ("كيفن", "تايلر", "نظروف")."""
        w = tok.norm
        if len(w) < 3 or w.startswith(("ال", "ي")) or w.endswith(("وا", "ون")) or not w.isalpha() \
                or w in self.whole_words or w in self.everyday:
            return False
        if w[0] == "ب" and w[1] in "يتن" and (w[1:] in self.everyday_wide or (len(w) >= 5 and w[2:] in self.everyday_wide)):
            return False  # "بيسافر", "بتقول": a verb of the dialects (ب + the present tense)
        place = self.places.get(exact_key(w))
        return not (place and (place[1] or (place[0] >= MIN_POPULATION and not place_ok)))

    def _context_name(self, text: str, plain: list[_Tok], j: int) -> tuple[int, int]:
        """After a verb of arrest or speech at word ``j - 1``: where the name it governs starts and
        ends (an empty span if none) — after the organisation that acts, if one comes first; a
        first name and the rest of it, or two or three words shaped like a name."""
        n = len(plain)
        if j < n and self._tight(text, plain, j):
            known = self._org_phrase_at(plain, j)
            if known or plain[j].norm in self.heads:
                # "اعتقلت الشرطة زوران بيتروفيتش": the one who acts, then the one acted on
                j = known or self._org_end(text, [[t] for t in plain], plain, j, definite=_definite(plain[j]))
        if j >= n or not self._tight(text, plain, j) or plain[j].norm in self.kunya or plain[j].norm in self.titles:
            return j, j  # the kunya and title rules read those
        if plain[j].norm in self.given_first:
            return j, self._name_end(plain, j, first_any=False, text=text)
        if not self._unknown_name(plain[j], place_ok=True):
            # "إسلام ماغوميدوف": an everyday word is a first name where a surname of Russian or
            # Slavic shape follows it
            if j + 1 < n and self._tight(text, plain, j + 1) and plain[j].norm.isalpha() \
                    and not plain[j].norm.startswith("ال") and plain[j].norm not in self.whole_words \
                    and _slavic_surname(plain[j + 1].norm) and self._unknown_name(plain[j + 1], place_ok=True):
                return j, j + 2
            return j, j
        k, names = j + 1, 1
        while k < n and names < 3 and self._tight(text, plain, k) and (
                plain[k].norm in self.given_first or self._unknown_name(plain[k], place_ok=True)):
            k += 2 if plain[k].norm == "عبد" and k + 1 < n else 1  # "سامان عبد الله كريم"
            names += 1
        while k < n and self._tight(text, plain, k) and _is_nisba(plain[k].norm) and plain[k].norm not in self.known_words:
            k += 1
        return j, (k if names >= 2 else j)

    def _adjectives(self, text: str, plain: list[_Tok], k: int) -> int:
        """The index after the adjectives of an organisation's name that start at word ``k``."""
        while k < len(plain) and self._tight(text, plain, k) and (
                _is_nisba(plain[k].norm) or plain[k].norm in ORG_ADJECTIVES):
            k += 1
        return k

    def _family_name(self, tok: _Tok) -> bool:
        """May ``tok``, right after a first name, be the rest of the name: another first name, a
        Maghrebi family name (بوخطوة), or a word of four letters or more that is no everyday word
        (lexicons/ar-everyday.txt), no sizeable place, no definite noun, no word of the lexicons,
        not shaped like a verb (يقول، اعتقل، قصفوا) and with no joined preposition or possessive
        (بخير، هاتفه)?"""
        w = tok.norm
        if w in self.whole_words and w not in self.given_first:
            return False
        if w in self.given_first:
            return True
        if w.startswith("بو") and len(w) >= 5:
            return True
        if len(w) < 4 or w in self.everyday or not w.isalpha():
            return False  # "جاب", "راح": three letters are most often a verb
        if _participle(w):
            return False  # "عالق", "ساكن", "واقف": a participle (فاعل), a state the name is in
        if w[0] in "فبلكس" and (w[1:] in self.everyday or w[1:].startswith("ال") or exact_key(w[1:]) in self.places):
            return False  # "بخير", "لروسيا": a joined letter and a word
        place = self.places.get(exact_key(w))
        if place and (place[1] or place[0] >= MIN_POPULATION):
            return False
        return (not w.startswith(("ال", "ا", "ي", "ت", "و"))
                and not w.endswith(("وا", "ون", "ه", "ها", "هم", "كم", "نا")))

    def _father_name(self, tok: _Tok) -> bool:
        """May ``tok``, inside a nasab chain that a family name closes, be the father's first name
        even though it is an everyday word (مبارك، سيد، جبار، نور: names are words)? Three letters
        or more, no article, no joined letter or possessive, no function, kin, dialect, lexicon
        or place word, not shaped like a verb of the present."""
        w = tok.norm
        return (len(w) >= 3 and w.isalpha() and not tok.prefix and not w.startswith(("ال", "ي", "ت", "و"))
                and not w.endswith(("وا", "ون", "ها", "هم", "كم", "نا")) and w not in STOPWORDS
                and w not in KIN and w not in self.dialect and w not in self.locative and w not in self.titles
                and w not in self.kunya and w not in self.known_words and w not in PERSON_VERBS
                and w not in PLACE_VERBS and not self.places.get(exact_key(w), (0, False))[1])

    def _closes_name(self, tok: _Tok) -> bool:
        """Does ``tok`` close a person's name for sure: a first name, عبد (a compound), a nisba or
        a family name with the article that no list knows ("سالم مبارك العجمي", "حمدي سيد عبد
        المنعم")?"""
        w = tok.norm
        if w in self.given_first and w not in self.everyday:
            return True
        if _is_nisba(w) and w not in self.known_words and w not in self.everyday:
            return True  # (a nisba may be frequent as a word: العجمي)
        return _definite(tok) and not _is_nisba(w) and self._definite_family_name(w)

    def _definite_family_name(self, w: str) -> bool:
        return (len(w) >= 5 and w.isalpha() and w not in self.everyday_wide and w not in self.whole_words
                and w not in FUNCTION_WORDS and not w.endswith(("ين", "ون", "ات")) and exact_key(w) not in self.places)

    def _after_bin(self, tok: _Tok) -> bool:
        """May ``tok``, after بن/ابن/ولد inside a name, be the father's name? Any word of three
        letters or more with no article that is no function, kin, dialect or lexicon word: the
        father's first name may look like a participle or an everyday word (عايض، مالك، سالم)."""
        w = tok.norm
        if w in self.given_first:
            return True  # "نبيل بن علي": علي is spelt as على (on) is
        return (len(w) >= 3 and w.isalpha() and not w.startswith("ال") and w not in STOPWORDS and w not in KIN
                and w not in self.dialect and w not in self.locative
                and (w not in self.known_words or w in self.given_first))

    def _describes(self, plain: list[_Tok], i: int, found: list[Mention]) -> bool:
        """Would the nisba-shaped word ``i`` be an adjective of what comes before it: a definite
        noun ("الطيران الروسي"), a name ("عمر الحضرمي"), or an organisation's head?"""
        if i == 0:
            return False
        prev = plain[i - 1]
        if prev.norm.startswith("ال") and prev.norm not in FUNCTION_WORDS:
            return True
        start = plain[i].start
        return any(m.start < start < m.end or m.end == prev.end for m in found if m.type in ("person", "organisation"))

    @staticmethod
    def _stands_alone(plain: list[_Tok], i: int) -> bool:
        """Is word ``i`` not the head of a construct ("سجن الحسكة", "سوق الرقة"), whose next word
        would be definite?"""
        return i + 1 >= len(plain) or not plain[i + 1].norm.startswith("ال")

    def _near_spelling(self, name: str) -> bool:
        """Where a place is expected, a name the index spells a little differently: one place whose
        Arabic name has the same consonant key and a spelling at least 0.85 alike, and which is
        a country, a region or a town of some size (a nameless hamlet is too easy a match)."""
        if len(exact_key(name)) < 4:
            return False
        for place, spelling in geo.gazetteer().matches(name, translit=False):
            if spelling >= NEAR_SPELLING and (place.kind != "city" or place.population >= NEAR_POPULATION):
                return True
        return False

    def _translit_place(self, words: list[str], raw: list[str] | None = None) -> bool:
        """Where a place is expected, a name the index knows only in Latin letters under the same
        transliteration key ("إلى عبري": Ibri; "في كاورا نامودا": Kaura Namoda), the key long
        enough or the town big enough (``geo.Gazetteer.translit_matches``), and no word of the name
        one of the 25,000 most frequent words nor one with a possessive ending ("من بيوتهن"), nor a
        verb of the present ("وتبي"), nor a first name alone. ``raw``: the words as written, where
        a final ة (normalised to ه) is a feminine ending, not a possessive ("في بيشة": Bisha)."""
        raw = raw or words
        if any(not w.isalpha() or w in self.everyday_wide or (w.startswith("ال") and len(words) == 1)
               or (w.endswith(("ه", "ها", "هم", "هن", "هما", "كم", "نا")) and not r.endswith("ة"))
               for w, r in zip(words, raw)):
            return False
        if len(words) == 1 and (words[0] in self.given_first or words[0][0] in "يت" or len(words[0]) < 3):
            return False
        return bool(geo.gazetteer().translit_matches(" ".join(words)))

    def _name_end(self, plain: list[_Tok], j: int, *, first_any: bool, first: _Tok | None = None,
                  text: str = "", chain: bool = False) -> int:
        """Where a name that starts at word ``j`` ends: a first word, compounds, nisbas; with
        ``chain`` (after a title) the rest of the name after a first name no list knows, as after
        one of the lexicon ("حجي ستار جبار الكرخي", "الحاج لوال ميغاري")."""
        n = len(plain)
        if j >= n or (text and not self._tight(text, plain, j) and first is None):
            return j
        head = plain[j].norm if first is None else first.norm
        if not first_any and head not in self.given_first:
            return j
        if head in STOPWORDS or (head in KIN and head not in self.kunya) or head in self.dialect or (head in self.known_words and not head.startswith("ال")):
            return j
        k = j + 1
        if head in ("عبد", "ابو", "ام") and k < n:  # عبد الله, أبو بكر as a first name
            k += 1
        if (head in self.given_first or (chain and head not in self.kunya and k == j + 1)) and head not in ("ابو", "ام"):
            # "أحمد عبد الستار", "سالم راشد موينيي", "فهد بن سالم الدوسري", "عمر ولد محمد سالم":
            # a first name and the rest of the name, up to two more names
            more = 0
            while k < n and more < 2 and (not text or self._tight(text, plain, k)):
                w = plain[k].norm
                if w in ("بن", "ابن", "ولد", "بنت") and k + 1 < n and self._after_bin(plain[k + 1]):
                    k += 1
                elif not self._family_name(plain[k]) and not (
                        self._father_name(plain[k]) and k + 1 < n and (not text or self._tight(text, plain, k + 1))
                        and self._closes_name(plain[k + 1])):
                    break
                k += 2 if plain[k].norm == "عبد" and k + 1 < n else 1
                more += 1
        # a family name with the article that is no nisba: no everyday word, no place, no plural,
        # no word of the lexicons ("عبد الباسط الغويل", "عمر البشير")
        if k < n and k > j and (not text or self._tight(text, plain, k)) and _definite(plain[k]) \
                and not _is_nisba(plain[k].norm) and self._definite_family_name(plain[k].norm):
            k += 1
        # more given names, then nisbas and laqabs (المهاجر، الأنصاري)
        while k < n and (not text or self._tight(text, plain, k)) and (
            _is_nisba(plain[k].norm) or plain[k].norm in ("المهاجر", "الانصار")
        ) and plain[k].norm not in self.known_words:
            k += 1
        if not first_any and k == j + 1 and len(head) < 3:
            return j
        return k

    def _org_end(self, text: str, toks: list[list[_Tok]], plain: list[_Tok], i: int, *, definite: bool) -> int:
        n = len(plain)
        k = i + 1
        if k >= n or (plain[k].norm in STOPWORDS and plain[k].norm not in self.heads) or plain[k].norm in self.dialect:
            return i + 1  # "قوات الأمن": a head may govern another
        if definite:
            # الجيش العراقي / المخابرات الأردنية / الأمن العام: adjectives of the head
            k = self._adjectives(text, plain, k)
            if k == i + 1:
                return k
        else:
            # جيش النظام / وكالة أعماق: the name the head governs; رئاسة أمن الدولة / شرطة مكافحة
            # الإرهاب: a chain of nouns in construct, up to the definite one that closes it
            end = k + 1
            m = k
            while m < n and m - k < 3 and self._tight(text, plain, m) and plain[m].norm not in self.dialect \
                    and (plain[m].norm not in STOPWORDS or plain[m].norm in self.heads):
                if plain[m].norm.startswith("ال"):
                    end = m + 1
                    break
                m += 1
            if end < n - 1 and plain[end].norm in ("بن", "ابن") and self._tight(text, plain, end) \
                    and self._tight(text, plain, end + 1) and (self._after_bin(plain[end + 1]) or (
                        _definite(plain[end + 1]) and plain[end + 1].norm not in self.whole_words)):
                end += 2  # "كتيبة البراء بن مالك": a unit named after a man, with his father's name
            k = self._adjectives(text, plain, end)
        if plain[i].norm in INSTITUTION_HEADS and k < n and self._tight(text, plain, k):
            # "المديرية العامة للأمن الداخلي", "الحركة الإسلامية لأوزبكستان": ل and what it names
            for r in toks[k]:
                place = self.places.get(exact_key(r.norm)) if r.prefix == "ل" else None
                if r.prefix == "ل" and (r.norm.startswith("ال") or (place and place[1])):
                    k = self._adjectives(text, plain, k + 1)
                    break
                if r.prefix == "ل" and not r.norm.startswith("ال") and k + 1 < n and self._tight(text, plain, k + 1) \
                        and _definite(plain[k + 1]) and plain[k + 1].norm not in STOPWORDS \
                        and plain[k + 1].norm not in FUNCTION_WORDS:
                    # "المديرية العامة لمراقبة التراب الوطني": ل + a noun in construct with a
                    # definite one, and its adjectives
                    k = self._adjectives(text, plain, k + 2)
                    break
        return k


register("ar", Arabic)
