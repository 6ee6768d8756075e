"""The peer from the data README: TF-IDF (word 1-2-grams + char_wb 2-5-grams) + LinearSVC(C=0.5).

Trained on train.jsonl (plus nothing else), scored on test.jsonl; prints one JSON object with
the same figures our evaluator reports, plus training time and utterances/s one at a time and
in one batch.
"""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def main(train_path, test_path, oos_label=None):
    x_train, y_train = load(train_path)
    x_test, y_test = load(test_path)
    model = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2)),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)),
        ),
        LinearSVC(C=0.5),
    )
    start = time.perf_counter()
    model.fit(x_train, y_train)
    train_seconds = time.perf_counter() - start

    start = time.perf_counter()
    predicted = list(model.predict(x_test))
    batch_seconds = time.perf_counter() - start

    sample = x_test[:500]
    start = time.perf_counter()
    for text in sample:
        model.predict([text])
    single_seconds = time.perf_counter() - start

    result = {
        "accuracy": accuracy_score(y_test, predicted),
        "macroF1": f1_score(y_test, predicted, average="macro"),
        "examples": len(y_test),
        "trainSeconds": train_seconds,
        "utterancesPerSecondOneAtATime": len(sample) / single_seconds,
        "utterancesPerSecondBatch": len(x_test) / batch_seconds,
    }
    if oos_label:
        in_scope = [(g, p) for g, p in zip(y_test, predicted) if g != oos_label]
        oos = [(g, p) for g, p in zip(y_test, predicted) if g == oos_label]
        result["inScopeAccuracy"] = sum(g == p for g, p in in_scope) / len(in_scope)
        result["oosRecall"] = sum(p == oos_label for _, p in oos) / len(oos)
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:4])
