#!/bin/bash
# The quiet-machine Mankowska run of 2026-11-23 (session 3): all 70 instances at 60 s, engine only,
# two processes side by side. Usage: bench/results/mankowska-20261123-quiet/run.sh [OUT_DIR]
set -u
cd "$(dirname "$0")/../../.." || exit 1
OUT=${1:-/tmp/mankowska-run}
mkdir -p "$OUT"
N=(.venv/bin/python -m naerhed.cli bench mankowska --solver engine --time-limit 60)
( "${N[@]}" --sizes 10,25,50 --out "$OUT/mk-a1" > "$OUT/mk-a1.log" 2>&1
  "${N[@]}" --sizes 75 --instances '*_75_[1-5].txt' --out "$OUT/mk-a2" > "$OUT/mk-a2.log" 2>&1 ) &
( "${N[@]}" --sizes 100,200,300 --out "$OUT/mk-b1" > "$OUT/mk-b1.log" 2>&1
  "${N[@]}" --sizes 75 --instances '*_75_[6-9].txt' --out "$OUT/mk-b2" > "$OUT/mk-b2.log" 2>&1
  "${N[@]}" --sizes 75 --instances '*_75_10.txt' --out "$OUT/mk-b3" > "$OUT/mk-b3.log" 2>&1 ) &
wait
