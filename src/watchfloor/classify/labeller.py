"""The labelling layer: rules, hashed TF-IDF heads, the fine-tuned MiniLM and multilingual e5
heads, combined per label into a score in [0, 1] with the evidence that produced it.

A message is cut into segments (itself when short; runs of sentences otherwise, at most
``MAX_SEGMENTS`` of them, so a megabyte of text costs what a few pages do). Each segment goes
through the cheap first stage: lexicon rules and the TF-IDF heads. Only candidates — a rule
matched, or a TF-IDF head is above its candidate cut-off — reach the expensive models: the
fine-tuned MiniLM for English, multilingual-e5 heads for other languages and for labels the rules
saw. A message's score for a label is its best segment's; the evidence is that segment and the
words the rules matched in it.

A message longer than ``MAX_TEXT_CHARS`` (a pasted book) is labelled from its beginning, so that
one megabyte costs about a second, not a minute.

Narrative text (a news article's own words, ``reporting=True``) carries no label: only what it
quotes does. Text without a letter (empty, numbers, emoji) carries none.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import orjson

from watchfloor.classify.features import LinearHead, ngram_ids
from watchfloor.classify.rules import REPORTED_FACTOR, RuleHit, reported_outside_quotes, rule_hits, strongest
from watchfloor.classify.taxonomy import LABELS
from watchfloor.errors import WatchfloorError
from watchfloor.text.sentences import quoted_spans, sentence_spans

MODELS = Path(__file__).with_name("models")
SEGMENT_CHARS = 600
MAX_TEXT_CHARS = 200_000  # a longer message is labelled from its first 200,000 characters
MAX_SEGMENTS = 64
MAX_EVIDENCE_CHARS = 300


def models_dir() -> Path:
    """The model folder in use: ``$WATCHFLOOR_MODELS`` (an analyst's retrained set) or the shipped one."""
    return Path(os.environ.get("WATCHFLOOR_MODELS") or MODELS)


@dataclass(frozen=True, slots=True)
class Item:
    """A text to label. ``reporting``: narrative (an article's own words), where only quotes count.
    ``lang``: an ISO 639-1 code when known (the language enricher's), else guessed from the script."""

    text: str
    reporting: bool = False
    lang: str | None = None


@dataclass(slots=True)
class Scored:
    name: str
    score: float
    evidence: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


_FRENCH = {"le", "la", "les", "des", "nous", "vous", "est", "une", "pour", "avec", "sur", "dans", "qui",
           "pas", "que", "ils", "sont", "aux", "au", "du", "et", "on", "va", "mort", "ce", "ces"}


def guess_lang(text: str) -> str:
    """en, fr, ar or ru from the script (and for Latin script, French function words)."""
    arabic = cyrillic = latin = 0
    for ch in text[:2000]:
        if "\u0600" <= ch <= "\u06ff":
            arabic += 1
        elif "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
        elif ch.isascii() and ch.isalpha() or "\u00c0" <= ch <= "\u017f":
            latin += 1
    if arabic > max(latin, cyrillic):
        return "ar"
    if cyrillic > latin:
        return "ru"
    words = text[:2000].lower().replace("'", " ").replace("’", " ").split()
    return "fr" if words and sum(w in _FRENCH for w in words) / len(words) > 0.15 else "en"


@dataclass
class Segment:
    item: int
    span: tuple[int, int]
    text: str
    lang: str
    hits: list[RuleHit]


def segments(item: Item, index: int, hits: list[RuleHit]) -> list[Segment]:
    """The parts of an item's text that are scored: the whole of a short text; runs of sentences of
    a long one (those with rule hits first); only the quotes of narrative."""
    text = item.text
    lang = item.lang if item.lang in ("en", "ar", "ru", "fr") else guess_lang(text)
    if item.reporting:
        spans = [s for s in quoted_spans(text) if has_letters(text[s[0]:s[1]])][:MAX_SEGMENTS]
    elif len(text) <= SEGMENT_CHARS:
        spans = [(0, len(text))]
    else:
        spans = []
        start = end = None
        for s, e in sentence_spans(text, limit=MAX_SEGMENTS * 20):
            if start is None:
                start, end = s, min(e, s + SEGMENT_CHARS)
            elif e - start <= SEGMENT_CHARS:
                end = e
            else:
                spans.append((start, end))
                start, end = s, min(e, s + SEGMENT_CHARS)
        if start is not None:
            spans.append((start, end))
        hit_spans = {i for i, (s, e) in enumerate(spans) for h in hits if s <= h.span[0] < e}
        spans = [spans[i] for i in sorted(hit_spans)] + [sp for i, sp in enumerate(spans) if i not in hit_spans]
        spans = spans[:MAX_SEGMENTS]
    out = []
    for s, e in spans:
        seg_hits = [h for h in hits if s <= h.span[0] and h.span[1] <= e]
        out.append(Segment(index, (s, e), text[s:e], lang, seg_hits))
    return out


class Labeller:
    """Scores every label for a batch of items. Loads its model folder once."""

    def __init__(self, folder: Path | None = None, *, first_stage: bool = True) -> None:
        self.folder = folder or models_dir()
        self.first_stage = first_stage  # False sends every segment to the expensive models (a baseline)
        manifest_path = self.folder / "manifest.json"
        if not manifest_path.exists():
            raise WatchfloorError(f"{self.folder}: no label models here (manifest.json is missing; "
                                  "run `watchfloor train` to build them)")
        self.manifest = orjson.loads(manifest_path.read_bytes())
        # the models' version and the rules' (a lexicon edit re-runs the enricher as a retrain does)
        self.version = f"{self.manifest['version']}+rules-{_rules_version()}"
        self.thresholds: dict[str, float] = {
            name: float(spec.get("threshold", LABELS[name].threshold if name in LABELS else 0.5))
            for name, spec in self.manifest["labels"].items()
        }
        self._tfidf = {name: LinearHead.load(self.folder / f) for name, f in self.manifest.get("tfidf", {}).items()}
        self._minilm = None
        heads = self.manifest.get("e5_heads")
        self._e5 = None
        if heads:
            with np.load(self.folder / heads["file"]) as z:
                self._e5 = (list(heads["labels"]), z["coef"].astype(np.float32), z["intercept"].astype(np.float32))

    # -- the expensive models, loaded on first need --
    def _minilm_logits(self, texts: list[str]) -> np.ndarray:
        spec = self.manifest.get("minilm")
        if not spec or not texts:
            return np.zeros(len(texts), dtype=np.float32)
        if self._minilm is None:
            from watchfloor.classify.encoder import OnnxClassifier

            self._minilm = OnnxClassifier(self.folder / spec["model"], self.folder / spec["tokenizer"])
        return self._minilm.logits(texts)

    def _e5_probs(self, texts: list[str]) -> np.ndarray:
        if self._e5 is None or not texts:
            return np.zeros((len(texts), 0), dtype=np.float32)
        from watchfloor.classify.embed import embed

        _, coef, intercept = self._e5
        z = embed(texts) @ coef.T + intercept
        return 1.0 / (1.0 + np.exp(-z))

    def score(self, items: Sequence[Item]) -> list[dict[str, Scored]]:
        """Every label's score for each item (also those under threshold)."""
        results: list[dict[str, Scored]] = [{} for _ in items]
        segs: list[Segment] = []
        for i, item in enumerate(items):
            if len(item.text) > MAX_TEXT_CHARS:
                item = Item(item.text[:MAX_TEXT_CHARS], item.reporting, item.lang)
            if item.text and has_letters(item.text):
                segs.extend(segments(item, i, rule_hits(item.text, reporting=item.reporting)))
        if not segs:
            return results
        cand = self.manifest.get("candidate", {})
        stacks = self.manifest.get("stack", {})
        # first stage
        grams = [ngram_ids(s.text) for s in segs] if self._tfidf else []
        tfidf = {name: np.array([head.logit_of(*g) for g in grams], dtype=np.float32)
                 for name, head in self._tfidf.items()}
        rules = [_rule_scores(s.hits) for s in segs]
        gate = _gate()

        def passes(name: str, k: int) -> bool:
            return name in tfidf and sigmoid(float(tfidf[name][k])) >= float(cand.get(name, 0.5))

        # second stage. A stacked label whose stack uses the MiniLM sends its English candidates there;
        # e5 scores other-language segments that a rule or the vocabulary gate flags,
        # and English segments where a rule saw a label that has no stack.
        minilm_labels = [n for n, st in stacks.items() if "minilm" in st["weights"]]
        english = [k for k, s in enumerate(segs) if s.lang == "en" and (not self.first_stage or any(
            rules[k].get(n, 0.0) >= 0.3 or passes(n, k) for n in minilm_labels))]
        minilm = dict(zip(english, self._minilm_logits([segs[k].text for k in english])))
        # (The TF-IDF heads learned English n-grams: on other languages they pass almost anything
        # under the low candidate cut-offs, so only the rules and the vocabulary gate route there.)
        e5_rows = [k for k, s in enumerate(segs) if (not self.first_stage and s.lang != "en") or (
            s.lang != "en" and (any(v >= 0.3 for v in rules[k].values()) or gate.search(s.text) is not None)
        ) or (s.lang == "en" and any(v >= 0.3 and n not in stacks for n, v in rules[k].items()))]
        e5_probs = dict(zip(e5_rows, self._e5_probs([segs[k].text for k in e5_rows])))
        reports = {k: reported_outside_quotes(segs[k].text) for k in e5_rows}
        e5_labels = self._e5[0] if self._e5 else []
        for k, seg in enumerate(segs):
            for name in LABELS:
                if name not in self.manifest["labels"]:
                    continue
                rule = rules[k].get(name, 0.0)
                if name in stacks and seg.lang == "en":
                    st = stacks[name]
                    feats = {"rule": rule, "tfidf": float(tfidf[name][k]) if name in tfidf else 0.0,
                             "minilm": float(minilm[k]) if k in minilm else None}
                    if "minilm" in st["weights"] and feats["minilm"] is None:  # the first stage ruled it out
                        p = min(sigmoid(feats["tfidf"]) if name in tfidf else rule,
                                self.thresholds.get(name, 0.5) - 1e-4)
                    else:
                        p = sigmoid(sum(st["weights"][f] * feats[f] for f in st["weights"]) + st["intercept"])
                        # a rule that matched stands on its own: the stack's weights are learned from
                        # one community's replies, where the lexicon's veiled threats are rare
                        p = max(p, rule)
                else:
                    p = rule
                    if k in e5_probs and name in e5_labels:
                        e5 = float(e5_probs[k][e5_labels.index(name)])
                        # a model reads the words, not who says them: discount it where the
                        # segment reports others' acts outside quotes, as the rules are
                        p = max(p, e5 * (REPORTED_FACTOR if reports[k] else 1.0))
                best = results[seg.item].get(name)
                if best is None or p > best.score:
                    results[seg.item][name] = _scored(name, p, seg, items[seg.item].text)
        return results

    def labels(self, items: Sequence[Item]) -> list[list[Scored]]:
        """The labels whose score reaches their threshold, for each item, highest first."""
        out = []
        for scores in self.score(items):
            kept = [s for name, s in scores.items() if s.score >= self.thresholds.get(name, 0.5)]
            out.append(sorted(kept, key=lambda s: -s.score))
        return out


@lru_cache(maxsize=1)
def _rules_version() -> str:
    import hashlib

    from watchfloor.classify import lexicon, rules

    h = hashlib.sha256()
    for path in (lexicon.__file__, rules.__file__, __file__):  # this module routes the segments
        h.update(Path(path).read_bytes())
    return h.hexdigest()[:8]


@lru_cache(maxsize=1)
def _gate():
    import re

    from watchfloor.classify.lexicon import VOCABULARY
    from watchfloor.classify.rules import fold

    return re.compile(fold(VOCABULARY)[0], re.IGNORECASE)


def _rule_scores(hits: list[RuleHit]) -> dict[str, float]:
    from watchfloor.classify.rules import rule_scores

    return rule_scores(hits)


def _scored(name: str, p: float, seg: Segment, text: str) -> Scored:
    mine = [h for h in strongest(seg.hits) if h.label == name]
    if mine:
        main = mine[0]
        s, e = main.sentence
        evidence = [_clip(text[s:e])] + [text[h.span[0]:h.span[1]] for h in mine]
        return Scored(name, round(float(p), 4), evidence, main.span)
    return Scored(name, round(float(p), 4), [_clip(seg.text)], seg.span)


def _clip(s: str) -> str:
    return s if len(s) <= MAX_EVIDENCE_CHARS else s[:MAX_EVIDENCE_CHARS - 1] + "…"


@lru_cache(maxsize=4)
def labeller(folder: str | None = None) -> Labeller:
    """The process-wide Labeller for a model folder (default: ``models_dir()``)."""
    return Labeller(Path(folder) if folder else None)
