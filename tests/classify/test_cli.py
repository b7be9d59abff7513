"""`watchfloor classify` and `watchfloor train` as a user runs them."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_classify_jsonl_in_and_out(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "We will make the council pay in blood for this."},
        {"id": 7, "text": "The bus leaves at nine, don't be late."},
        {"id": "c", "text": ""},
        {"id": "d", "text": "🔥🔥🔥"},
        {"id": "e", "text": "12345"},
        {"id": "f", "text": "Вступайте в наши ряды, братья, пишите в личку."},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    r = run_cli("classify", str(src))
    assert r.code == 0, r.err
    out = lines(r.out)
    assert [o["id"] for o in out] == ["a", 7, "c", "d", "e", "f"]
    assert [x["name"] for x in out[0]["labels"]] == ["violent_threat"]
    assert out[0]["labels"][0]["evidence"][0] == rows[0]["text"]
    assert 0 < out[0]["labels"][0]["score"] <= 1
    assert out[1]["labels"] == [] and out[2]["labels"] == [] and out[3]["labels"] == [] and out[4]["labels"] == []
    assert "recruitment" in [x["name"] for x in out[5]["labels"]]


def test_classify_reads_stdin_and_reports_bad_lines(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "watchfloor", "classify", "-"], input='{"id": 1, "text": "hi"}\n',
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and lines(proc.stdout) == [{"id": 1, "labels": []}]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "hi"}\n{"id": 2, "text": \n')
    r = run_cli("classify", str(bad))
    assert r.code == 2 and r.err.strip() == f"error: {bad}: line 2 is not JSON"
    r = run_cli("classify", str(tmp_path / "missing.jsonl"))
    assert r.code == 2 and r.err.startswith("error: ") and "missing.jsonl" in r.err


def test_retrain_a_label_and_calibrate(tmp_path):
    mine = tmp_path / "mine.jsonl"
    pos = ["the harbour crew plans to sabotage the cranes tonight", "sabotage the cranes before the ship docks",
           "cut the crane cables at dawn, sabotage everything", "we sabotage the loading cranes on friday",
           "sabotage the harbour cranes and the ferries", "let us sabotage the crane engines",
           "sabotage the cranes, then leave by the back gate", "they will sabotage the harbour cranes again"]
    neg = ["the harbour crew fixed the cranes tonight", "the ship docks before noon", "crane inspection is on friday",
           "the ferries are late again", "lunch at the harbour cafe", "new paint for the loading bay",
           "the crane engines were serviced", "the back gate is closed on sundays"]
    with open(mine, "w") as f:
        for t in pos:
            f.write(json.dumps({"text": t, "label": "incitement"}) + "\n")
        for t in neg:
            f.write(json.dumps({"text": t, "labels": []}) + "\n")
    out = tmp_path / "my-models"
    r = run_cli("train", "--label", "incitement", "--data", str(mine), "--out", str(out))
    assert r.code == 0, r.err
    assert (out / "tfidf-incitement.npz").exists()
    probe = tmp_path / "probe.jsonl"
    probe.write_text(json.dumps({"id": 1, "text": "sabotage the cranes at the harbour tonight"}) + "\n")
    before = lines(run_cli("classify", str(probe)).out)[0]["labels"]
    after = lines(run_cli("classify", str(probe), "--models", str(out)).out)[0]["labels"]
    assert "incitement" not in [x["name"] for x in before]
    assert "incitement" in [x["name"] for x in after]
    cal = tmp_path / "calibrated"
    r = run_cli("train", "--calibrate", str(mine), "--models", str(out), "--out", str(cal))
    assert r.code == 0, r.err
    assert "incitement: threshold" in r.out
    manifest = json.loads((cal / "manifest.json").read_text())
    assert 0 < manifest["labels"]["incitement"]["threshold"] <= 1
    # errors are one line
    r = run_cli("train", "--label", "nonsense", "--data", str(mine), "--out", str(tmp_path / "x"))
    assert r.code == 2 and r.err.startswith("error: unknown label 'nonsense'")
    r = run_cli("train", "--label", "hate", "--data", str(mine), "--out", str(tmp_path / "y"))
    assert r.code == 2 and "need at least 5 texts with label 'hate'" in r.err
