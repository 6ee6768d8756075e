#!/usr/bin/env bash
# Compares training options without the test split: 3 folds over batch 1's training groups (folds.py), each option
# trained on the rest and scored (macro-F1 over the nine labels) on the held-out batch-1 lines and batch 1's dev lines.
# This is how the shipped method was chosen (SIGNALS-RESULTS.md). From the repository root:
#   bash backend/SalesCoach.Coaching/Signals/Model/compare.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${SALESCOACH_DATA:-$root/../shared/data}
mkdir -p "$work/prepared"
python3 "$here/prepare.py" "$here/../Corpus" "$data/persuasion4good/train.csv" "$work/prepared" >/dev/null
python3 "$here/folds.py" "$work/prepared" "$here/../Corpus" "$work"
dotnet build -c Release -v q --nologo "$root/backend/SalesCoach.Cli" -o "$work/cli" >/dev/null
cli="dotnet $work/cli/salescoach.dll"
declare -A candidates=(
  ["embedding-bag"]="--lr 0.25 --epochs 60 --patience 8 --buckets 262144 --dim 32"
  ["linear-svm C=1"]="--method linear-svm --svm-c 1 --buckets 262144"
  ["linear-svm C=2"]="--method linear-svm --svm-c 2 --buckets 262144"
  ["linear-svm C=4"]="--method linear-svm --svm-c 4 --buckets 262144"
)
echo "| options | fold 0 | fold 1 | fold 2 | mean |"
echo "|---|---|---|---|---|"
for name in "${!candidates[@]}"; do
  scores=()
  for fold in 0 1 2; do
    d="$work/fold$fold"
    # shellcheck disable=SC2086
    $cli model train --data "$d/train.jsonl" --dev "$d/dev.jsonl" --text text --label labels --multi-label --seed 42 \
      ${candidates[$name]} --out "$d/model" >/dev/null 2>&1
    scores+=("$($cli model evaluate --model "$d/model" --data "$d/eval.jsonl" --text text --label labels --json | python3 -c '
import json, sys
per = json.load(sys.stdin)["perLabel"]
f1 = [v["f1"] for k, v in per.items() if k != "none"]
print(f"{sum(f1) / len(f1):.3f}")')")
  done
  mean=$(python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(f'{sum(v)/len(v):.3f}')" "${scores[@]}")
  echo "| $name | ${scores[0]} | ${scores[1]} | ${scores[2]} | $mean |"
done
