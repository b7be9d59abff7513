"""Sentence-level tuning of the static model (training-time only; tried, not shipped).

    python -m watchfloor.search.tune [--base static-e5.npz] [--out .cache/static-e5-tuned.npz]
    python bench/search_agreement.py .cache/static-e5-tuned.npz   # how it ranks

``distil.py`` gives every piece and frequent word the teacher's vector of that entry *alone*; a
message's vector is then the sum of its entries' vectors, which ranks messages differently from
the teacher's vector of the whole message. This step carries the token-level model into the
teacher's own space so that a text's vector approximates the teacher's vector of that text (the
idea of model2vec's tokenlearn, written here from the idea):

1. Training texts, none from the benchmark generator (``bench/search_corpus.py``): replies from
   Telegram channels (the shared ``telegram-threats`` set, English, CC BY 4.0); pseudo-sentences
   in English, Arabic, French and Russian (bags of 5-20 words: spaCy's stop words, the model's
   frequent words, the teacher's single-piece words of the language; half drawn around a topic
   word; some with a name from watchfloor's lexicons and nisba table); and our own statements in
   the four languages (``tune_sentences.tsv``), bare and dressed as chat forwards.
2. The teacher's vector of each (``passage:`` prefix, as the index encodes messages), cached by
   text under ``.cache/``.
3. A text's vector is normalise(teacher mean + weighted mean of its rows), in the teacher's
   384 dimensions, uncentred: on the benchmark, where the teacher's top ten are decided by
   differences of 0.001-0.01 between renderings of one statement, even perfect copies of the
   teacher's vectors lose that order once centred, normalised or cut to 256 dimensions.
4. The rows: each token-level row's direction through one least-squares linear map plus an
   offset per script (the token-level model centred each script), its SIF weight kept; then,
   optionally (``--epochs``), every row and weight by Adam on the squared error against the
   centred teacher vectors. The map alone ranked best; see docs/benchmarks.md for why neither
   is the shipped model.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

import numpy as np

from watchfloor.search import static
from watchfloor.search.distil import script_of, teacher_vectors
from watchfloor.search.teacher import NAME

CACHE = ".cache"
LANGS = ("en", "ar", "fr", "ru")
SENTENCES = Path(__file__).with_name("tune_sentences.tsv")
LEXICONS = Path(__file__).resolve().parents[1] / "entities" / "lexicons"
NISBAS = Path(__file__).resolve().parents[1] / "data" / "nisba_forms.tsv"


# ---------------------------------------------------------------- training texts

def _stop_words(lang: str) -> list[str]:
    import importlib

    mod = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    return sorted(w for w in mod.STOP_WORDS if w.strip() and " " not in w)


def _english_words(texts: list[str]) -> set[str]:
    counts: dict[str, int] = {}
    for t in texts:
        for w in t.lower().split():
            counts[w] = counts.get(w, 0) + 1
    return {w for w, c in counts.items() if c >= 2}


# languages word-level identification chooses among, per script: a single piece is kept for a
# language only when py3langid prefers that language among these for the piece alone
_RIVALS = {"en": ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "id", "pl", "vi", "sk", "sv", "ro"),
           "ar": ("ar", "fa", "ur", "ps"), "ru": ("ru", "uk", "bg", "mk", "sr", "be", "kk")}
_RIVALS["fr"] = _RIVALS["en"]


def language_vocabularies(model: static.StaticModel, english: set[str]) -> dict[str, tuple[list[str], np.ndarray]]:
    """Content words of each language with a sampling weight: the model's whole words (stored in
    frequency order per language: English, Arabic, French, Russian) weighted 1/rank, and the
    teacher's single-piece words of the language's script weighted by their unigram probability
    (those of Latin script kept for English when the chat texts use them, for French when
    py3langid calls them French; Arabic and Cyrillic ones when it calls them Arabic, Russian)."""
    import py3langid.langid as langid

    first_ar = next(i for i, w in enumerate(model.words) if script_of(w) == "arabic")
    blocks: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for i, w in enumerate(model.words):
        s = script_of(w)
        if s == "arabic":
            blocks["ar"].append(w)
        elif s == "cyrillic":
            blocks["ru"].append(w)
        elif s == "latin":
            blocks["en" if i < first_ar else "fr"].append(w)
    singles: dict[str, list[tuple[str, float]]] = {"latin": [], "arabic": [], "cyrillic": []}
    for p, sc in zip(model.pieces, model.scores):
        w = p[1:]
        if p.startswith(static.SPACE) and len(w) >= 2 and w.isalpha() and script_of(w) in singles:
            singles[script_of(w)].append((w, float(np.exp(sc))))
    out = {}
    for lang, script in (("en", "latin"), ("ar", "arabic"), ("fr", "latin"), ("ru", "cyrillic")):
        words = blocks[lang]
        wts = 1.0 / (np.arange(len(words)) + 10.0)
        langid.set_languages(list(_RIVALS[lang]))
        if lang == "en":
            single = [(w, f) for w, f in singles[script] if w in english]
        else:
            single = [(w, f) for w, f in singles[script][:60_000]
                      if w not in english and langid.classify(w)[0] == lang]
        single = sorted(single, key=lambda x: -x[1])[:15_000]
        sw = np.asarray([f for _, f in single])
        # the single pieces take half the mass: they are the most frequent content words
        wts = np.concatenate([wts / wts.sum(), sw / sw.sum()])
        out[lang] = (words + [w for w, _ in single], wts / wts.sum())
    langid.set_languages(None)
    return out


def names() -> dict[str, list[str]]:
    """First names, kunyas and place forms by script, from watchfloor's lexicons and nisba table."""
    out: dict[str, list[str]] = {"latin": [], "arabic": []}
    for lang, script in (("en", "latin"), ("ar", "arabic")):
        for line in (LEXICONS / f"{lang}.tsv").read_text(encoding="utf-8").splitlines():
            kind, _, phrase = line.partition("\t")
            if kind in ("given", "kunya", "title") and phrase:
                out[script].append(phrase)
    for line in NISBAS.read_text(encoding="utf-8").splitlines()[3:]:
        parts = line.split("\t")
        if len(parts) > 2 and parts[1] in out:
            out[parts[1]].append(parts[0])
    return out


def pseudo_sentences(model: static.StaticModel, per_language: int, seed: int,
                     english: set[str]) -> dict[str, list[str]]:
    """``per_language`` pseudo-sentences of each language (a language's first n are the same
    whatever ``per_language`` is)."""
    vocab = language_vocabularies(model, english)
    people = names()
    out = {}
    for n_lang, lang in enumerate(LANGS):
        rng = np.random.default_rng([seed, n_lang])
        pyrng = random.Random(seed * 10 + n_lang)
        words, wts = vocab[lang]
        stops = _stop_words(lang)
        unit = model.embed(words)  # the token-level model's vector of each word, for topics
        script = {"ar": "arabic"}.get(lang, "latin")
        out[lang] = []
        for k in range(per_language):
            n = int(rng.integers(5, 21))
            n_stop = int(rng.binomial(n, 0.35))
            if k % 2:
                topic = int(rng.choice(len(words), p=wts))
                p = wts * np.exp((unit @ unit[topic]) / 0.08)
                p /= p.sum()
            else:
                p = wts
            content = [words[i] for i in rng.choice(len(words), size=n - n_stop, p=p)]
            bag = content + pyrng.choices(stops, k=n_stop)
            pyrng.shuffle(bag)
            if lang != "ru" and pyrng.random() < 0.25:
                bag.insert(pyrng.randrange(len(bag) + 1), pyrng.choice(people[script]))
            out[lang].append(" ".join(bag))
    return out


# how chat messages dress a statement: openers, who says it, where (en, ar, fr, ru); ours, and
# none of them the search benchmark's
OPENERS = [("update:", "تحديث:", "mise à jour :", "обновление:"), ("urgent:", "عاجل:", "urgent :", "срочно:"),
           ("friends,", "يا أصدقاء،", "les amis,", "друзья,"), ("they say that", "يقولون إن", "on dit que", "говорят, что")]
WRITES = ("writes", "يكتب", "écrit", "пишет")
PERSONS = [(("Tariq Mansour", "Tarek Mansur"), "طارق منصور", "Тарик Мансур"),
           (("Layla Darwish", "Leila Darwiche"), "ليلى درويش", "Лейла Дарвиш"),
           (("Karim Nassar", "Kareem Nasar"), "كريم نصار", "Карим Нассар"),
           (("Abu Anas al-Hurani", "Abou Anas Hourani"), "أبو أنس الحوراني", "Абу Анас аль-Хаурани"),
           (("Samira Yaqub", "Samira Yacoub"), "سميرة يعقوب", "Самира Якуб"),
           (("Ziad Rahal", "Ziyad Rahhal"), "زياد رحال", "Зияд Рахаль")]
WHERE = [("in Damascus", "في دمشق", "à Damas", "в Дамаске"), ("in Baghdad", "في بغداد", "à Bagdad", "в Багдаде"),
         ("in Cairo", "في القاهرة", "au Caire", "в Каире"), ("in Beirut", "في بيروت", "à Beyrouth", "в Бейруте"),
         ("in Amman", "في عمان", "à Amman", "в Аммане"), ("in Kirkuk", "في كركوك", "à Kirkouk", "в Киркуке")]


def own_sentences(variants: int, seed: int) -> list[str]:
    """Our statements (tune_sentences.tsv) in the four languages, each bare and in ``variants``
    chat dressings: an opener, someone who writes it, a place, each or not."""
    rng = random.Random(seed)
    out = []
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        for i, text in enumerate(line.split("\t")):
            out.append(text)
            for _ in range(variants):
                parts = []
                if rng.random() < 0.5:
                    parts.append(rng.choice(OPENERS)[i])
                if rng.random() < 0.4:
                    latin, arabic, cyrillic = rng.choice(PERSONS)
                    parts.append(f"{ {1: arabic, 3: cyrillic}.get(i) or rng.choice(latin)} {WRITES[i]}")
                parts.append(text)
                if rng.random() < 0.5:
                    parts.append(rng.choice(WHERE)[i])
                out.append(" ".join(parts))
    return out


def chat_texts(limit: int, seed: int) -> list[str]:
    """Replies from the shared telegram-threats set (English chat), 3-80 words, deduplicated."""
    from watchfloor.classify.data import THREATS, data_dir, read_jsonl

    path = data_dir() / THREATS
    if not path.exists():
        print(f"  ({path} not found: no chat texts)")
        return []
    texts = list(dict.fromkeys(" ".join(o["text"].split()) for o in read_jsonl(path)))
    texts = [t for t in texts if 3 <= len(t.split()) <= 80]
    random.Random(seed).shuffle(texts)
    return texts[:limit]


def training_texts(model: static.StaticModel, *, pseudo: int, chat: int, seed: int,
                   variants: int = 6) -> list[str]:
    """The training texts, the sources interleaved (ours, chat, en, ar, fr, ru, ours, ...), so
    that the first n of a larger set are a smaller set of the same mix (what the teacher's cache
    holds when an encoding run is cut short)."""
    chats = chat_texts(chat, seed)
    pseudo_by_lang = pseudo_sentences(model, pseudo, seed, _english_words(chat_texts(100_000, seed)))
    sources = [own_sentences(variants, seed), chats, *pseudo_by_lang.values()]
    texts = [src[i] for i in range(max(map(len, sources))) for src in sources if i < len(src)]
    return list(dict.fromkeys(texts))


# ---------------------------------------------------------------- training

def rows_of(model: static.StaticModel) -> np.ndarray:
    return model.vectors.astype(np.float32) * model.scales[:, None]


def bags(model: static.StaticModel, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(token ids of all texts concatenated, start offset of each text); a text with no token
    gets none."""
    ids: list[int] = []
    starts = []
    for t in texts:
        starts.append(len(ids))
        ids.extend(model.tokens(t))
    return np.asarray(ids, np.int64), np.asarray(starts + [len(ids)], np.int64)


def batch_matrix(ids: np.ndarray, starts: np.ndarray, sel: np.ndarray):
    """(sparse count matrix: selected texts x rows touched, the touched row ids)."""
    from scipy import sparse

    lo, hi = starts[sel], starts[sel + 1]
    lengths = hi - lo
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    flat = ids[np.repeat(lo - offsets, lengths) + np.arange(lengths.sum())]
    touched, col = np.unique(flat, return_inverse=True)
    row = np.repeat(np.arange(len(sel)), lengths)
    mat = sparse.csr_matrix((np.ones(len(flat), np.float32), (row, col)), shape=(len(sel), len(touched)))
    return mat, touched


def means(rows: np.ndarray, ids: np.ndarray, starts: np.ndarray, sel: np.ndarray,
          weights: np.ndarray | None = None) -> np.ndarray:
    """Weighted mean of rows per selected text (zero for a text with no token)."""
    mat, touched = batch_matrix(ids, starts, sel)
    w = np.ones(len(touched), np.float32) if weights is None else weights[touched]
    total = np.maximum(np.asarray(mat @ w).ravel(), 1e-12)
    return np.asarray(mat @ (rows[touched] * w[:, None]), dtype=np.float32) / total[:, None]


def row_scripts(model: static.StaticModel) -> np.ndarray:
    """The script of each row (0 Latin, 1 Arabic, 2 Cyrillic, 3 anything else)."""
    code = {"latin": 0, "arabic": 1, "cyrillic": 2}
    return np.asarray([code.get(script_of(e), 3) for e in model.pieces + model.words], np.int64)


def fit_map(rows: np.ndarray, scripts: np.ndarray, ids: np.ndarray, starts: np.ndarray,
            d: np.ndarray, ridge: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """The token-level rows carried into the teacher's space: (rows, weights). Each row keeps
    its norm as its weight (the token-level model's SIF weight); its direction is mapped by the
    linear map M, and an offset per script is added (the token-level model centred each script,
    the teacher's space has a mean per language): M and the offsets are the least-squares fit
    (a little ridge) of the texts' centred teacher vectors by the weighted mean of their rows'
    directions and the weighted share of each script among their rows."""
    norm = np.linalg.norm(rows, axis=1)
    weights = np.maximum(norm / np.median(norm[norm > 0]), 1e-3).astype(np.float32)
    unit = rows / np.maximum(norm, 1e-12)[:, None]
    onehot = np.eye(4, dtype=np.float32)[scripts]
    sel = np.arange(len(starts) - 1)
    x = np.hstack([means(unit, ids, starts, sel, weights), means(onehot, ids, starts, sel, weights)])
    scale = float(np.mean(x[:, :-4] ** 2)) * len(x)
    coef = np.linalg.solve(x.T @ x + ridge * scale * np.eye(x.shape[1]), x.T @ d).astype(np.float32)
    return unit @ coef[:-4] + onehot @ coef[-4:], weights


def tune_rows(rows: np.ndarray, weights: np.ndarray, ids: np.ndarray, starts: np.ndarray,
              d: np.ndarray, train: np.ndarray, valid: np.ndarray, *, epochs: int, lr: float,
              pull: float, batch: int = 256, seed: int = 0, log=print) -> tuple[np.ndarray, np.ndarray]:
    """Adam over the rows the training texts use and their weights (as logarithms): loss
    |weighted mean of a text's rows - d|^2 (d its centred teacher vector), plus
    ``pull`` * |row - its start|^2 on the rows in the batch."""
    rng = np.random.default_rng(seed)
    start = rows.copy()
    w = np.hstack([rows, np.log(weights)[:, None]]).astype(np.float32)  # last column: log weight
    dims = rows.shape[1]
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    t = np.zeros(len(w), np.int32)  # per-row step count (lazy Adam)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for epoch in range(epochs):
        order = rng.permutation(train)
        loss = 0.0
        for b in range(0, len(order), batch):
            sel = order[b : b + batch]
            mat, touched = batch_matrix(ids, starts, sel)
            r, wt = w[touched, :dims], np.exp(w[touched, dims])
            total = np.asarray(mat @ wt).ravel()
            pred = np.asarray(mat @ (r * wt[:, None]), dtype=np.float32) / total[:, None]
            err = pred - d[sel]
            loss += float((err**2).sum())
            gp = err * (2.0 / len(sel)) / total[:, None]  # dL/dpred, divided by the text's total weight
            back = np.asarray(mat.T @ gp, dtype=np.float32)
            g = np.empty((len(touched), dims + 1), np.float32)
            g[:, :dims] = wt[:, None] * back + pull * (r - start[touched])
            g[:, dims] = wt * ((r * back).sum(axis=1) - np.asarray(mat.T @ (pred * gp).sum(axis=1)).ravel())
            t[touched] += 1
            m[touched] = b1 * m[touched] + (1 - b1) * g
            v[touched] = b2 * v[touched] + (1 - b2) * g * g
            tt = t[touched][:, None]
            w[touched] -= lr * (m[touched] / (1 - b1 ** tt)) / (np.sqrt(v[touched] / (1 - b2 ** tt)) + eps)
        pred = means(w[:, :dims], ids, starts, valid, np.exp(w[:, dims]))
        log(f"  epoch {epoch + 1}: train error {loss / len(train):.4f}, valid error "
            f"{((pred - d[valid]) ** 2).sum(axis=1).mean():.4f}")
    return w[:, :dims], np.exp(w[:, dims])


def build(base: str, out: str, *, pseudo: int, chat: int, epochs: int, lr: float, pull: float,
          seed: int = 0, cache: str = CACHE) -> None:
    started = time.perf_counter()
    model = static.load(base)
    texts = training_texts(model, pseudo=pseudo, chat=chat, seed=seed)
    print(f"{len(texts):,} training texts; encoding them with {NAME}", flush=True)
    os.makedirs(cache, exist_ok=True)
    teacher = teacher_vectors(texts, os.path.join(cache, "tune-texts.teacher.npz")).astype(np.float32)
    rows, weights, offset = tune(model, texts, teacher, epochs=epochs, lr=lr, pull=pull, seed=seed)
    meta = f"sentence-tuned(texts={len(texts)},epochs={epochs},lr={lr},pull={pull})"
    static.save(out, model.pieces, model.scores, model.words, rows, weights=weights, offset=offset,
                teacher=NAME, recipe=_recipe(base) + "," + meta)
    print(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")


def tune(model: static.StaticModel, texts: list[str], teacher: np.ndarray, *, epochs: int,
         lr: float, pull: float, seed: int = 0,
         log=print) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows in the teacher's space, their weights, the teacher's mean vector): a text's vector
    is then normalise(mean + weighted mean of its rows)."""
    offset = teacher.mean(axis=0)
    d = teacher - offset
    ids, starts = bags(model, texts)
    order = np.random.default_rng(seed).permutation(len(texts))
    valid, train = np.sort(order[: len(texts) // 20]), np.sort(order[len(texts) // 20 :])
    log(f"  valid error of the mean alone: {(d[valid] ** 2).sum(axis=1).mean():.4f}")
    rows, weights = fit_map(rows_of(model), row_scripts(model), *_subset(ids, starts, train), d[train])
    pred = means(rows, ids, starts, valid, weights)
    log(f"  token-level rows after the best linear map: valid error "
        f"{((pred - d[valid]) ** 2).sum(axis=1).mean():.4f}")
    rows, weights = tune_rows(rows, weights, ids, starts, d, train, valid, epochs=epochs, lr=lr,
                              pull=pull, seed=seed, log=log)
    return rows, weights, offset


def _subset(ids: np.ndarray, starts: np.ndarray, sel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = starts[sel], starts[sel + 1]
    parts = [ids[a:b] for a, b in zip(lo, hi)]
    lens = np.asarray([len(p) for p in parts])
    return (np.concatenate(parts) if parts else ids[:0]), np.concatenate([[0], np.cumsum(lens)])


def _recipe(path: str) -> str:
    import json

    with np.load(path) as z:
        return json.loads(bytes(z["meta"]).decode()).get("recipe", "?")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=static.DEFAULT_MODEL,
                    help="the token-level model distil.py wrote (the shipped one)")
    ap.add_argument("--out", default=os.path.join(CACHE, "static-e5-tuned.npz"))
    ap.add_argument("--pseudo", type=int, default=5000, help="pseudo-sentences per language")
    ap.add_argument("--chat", type=int, default=8000)
    ap.add_argument("--epochs", type=int, default=0, help="Adam epochs after the linear map")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--pull", type=float, default=0.0)
    args = ap.parse_args()
    build(args.base, args.out, pseudo=args.pseudo, chat=args.chat, epochs=args.epochs, lr=args.lr,
          pull=args.pull)


if __name__ == "__main__":
    main()
