#!/usr/bin/env bash
# Does reading the other side's previous turn help the signal model? Decided without any test split: 3 folds by dialogue
# over the persuasion4good TRAIN split (dialogue_folds.py); each variant trains on the corpus train lines and the other
# folds' persuasion units and is scored on every persuadee unit of the held-out dialogues (context_report.py: the
# done-when-1 measure, false alarms, hand-label F1), and on compare.sh's corpus folds (folds.py; macro-F1 must not drop).
# Same folds, seed and SVM options for every variant. From the repository root:
#   bash backend/SalesCoach.Coaching/Signals/Model/context-check.sh [--only] [name='extra model train options' ...]
# It compares the shipped options without context and with the context variants below (results and decision in
# SIGNALS-RESULTS.md); each argument adds a variant, e.g. 'bigrams-whole-turn=--context context'. About 30 minutes.
# With --only, just `without` and the variants given (the negation check: 'neg-add=--negation-scope 6').
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${SALESCOACH_DATA:-$root/../shared/data}
mkdir -p "$work/prepared" "$work/corpus" "$work/dialogue"
python3 "$here/prepare.py" "$here/../Corpus" "$data/persuasion4good/train.csv" "$work/prepared" 2>/dev/null
python3 "$here/folds.py" "$work/prepared" "$here/../Corpus" "$work/corpus" >/dev/null
python3 "$here/dialogue_folds.py" "$work/prepared" "$here/../Corpus" "$data/persuasion4good/train.csv" "$work/dialogue"
dotnet build -c Release -v q --nologo "$root/backend/SalesCoach.Cli" -o "$work/cli" >/dev/null
cli="dotnet $work/cli/salescoach.dll"
common=(--text text --label labels --multi-label --seed 42 --buckets 262144 --method linear-svm --svm-c 2)
# Context variants: its words and word pairs; its words only; words + (context token, text token) pairs for texts of at
# most 6 tokens; such pairs alone (no context words), for at most 6 and at most 4 tokens. All read the context's last
# sentence only.
names=(without words+bigrams words words+pairs6 pairs6 pairs4)
last="--context context --context-last-sentence"
declare -A extra=(
  [without]=""
  [words+bigrams]="$last --context-ngrams 2"
  [words]="$last --context-ngrams 1"
  [words+pairs6]="$last --context-ngrams 1 --context-pair-words 6"
  [pairs6]="$last --context-ngrams 0 --context-pair-words 6"
  [pairs4]="$last --context-ngrams 0 --context-pair-words 4"
)
if [ "${1:-}" = --only ]; then
  names=(without)
  shift
fi
for argument in "$@"; do
  names+=("${argument%%=*}")
  extra[${argument%%=*}]=${argument#*=}
done
for name in "${names[@]}"; do
  for fold in 0 1 2; do
    out="$work/$name/fold$fold"
    mkdir -p "$out"
    d="$work/dialogue/fold$fold"
    # shellcheck disable=SC2086
    $cli model train --data "$d/train.jsonl" --dev "$d/dev.jsonl" "${common[@]}" ${extra[$name]} --out "$out/model" >/dev/null 2>&1
    $cli model predict --model "$out/model" --data "$d/eval.jsonl" --text text --label labels --context context > "$out/predicted.jsonl"
    c="$work/corpus/fold$fold"
    # shellcheck disable=SC2086
    $cli model train --data "$c/train.jsonl" --dev "$c/dev.jsonl" "${common[@]}" ${extra[$name]} --out "$out/corpus-model" >/dev/null 2>&1
    $cli model evaluate --model "$out/corpus-model" --data "$c/eval.jsonl" --text text --label labels --json | python3 -c '
import json, sys
per = json.load(sys.stdin)["perLabel"]
f1 = [v["f1"] for k, v in per.items() if k != "none"]
print(f"{sum(f1) / len(f1):.4f}")' > "$out/corpus.txt"
    rm -rf "$out/model" "$out/corpus-model"
  done
done
python3 "$here/context_report.py" "$work" "${names[@]}"
