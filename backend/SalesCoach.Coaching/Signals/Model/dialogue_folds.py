#!/usr/bin/env python3
"""Writes the folds of the context check (context-check.sh) over the persuasion4good TRAIN split, by dialogue (Python 3
standard library only); never reads a test split.

  dialogue_folds.py PREPARED_DIR CORPUS_DIR PERSUASION_TRAIN_CSV OUT_DIR [K]

PREPARED_DIR is prepare.py's output. The train split's dialogues are dealt into K folds by a hash of the dialogue id;
fold i trains on the corpus train lines and the prepared persuasion units of the other folds' dialogues
(`train.jsonl`), tunes thresholds on the corpus dev lines (`dev.jsonl`, as train.sh does), and is scored on EVERY
persuadee unit of its own dialogues (`eval.jsonl`: hand labels, context, and the dataset's annotation `act`:
"resistance", "buying" or "" as replay-coverage.sh and the replay tests read the acts).
"""
import hashlib, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import prepare  # noqa: E402

RESISTANCE = {"negative-reaction-to-donation", "disagree-donation", "disagree-donation-more"}
BUYING = {"positive-reaction-to-donation", "agree-donation", "ask-donation-procedure"}


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write(path, items):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in items)


def fold_of(dialog, k):
    return int(hashlib.sha256(dialog.encode()).hexdigest(), 16) % k


def main():
    prepared, corpus, persuasion, out = sys.argv[1:5]
    k = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    labels = prepare.hand_labels(f"{corpus}/persuasion4good/train-labels.tsv")
    units = []
    for key, text, context, r in prepare.persuadee_units(persuasion):
        acts = {r["persuadee_act"], r["persuadee_act_2"]}
        act = "resistance" if acts & RESISTANCE else "buying" if acts & BUYING else ""
        unit = {"text": text, "labels": labels[key][0] or ["none"], "act": act, "dialog": r["dialog_id"], "key": key}
        if context:
            unit["context"] = context
        units.append(unit)
    train = rows(f"{prepared}/train.jsonl")
    for i in range(k):
        d = f"{out}/fold{i}"
        os.makedirs(d, exist_ok=True)
        write(f"{d}/train.jsonl", [r for r in train if "dialog" not in r or fold_of(r["dialog"], k) != i])
        write(f"{d}/dev.jsonl", rows(f"{prepared}/dev.jsonl"))
        held = [u for u in units if fold_of(u["dialog"], k) == i]
        write(f"{d}/eval.jsonl", held)
        print(f"fold {i}: {len({u['dialog'] for u in held})} dialogues, {len(held)} units scored", file=sys.stderr)


if __name__ == "__main__":
    main()
