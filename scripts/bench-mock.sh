#!/usr/bin/env bash
# Load test of `meeting-api mock spec/`: the hands example request, with
# validation on, for DURATION at CONNECTIONS connections, measured with wrk
# (Debian package `wrk`). Prints requests/s, latency, errors, and the mock's
# resident memory sampled each second. Fails if any request errs, or if the
# rate is under MIN_RPS (default 30000, the project's target).
#
#   scripts/bench-mock.sh            # 10 s, 50 connections
#   DURATION=30s CONNECTIONS=100 scripts/bench-mock.sh
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-10s}
connections=${CONNECTIONS:-50}
threads=${THREADS:-2}
min_rps=${MIN_RPS:-30000}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }

cargo build --release --locked -p meeting-api-cli >&2
work=$(mktemp -d)
trap 'kill "$mock" 2>/dev/null || true; rm -rf "$work"' EXIT

# The access log is kept, in a file: writing it is part of the cost.
target/release/meeting-api mock spec/ --addr 127.0.0.1:0 >"$work/out" 2>"$work/log" &
mock=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$work/out" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^listening on //p' "$work/out")
[ -n "$base" ] || { echo "the mock did not start" >&2; cat "$work/log" >&2; exit 1; }

rss() { awk '/^VmRSS/ {print $2}' "/proc/$mock/status"; }
sample_rss() {
  while kill -0 "$mock" 2>/dev/null; do rss >>"$work/rss"; sleep 1; done
}

# Warm up (connections, allocator), then measure.
wrk -t"$threads" -c"$connections" -d2s -s scripts/bench-mock.lua "$base" >/dev/null
before=$(rss)
sample_rss &
sampler=$!
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s scripts/bench-mock.lua "$base" | tee "$work/wrk"
kill "$sampler" 2>/dev/null || true
after=$(rss)

lines=$(wc -l <"$work/log")
echo "machine: $(nproc) cores, $(awk '/^model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | sed 's/^ *//')"
echo "mock RSS: ${before} kB before, ${after} kB after; per second: $(paste -sd' ' "$work/rss") (kB)"
echo "access log lines written: $lines"

if grep -qE 'Socket errors|Non-2xx' "$work/wrk" || ! grep -q '^non-200 answers: 0$' "$work/wrk"; then
  echo "FAIL: some requests erred" >&2
  exit 1
fi
rps=$(awk '/^Requests\/sec:/ {print int($2)}' "$work/wrk")
if [ "${rps:-0}" -lt "$min_rps" ]; then
  echo "FAIL: $rps requests/s is under the target of $min_rps" >&2
  exit 1
fi
echo "ok: $rps requests/s (target $min_rps), no errors"
