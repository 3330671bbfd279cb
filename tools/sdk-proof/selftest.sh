#!/usr/bin/env bash
# Self-test of the SDK half of issue 9's proof, loopback only, bounded in time:
#  1. run.py --all: every operation of sdk.json sent by the SDK to the in-process
#     recorder, each line checked (method, path, token, decoded answer);
#  2. requests.jsonl must hold exactly sdk.json's operations, each with a request;
#  3. the two command-line halves (record.py as a process, sdk_request.py) agree.
# Needs tools/catalog/venv.sh to have been run (.ci/test runs it first).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
py="$target/sdk-venv/bin/python"
out="$(mktemp -d "${TMPDIR:-/tmp}/sdk-proof-selftest.XXXXXX")"
rec_pid=""
cleanup() { [ -n "$rec_pid" ] && kill "$rec_pid" 2>/dev/null; rm -rf "$out"; }
trap cleanup EXIT

[ -x "$py" ] || { echo "selftest: $py is missing: run tools/catalog/venv.sh" >&2; exit 1; }

# 1. all operations; run.py exits 1 if any is not sent, recorded as expected or decoded.
timeout 45 "$py" "$here/run.py" --all --out "$out" >"$out/summary.txt" || {
    cat "$out/summary.txt"; echo "selftest: run.py --all failed" >&2; exit 1; }

# 2. one line per operation of sdk.json, each with its recorded request.
"$py" - "$root/tools/catalog/sdk.json" "$out/requests.jsonl" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
want = {o["operation"] for o in doc["operations"]} | {l["operation"] for l in doc["logins"]}
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
got = [l["operation"] for l in lines]
bad = [l["operation"] for l in lines if not l["request"] or l["problems"] or not l["sdk_result"]["ok"]]
assert len(got) == len(set(got)) == len(want) and set(got) == want, "operations differ from sdk.json"
assert not bad, "not recorded or not decoded: %s" % bad
print("selftest: %d operations recorded and decoded" % len(got))
EOF

# 3. record.py and sdk_request.py as separate processes.
timeout 20 python3 "$here/record.py" --log "$out/cli.jsonl" 2>"$out/record.err" &
rec_pid=$!
for _ in $(seq 100); do grep -q 'recording on' "$out/record.err" 2>/dev/null && break; sleep 0.1; done
port="$(grep -o '127.0.0.1:[0-9]*' "$out/record.err" | cut -d: -f2)"
echo '{"conference_id": "c-1", "participant_id": "p/2", "body": {"isMute": 1}}' |
    timeout 20 "$py" "$here/sdk_request.py" --endpoint "http://127.0.0.1:$port" mute_participant - >"$out/cli.out"
"$py" - "$out/cli.jsonl" "$out/cli.out" <<'EOF'
import json, sys
rec = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
res = json.load(open(sys.argv[2], encoding="utf-8"))
assert res["ok"], res
assert len(rec) == 1 and rec[0]["method"] == "PUT", rec
assert rec[0]["query"] == [["conferenceID", "c-1"], ["participantID", "p/2"]], rec[0]["query"]
assert rec[0]["json"] == {"isMute": 1}, rec[0].get("json")
print("selftest: record.py + sdk_request.py agree")
EOF
cat "$out/summary.txt"
