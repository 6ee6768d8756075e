#!/usr/bin/env bash
# Quality benchmark on the shared datasets, one command per dataset:
#   backend/SalesCoach.Inference/Benchmarks/run-quality.sh banking77|clinc150|persuasion4good
# Trains on the train split (clinc150: dev = val + oos_val), evaluates once on the test split
# through ONNX Runtime, runs the scikit-learn peer on the same files in the same session, and
# writes the figures into BENCHMARKS.md and the full reports into Benchmarks/results/<task>/.
# Data: ../shared/data beside the repository, or SALESCOACH_DATA.
set -euo pipefail
dataset=${1:?usage: run-quality.sh banking77|clinc150|persuasion4good}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
data=${SALESCOACH_DATA:-$repo/../shared/data}
python=/usr/bin/python3
case "$dataset" in
  banking77|clinc150) tasks=("$dataset") ;;
  persuasion4good) tasks=(persuasion4good-persuader persuasion4good-persuadee) ;;
  *) echo "unknown dataset: $dataset" >&2; exit 2 ;;
esac
$python -c "import sklearn" 2>/dev/null || { echo "python3-sklearn is missing: apt-get install -y python3-sklearn" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$repo/backend/SalesCoach.Cli" -c Release -v quiet -nologo >/dev/null
cli="$repo/backend/SalesCoach.Cli/bin/Release/net10.0/salescoach"

for task in "${tasks[@]}"; do
  dir="$work/$task"
  results="$here/results/$task"
  mkdir -p "$results"
  $python "$here/prepare.py" "$data" "$task" "$dir"
  train_args=(--data "$dir/train.jsonl" --text text --label label --seed 42 --out "$dir/model")
  eval_args=(--model "$dir/model" --data "$dir/test.jsonl" --text text --label label)
  peer_args=("$dir/train.jsonl" "$dir/test.jsonl")
  if [ "$task" = clinc150 ]; then
    # dim 100 rather than 64: better in-scope accuracy on val (150 intents need a wider layer).
    train_args+=(--oos-label oos --dev "$dir/dev.jsonl" --dim 100)
    eval_args+=(--oos-label oos)
    peer_args+=(oos)
  fi
  start=$EPOCHREALTIME
  "$cli" model train "${train_args[@]}" 2> "$results/train.log"
  train_seconds=$(awk "BEGIN { print $EPOCHREALTIME - $start }")
  cp "$dir/model/model.json" "$results/model.json"
  "$cli" model evaluate "${eval_args[@]}" --json --report-dir "$results" > "$results/ours.json"
  $python "$here/sklearn_peer.py" "${peer_args[@]}" > "$results/peer.json"
  $python "$here/write_report.py" "$task" "$results/ours.json" "$results/peer.json" "$train_seconds" \
    "backend/SalesCoach.Inference/Benchmarks/run-quality.sh $dataset" "$here/../BENCHMARKS.md"
done
