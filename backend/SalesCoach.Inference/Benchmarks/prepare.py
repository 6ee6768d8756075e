"""Turns a shared dataset into train/dev/test JSONL files ({"text", "label"}) for one benchmark task.

Test rows come only from the dataset's test split; dev rows (when the dataset has a validation
split) only from it. Nothing here looks at test labels beyond copying them.
"""
import csv
import json
import os
import sys


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for text, label in rows:
            f.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")


def csv_rows(path, text_col, label_col):
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text, label = (row.get(text_col) or "").strip(), (row.get(label_col) or "").strip()
            if text and label:
                yield text, label


def main(data_dir, task, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    files = {}
    if task == "banking77":
        d = os.path.join(data_dir, "banking77")
        files["train"] = list(csv_rows(os.path.join(d, "train.csv"), "text", "category"))
        files["test"] = list(csv_rows(os.path.join(d, "test.csv"), "text", "category"))
    elif task == "clinc150":
        with open(os.path.join(data_dir, "clinc150", "data_full.json"), encoding="utf-8") as f:
            d = json.load(f)
        # oos rows keep the dataset's own label "oos": the out-of-scope class.
        files["train"] = [tuple(r) for r in d["train"] + d["oos_train"]]
        files["dev"] = [tuple(r) for r in d["val"] + d["oos_val"]]
        files["test"] = [tuple(r) for r in d["test"] + d["oos_test"]]
    elif task in ("persuasion4good-persuader", "persuasion4good-persuadee"):
        d = os.path.join(data_dir, "persuasion4good")
        column = "persuader_act" if task.endswith("persuader") else "persuadee_act"
        files["train"] = list(csv_rows(os.path.join(d, "train.csv"), "text", column))
        files["test"] = list(csv_rows(os.path.join(d, "test.csv"), "text", column))
    else:
        sys.exit(f"unknown task {task}")
    for name, rows in files.items():
        write(os.path.join(out_dir, f"{name}.jsonl"), rows)
        print(f"{task} {name}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:4])
