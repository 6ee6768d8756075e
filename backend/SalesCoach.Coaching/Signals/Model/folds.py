#!/usr/bin/env python3
"""Writes the folds that training options are compared on (Python 3 standard library only); never reads test.jsonl.

  folds.py PREPARED_DIR CORPUS_DIR OUT_DIR [K]

PREPARED_DIR is prepare.py's output (train.jsonl = corpus train + persuasion4good train). Batch 1's training groups
are dealt into K folds by a hash of the group; fold i trains on everything except its batch-1 groups, and is scored
on those groups plus batch 1's dev lines (`eval.jsonl`, the style closest to the test split). `dev.jsonl` (batch 2's
dev lines) tunes the thresholds, as the corpus dev split does for the shipped model.
"""
import hashlib, json, os, sys


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def plain(row):
    return {"text": row["text"], "labels": row["labels"] or ["none"], "language": row["language"]}


def write(path, items):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in items)


def main():
    prepared, corpus, out = sys.argv[1:4]
    k = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    train, dev = rows(f"{corpus}/train.jsonl"), rows(f"{corpus}/dev.jsonl")
    fold_of = lambda group: int(hashlib.sha256(group.encode()).hexdigest(), 16) % k
    held = {i: {r["text"] for r in train if r["batch"] == 1 and fold_of(r["group"]) == i} for i in range(k)}
    for i in range(k):
        d = f"{out}/fold{i}"
        os.makedirs(d, exist_ok=True)
        write(f"{d}/train.jsonl", [r for r in rows(f"{prepared}/train.jsonl") if r["text"] not in held[i]])
        evaluation = [plain(r) for r in train if r["batch"] == 1 and fold_of(r["group"]) == i] + [plain(r) for r in dev if r["batch"] == 1]
        write(f"{d}/eval.jsonl", evaluation)
        write(f"{d}/dev.jsonl", [plain(r) for r in dev if r["batch"] != 1])
        print(f"fold {i}: {sum(1 for _ in open(f'{d}/train.jsonl'))} train, {len(evaluation)} scored")


if __name__ == "__main__":
    main()
