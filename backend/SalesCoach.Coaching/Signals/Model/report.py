#!/usr/bin/env python3
"""Turns the evaluate --json outputs into the Markdown table of SIGNALS-RESULTS.md."""
import json, sys

LABELS = ["objection_price", "objection_timing", "objection_authority", "objection_need", "objection_trust",
          "competitor", "buying_signal", "pricing_question", "next_step"]
d = sys.argv[1]
alls = json.load(open(f"{d}/test-all.json"))
langs = {l: json.load(open(f"{d}/test-{l}.json")) for l in ["en", "es", "fr", "de", "zh"]}


def macro(report):
    f1s = [report["perLabel"][l]["f1"] for l in LABELS if l in report["perLabel"] and report["perLabel"][l]["support"] > 0]
    return sum(f1s) / len(f1s)


print("# Signal model: results on the corpus test split\n")
print("Produced by `bash backend/SalesCoach.Coaching/Signals/Model/train.sh` (ONNX Runtime, batch 1). ")
print("Macro-F1 here is over the nine signal labels (the model's extra `none` label is left out).\n")
print(f"Test rows: {alls['examples']}. Exact-match accuracy (all labels of a line right, `none` included): {alls['accuracy']:.3f}.\n")
print("| label | precision | recall | F1 | support |\n|---|---|---|---|---|")
for l in LABELS:
    p = alls["perLabel"].get(l, {"precision": 0, "recall": 0, "f1": 0, "support": 0})
    print(f"| {l} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} | {p['support']} |")
print(f"| **macro-F1 (9 labels)** | | | **{macro(alls):.3f}** | |\n")
print("| language | rows | macro-F1 (9 labels) | exact-match accuracy |\n|---|---|---|---|")
for l, r in langs.items():
    print(f"| {l} | {r['examples']} | {macro(r):.3f} | {r['accuracy']:.3f} |")
print(f"\nLatency (featurize + ONNX Runtime, one thread): {alls['latencyMicroseconds']:.1f} us per utterance.")
