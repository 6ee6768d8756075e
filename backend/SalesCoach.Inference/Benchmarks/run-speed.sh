#!/usr/bin/env bash
# Speed benchmark, one command: backend/SalesCoach.Inference/Benchmarks/run-speed.sh [seconds-per-run]
# Trains the banking77 model (train split), then measures featurize + infer per utterance at
# batch 1 over the banking77 test utterances (texts only): featurizer alone, managed maths,
# ONNX Runtime; one thread, then all cores. Writes the table into BENCHMARKS.md.
set -euo pipefail
seconds=${1:-3}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
data=${SALESCOACH_DATA:-$repo/../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$repo/backend/SalesCoach.Cli" -c Release -v quiet -nologo >/dev/null
cli="$repo/backend/SalesCoach.Cli/bin/Release/net10.0/salescoach"
/usr/bin/python3 "$here/prepare.py" "$data" banking77 "$work/data"
"$cli" model train --data "$work/data/train.jsonl" --text text --label label --seed 42 --out "$work/model" 2>/dev/null
"$cli" bench speed --model "$work/model" --data "$work/data/test.jsonl" --text text --label label --seconds "$seconds" | tee "$work/speed.md"
/usr/bin/python3 - "$work/speed.md" "$here/../BENCHMARKS.md" "$seconds" <<'PY'
import re, sys
table = open(sys.argv[1], encoding="utf-8").read().strip()
block = f"<!-- bench:speed -->\nCommand: `backend/SalesCoach.Inference/Benchmarks/run-speed.sh {sys.argv[3]}` (banking77 model, its test utterances)\n\n{table}\n<!-- /bench:speed -->"
page = sys.argv[2]
text = open(page, encoding="utf-8").read()
open(page, "w", encoding="utf-8").write(re.sub(r"<!-- bench:speed -->.*?<!-- /bench:speed -->", lambda _: block, text, flags=re.S))
PY
