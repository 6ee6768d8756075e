#!/usr/bin/env python3
"""Builds the signal model's training and dev files (Python 3 standard library only).

  prepare.py CORPUS_DIR PERSUASION_TRAIN_CSV OUT_DIR

- Corpus train/dev lines (all three batches) keep their labels; a line with no label gets the label "none", because
  the trainer skips unlabelled rows and the model must learn what no signal looks like.
- persuasion4good TRAIN split only (never test): every persuadee sentence unit of the train split was labelled
  by hand with the corpus's own labels and rules (`../Corpus/persuasion4good/train-labels.tsv`, see the corpus
  README): a deferral is objection_timing, a money reason objection_price, and so on, instead of the dataset's
  coarse acts. Units with a signal are all used; a seeded sample of the units without one become "none". Dev stays
  the corpus dev split only, so thresholds are tuned on sales phrasing. Each unit carries `context`, the persuader's
  last unit before the persuadee's turn (see persuadee_units; the trainer reads it with `--context context`), and
  `dialog`, its dialogue id (for folds by dialogue); corpus lines have neither. prepare.py fails if the label file and the
  CSV disagree (a unit missing, a text changed).
- train-batch1.jsonl: the same recipe with batch 1 of the corpus only, for the report's baseline.
"""
import csv, json, random, sys

LABELS = {"objection_price", "objection_timing", "objection_authority", "objection_need", "objection_trust",
          "competitor", "buying_signal", "pricing_question", "next_step"}
OTHER_SAMPLE = 600


def corpus_rows(path, batches=(1, 2, 3)):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                if row["batch"] in batches:
                    yield {"text": row["text"], "labels": row["labels"] or ["none"], "language": row["language"]}


def persuadee_units(path):
    """The persuadee's non-empty sentence units in file order: key `dialog|turn|k` (k-th unit of that turn), text,
    context, the persuader's last unit before the persuadee's turn (None before the persuader has said anything), and the
    CSV row.

    Every unit of a persuadee turn gets the same context, also the 2nd and later ones: their own earlier units are the
    same speaker, not the other side, and serving does the same (a customer segment's context is the rep's last segment,
    however many customer segments came since), so training and serving read the same thing.
    """
    seen, last_persuader = {}, {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        text = r["text"].strip()
        if not text:
            continue
        if r["speaker"] == "persuader":
            last_persuader[r["dialog_id"]] = text
        elif r["speaker"] == "persuadee":
            turn = (r["dialog_id"], r["turn"])
            k = seen.get(turn, 0)
            seen[turn] = k + 1
            yield f"{r['dialog_id']}|{r['turn']}|{k}", text, last_persuader.get(r["dialog_id"]), r


def hand_labels(path):
    labels = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            key, names, text = line.rstrip("\n").split("\t")
            found = [] if names == "none" else names.split(",")
            if key in labels or not set(found) <= LABELS:
                raise SystemExit(f"{path}:{n}: duplicate key or unknown label: {line.strip()}")
            labels[key] = (found, text)
    return labels


def persuasion_rows(path, labels_path, rng):
    labels = hand_labels(labels_path)
    out, others = [], []
    units = list(persuadee_units(path))
    for key, text, context, _ in units:
        if key not in labels or labels[key][1] != text:
            raise SystemExit(f"{labels_path} does not match {path} at {key}: relabel or rebuild the file")
        found = labels[key][0]
        row = {"text": text, "labels": found or ["none"], "language": "en", "dialog": key.split("|")[0]}
        if context:
            row["context"] = context
        (out if found else others).append(row)
    if len(units) != len(labels):
        raise SystemExit(f"{labels_path} has {len(labels) - len(units)} keys that are not persuadee units of {path}")
    rng.shuffle(others)
    return out + others[:OTHER_SAMPLE]


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main():
    corpus, persuasion, out = sys.argv[1:4]
    rng = random.Random(7)
    hand = f"{corpus}/persuasion4good/train-labels.tsv"
    train = list(corpus_rows(f"{corpus}/train.jsonl")) + persuasion_rows(persuasion, hand, rng)
    rng.shuffle(train)
    write(f"{out}/train.jsonl", train)
    # The same recipe on batch 1 alone: the baseline the report compares against, trained in the same run.
    baseline = list(corpus_rows(f"{corpus}/train.jsonl", batches=(1,))) + persuasion_rows(persuasion, hand, random.Random(7))
    random.Random(7).shuffle(baseline)
    write(f"{out}/train-batch1.jsonl", baseline)
    write(f"{out}/dev.jsonl", list(corpus_rows(f"{corpus}/dev.jsonl")))
    # Test files per language for the report: labels kept exactly as the corpus has them ("none" for no signal).
    test = list(corpus_rows(f"{corpus}/test.jsonl"))
    write(f"{out}/test.jsonl", test)
    for lang in ("en", "es", "fr", "de", "zh"):
        write(f"{out}/test-{lang}.jsonl", [r for r in test if r["language"] == lang])
    print(f"train {len(train)} rows, dev and test from the corpus", file=sys.stderr)


if __name__ == "__main__":
    main()
