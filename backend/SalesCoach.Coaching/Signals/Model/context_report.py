#!/usr/bin/env python3
"""The table of context-check.sh (Python 3 standard library only).

  context_report.py WORK_DIR VARIANT...

For each variant and fold, WORK_DIR/<variant>/fold<i>/ holds `predicted.jsonl` (`model predict` over the fold's
held-out persuasion4good TRAIN units, in the order of dialogue/fold<i>/eval.jsonl) and `corpus.txt` (macro-F1 on the
held-out corpus lines of compare.sh's fold i). Columns:
- resistance / buying: held-out units the dataset annotates as resistance (buying signal) that get an objection_*
  (buying_signal) label: done-when 1 of issue 4, per unit, as replay-coverage.sh counts it;
- covered: held-out dialogues with both kinds of annotation where every annotated unit gets its tip;
- false alarms: units without either annotation that get an objection_* or buying_signal label (any label, in brackets);
- hand F1: macro-F1 over the nine labels (those with held-out support) against the hand labels, micro-F1 in brackets;
- corpus: compare.sh's corpus check, macro-F1 over the nine labels on held-out batch-1 lines.
"""
import json, os, sys

LABELS = ["objection_price", "objection_timing", "objection_authority", "objection_need", "objection_trust",
          "competitor", "buying_signal", "pricing_question", "next_step"]


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fold_figures(units, predicted, corpus):
    if len(units) != len(predicted):
        raise SystemExit(f"{len(units)} units but {len(predicted)} predictions")
    f = {"res": [0, 0], "buy": [0, 0], "alarm": [0, 0], "any": 0, "tp": {}, "fp": {}, "fn": {}, "corpus": corpus}
    per_dialog = {}
    for unit, p in zip(units, predicted):
        if unit["text"] != p["text"]:
            raise SystemExit(f"predictions out of order at {unit['key']}")
        got = set(p["predicted"]) - {"none"}
        objection = any(label.startswith("objection_") for label in got)
        d = per_dialog.setdefault(unit["dialog"], {"resistance": [0, 0], "buying": [0, 0]})
        if unit["act"]:
            hit = objection if unit["act"] == "resistance" else "buying_signal" in got
            key = "res" if unit["act"] == "resistance" else "buy"
            f[key][0] += hit
            f[key][1] += 1
            d[unit["act"]][0] += hit
            d[unit["act"]][1] += 1
        else:
            f["alarm"][0] += objection or "buying_signal" in got
            f["alarm"][1] += 1
            f["any"] += bool(got)
        gold = set(unit["labels"]) - {"none"}
        for label in LABELS:
            kind = "tp" if label in got and label in gold else "fp" if label in got else "fn" if label in gold else None
            if kind:
                f[kind][label] = f[kind].get(label, 0) + 1
    both = [d for d in per_dialog.values() if d["resistance"][1] and d["buying"][1]]
    f["covered"] = [sum(all(d[k][0] == d[k][1] for k in d) for d in both), len(both)]
    return f


def f1s(f):
    per = []
    for label in LABELS:
        tp, fp, fn = (f[k].get(label, 0) for k in ("tp", "fp", "fn"))
        if tp + fn:
            per.append(2 * tp / (2 * tp + fp + fn))
    tp, fp, fn = (sum(f[k].values()) for k in ("tp", "fp", "fn"))
    return sum(per) / len(per), 2 * tp / (2 * tp + fp + fn)


def row(name, fold, f):
    macro, micro = f1s(f)
    share = lambda pair: f"{pair[0]}/{pair[1]} ({pair[0] / pair[1]:.2f})"
    corpus = f"{f['corpus']:.3f}" if f["corpus"] is not None else "-"
    return (f"| {name} | {fold} | {share(f['res'])} | {share(f['buy'])} | {f['covered'][0]}/{f['covered'][1]} | "
            f"{f['alarm'][0]}/{f['alarm'][1]} ({f['alarm'][0] / f['alarm'][1]:.2f}; any {f['any']}) | {macro:.3f} ({micro:.3f}) | {corpus} |")


def main():
    work, variants = sys.argv[1], sys.argv[2:]
    folds = sorted(d for d in os.listdir(f"{work}/dialogue") if d.startswith("fold"))
    print("| variant | fold | resistance tipped | buying tipped | dialogues covered | false alarms (any label) | hand F1 macro (micro) | corpus macro-F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for name in variants:
        figures = []
        for fold in folds:
            units = lines(f"{work}/dialogue/{fold}/eval.jsonl")
            predicted = lines(f"{work}/{name}/{fold}/predicted.jsonl")
            corpus_file = f"{work}/{name}/{fold}/corpus.txt"
            corpus = float(open(corpus_file).read()) if os.path.exists(corpus_file) else None
            figures.append(fold_figures(units, predicted, corpus))
            print(row(name, fold[4:], figures[-1]))
        total = {k: [sum(f[k][i] for f in figures) for i in (0, 1)] for k in ("res", "buy", "alarm", "covered")}
        total["any"] = sum(f["any"] for f in figures)
        total["corpus"] = None if any(f["corpus"] is None for f in figures) else sum(f["corpus"] for f in figures) / len(figures)
        for k in ("tp", "fp", "fn"):
            total[k] = {label: sum(f[k].get(label, 0) for f in figures) for label in LABELS}
        macro_mean = sum(f1s(f)[0] for f in figures) / len(figures)
        line = row(name, "all", total)
        # Hand F1 of the "all" row: the mean of the folds' macro-F1 (pooled micro-F1 in brackets).
        parts = line.split(" | ")
        parts[6] = f"{macro_mean:.3f} ({f1s(total)[1]:.3f})"
        print(" | ".join(parts))


if __name__ == "__main__":
    main()
