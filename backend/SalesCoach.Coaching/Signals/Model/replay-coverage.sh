#!/usr/bin/env bash
# How many persuasion4good TEST turns annotated as resistance or buying signal the shipped model would tip on:
# the done-when-1 criterion of issue 4 (an objection on a resistance turn, buying_signal on a buying turn),
# measured per customer unit with `model predict` over the whole test split. Reporting only: nothing is tuned on
# it. The replay tests (tests/SalesCoach.Api.Tests/Coaching/PersuasionReplayTests.cs) run two of these
# dialogues through the real API. From the repository root:
#   bash backend/SalesCoach.Coaching/Signals/Model/replay-coverage.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${SALESCOACH_DATA:-$root/../shared/data}
python3 - "$data/persuasion4good/test.csv" "$work/units.jsonl" <<'PY'
import csv, json, sys
resistance = {"negative-reaction-to-donation", "disagree-donation", "disagree-donation-more"}
buying = {"positive-reaction-to-donation", "agree-donation", "ask-donation-procedure"}
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
        if r["speaker"] == "persuadee" and r["text"].strip():
            acts = {r["persuadee_act"], r["persuadee_act_2"]}
            act = "resistance" if acts & resistance else "buying" if acts & buying else ""
            out.write(json.dumps({"text": r["text"].strip(), "labels": ["none"], "act": act, "dialog": r["dialog_id"]}) + "\n")
PY
dotnet build -c Release -v q --nologo "$root/backend/SalesCoach.Cli" -o "$work/cli" >/dev/null
dotnet "$work/cli/salescoach.dll" model predict --model "$here" --data "$work/units.jsonl" --text text --label labels > "$work/predicted.jsonl"
python3 - "$work/units.jsonl" "$work/predicted.jsonl" <<'PY'
import json, sys
units = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
predicted = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
per = {}
for unit, p in zip(units, predicted):
    labels = set(p["predicted"])
    counts = per.setdefault(unit["dialog"], {"resistance": [0, 0], "buying": [0, 0]})
    if unit["act"]:
        hit = any(l.startswith("objection_") for l in labels) if unit["act"] == "resistance" else "buying_signal" in labels
        counts[unit["act"]][0] += hit
        counts[unit["act"]][1] += 1
total = lambda kind, i: sum(c[kind][i] for c in per.values())
both = [d for d, c in per.items() if c["resistance"][1] and c["buying"][1]]
covered = [i for i, d in enumerate(both) if all(per[d][k][0] == per[d][k][1] for k in ("resistance", "buying"))]
print(f"test dialogues: {len(per)}; annotated turns tipped: resistance {total('resistance', 0)}/{total('resistance', 1)}, "
      f"buying signal {total('buying', 0)}/{total('buying', 1)}")
print(f"dialogues with both kinds (file order): {len(both)}; every annotated turn tipped in {len(covered)}: ordinals {covered}")
PY
