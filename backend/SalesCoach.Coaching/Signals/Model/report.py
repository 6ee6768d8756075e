#!/usr/bin/env python3
"""Turns the evaluate --json outputs into the Markdown table of SIGNALS-RESULTS.md.

  report.py REPORT_DIR MODEL_JSON [PREVIOUS_RESULTS_MD]

Everything from the NOTES heading of the previous SIGNALS-RESULTS.md on (notes written by hand, such as the context
check's figures) is carried over unchanged.
"""
import json, os, sys

NOTES = "## Notes"

LABELS = ["objection_price", "objection_timing", "objection_authority", "objection_need", "objection_trust",
          "competitor", "buying_signal", "pricing_question", "next_step"]
d = sys.argv[1]
meta = json.load(open(sys.argv[2]))
alls = json.load(open(f"{d}/test-all.json"))
langs = {l: json.load(open(f"{d}/test-{l}.json")) for l in ["en", "es", "fr", "de", "zh"]}
base = json.load(open(f"{d}/baseline-test-all.json"))
base_langs = {l: json.load(open(f"{d}/baseline-test-{l}.json")) for l in langs}
bag = json.load(open(f"{d}/embedding-bag-test-all.json"))
bag_langs = {l: json.load(open(f"{d}/embedding-bag-test-{l}.json")) for l in langs}


def negation(featurizer):
    scope = featurizer.get("negationScope", 0)
    if not scope:
        return ""
    how = "instead of the plain ones" if featurizer.get("negationReplaces") else "besides the plain ones"
    what = "word and character n-grams" if featurizer.get("negationCharNgrams") else "word n-grams"
    return f", negation scope {scope} tokens (negated {what} {how})"


def macro(report):
    f1s = [report["perLabel"][l]["f1"] for l in LABELS if l in report["perLabel"] and report["perLabel"][l]["support"] > 0]
    return sum(f1s) / len(f1s)


print("# Signal model: results on the corpus test split\n")
print("Produced by `bash backend/SalesCoach.Coaching/Signals/Model/train.sh` (ONNX Runtime, batch 1). ")
print("Macro-F1 here is over the nine signal labels (the model's extra `none` label is left out).\n")
print(f"Test rows: {alls['examples']}. Exact-match accuracy (all labels of a line right, `none` included): {alls['accuracy']:.3f}.\n")
print(f"Model: {meta['trainExamples']} training rows (corpus batches 1-3 and persuasion4good train), {meta['devExamples']} dev rows, "
      f"method {meta.get('method', 'embeddingBag')}, {meta['featurizer']['buckets']} buckets, secondary threshold {meta.get('secondaryThreshold', 0):.1f}{negation(meta['featurizer'])}. "
      "Trained in the same run: the embedding bag (the previous method) on the same data, and "
      "a baseline with the shipped options on corpus batch 1 only.\n")
f1 = lambda r, l: r["perLabel"].get(l, {}).get("f1", 0)
print("| label | precision | recall | F1 | support | embedding-bag F1 | baseline F1 |\n|---|---|---|---|---|---|---|")
for l in LABELS:
    p = alls["perLabel"].get(l, {"precision": 0, "recall": 0, "f1": 0, "support": 0})
    print(f"| {l} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} | {p['support']} | {f1(bag, l):.3f} | {f1(base, l):.3f} |")
print(f"| **macro-F1 (9 labels)** | | | **{macro(alls):.3f}** | | {macro(bag):.3f} | {macro(base):.3f} |\n")
print("| language | rows | macro-F1 (9 labels) | exact-match accuracy | embedding-bag macro-F1 | baseline macro-F1 |\n|---|---|---|---|---|---|")
for l, r in langs.items():
    print(f"| {l} | {r['examples']} | {macro(r):.3f} | {r['accuracy']:.3f} | {macro(bag_langs[l]):.3f} | {macro(base_langs[l]):.3f} |")
print(f"\nLatency (featurize + ONNX Runtime, one thread): {alls['latencyMicroseconds']:.1f} us per utterance.")
if len(sys.argv) > 3 and os.path.exists(sys.argv[3]):
    previous = open(sys.argv[3], encoding="utf-8").read()
    if NOTES in previous:
        print("\n" + previous[previous.index(NOTES):].rstrip("\n"))
