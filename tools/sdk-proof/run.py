"""Run SDK calls against the in-process recorder; one operation or all of them.

    target/sdk-venv/bin/python tools/sdk-proof/run.py OP VALUES.json [--answer FILE]
        prints {"operation", "values", "request", "also_sent", "sdk_result", "problems"}
    target/sdk-venv/bin/python tools/sdk-proof/run.py --sample OP
        prints the sample values --all would use for OP
    target/sdk-venv/bin/python tools/sdk-proof/run.py --all [--out DIR]
        every operation of sdk.json with sample values -> DIR/requests.jsonl
        (one line per operation, sorted) and DIR/summary.json; exit 1 unless
        every operation was sent, recorded as expected and decoded.

DIR defaults to ${CARGO_TARGET_DIR:-target}/sdk-proof. This is the SDK's
side of issue 9's proof; the Rust side, cli/tests/sdk_proof.rs, gives the
generated client the same values (by wire name, mapped through sdk.json)
and compares its record with this one.
"""
import argparse
import base64
import json
import os
import re
import sys
import time
from collections import Counter
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import record  # noqa: E402
import sdk_request  # noqa: E402

MAX_DEPTH = 5  # model nesting levels filled by --sample / --all
LOGIN_SAMPLES = {
    "credentials_account_auth": {"user_name": "s-user_name", "user_password": "s-user_password"},
    "credentials_app_auth": {"app_id": "s-app_id", "app_key": "s-app_key", "corp_id": "s-corp_id",
                             "user_id": "s-user_id", "dept_code": "s-dept_code",
                             "tenant_scene": "MULTI_TENANT", "nonce": "s-nonce", "expire_time": 1700000600},
}


def load_models():
    """sdk.json's models by name (the request types the samples are made from)."""
    with open(sdk_request.CATALOG, encoding="utf-8") as f:
        return {m["name"]: m for m in json.load(f)["models"]}


def sample(typ, where, models, depth=0):
    """A value for SDK type `typ`: strings name their place, so each field's is distinct."""
    m = re.fullmatch(r"list\[(.*)\]", typ)
    if m:
        item = sample(m.group(1), where, models, depth)
        return [] if item is None else [item]
    m = re.fullmatch(r"dict\(([^,]*), (.*)\)", typ)
    if m:
        return {"k-" + where: sample(m.group(2), where, models, depth)}
    simple = {"str": "s-" + where, "int": 1, "bool": True, "float": 1.5, "object": {"k": "v"}}
    if typ in simple:
        return simple[typ]
    if typ == "file":
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", where)
        return {"filename": name + ".png", "content_base64": base64.b64encode(b"bytes of " + where.encode()).decode()}
    mod = models[typ]
    if mod["enum"]:
        return mod["enum"][0]["value"]
    if depth >= MAX_DEPTH:
        return None
    out = {f["json_name"]: sample(f["type"], where + "." + f["json_name"], models, depth + 1) for f in mod["fields"]}
    return {k: v for k, v in out.items() if v is not None}


CURATED = os.path.join(os.path.dirname(sdk_request.CATALOG), "curated")


def fit(value, over):
    """`value` changed as little as needed to fit a curated param's enum and bounds."""
    if isinstance(value, list):
        return [fit(v, over) for v in value]
    if over.get("enum") and value not in [e["value"] for e in over["enum"]]:
        return over["enum"][0]["value"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = max(value, over.get("minimum", value))
        value = min(value, over.get("maximum", value))
    if isinstance(value, str):
        value = value.ljust(over.get("min_length", 0), "x")[:over.get("max_length", len(value))]
    return value


def curate(op, values):
    """Fits the samples to tools/catalog/curated/<op>.json: the enums and bounds
    that the catalog's specs, and so `meeting-api mock`, hold values to.
    A param is named as there: its wire name, maybe `query:`-prefixed, then
    `.field` steps through objects, stepping through arrays' items and maps' values."""
    path = os.path.join(CURATED, op["operation"] + ".json")
    if not os.path.exists(path):
        return values
    with open(path, encoding="utf-8") as f:
        params = json.load(f).get("params", {})
    body = op.get("body") or {}
    for name, over in params.items():
        where, _, dotted = name.rpartition(":")
        head, *steps = dotted.split(".")
        holders = []  # (container, key) of the top-level value
        for loc in ("path", "query", "header"):
            for p in op.get(loc + "_params", []):
                same = p["name"].lower() == head.lower() if loc == "header" else p["name"] == head
                if same and where in ("", loc) and p["python_name"] in values:
                    holders.append((values, p["python_name"]))
        if body and where in ("", "body") and body["python_name"] in values:
            whole = values[body["python_name"]]
            if head == "body" and (where == "body" or not isinstance(whole, dict)):
                holders.append((values, body["python_name"]))
            elif isinstance(whole, dict) and head in whole:
                holders.append((whole, head))
        for container, key in holders:
            reach(container, key, steps, over)
    return values


def reach(container, key, steps, over):
    """Applies `fit` at `container[key]`, then `steps` further down."""
    if not steps:
        container[key] = fit(container[key], over)
        return
    value = container[key]
    inner = value if isinstance(value, list) else [value]
    for item in inner:
        if isinstance(item, dict) and steps[0] in item:
            reach(item, steps[0], steps[1:], over)
        elif isinstance(item, dict):  # a map: its values
            for k in item:
                reach(item, k, steps, over)


def sample_values(op, models):
    """Top-level values by Python attribute name, for every param and the body."""
    if op["operation"] in LOGIN_SAMPLES:
        return dict(LOGIN_SAMPLES[op["operation"]])
    params = [p for k in ("path_params", "query_params", "header_params", "form_params") for p in op[k]]
    values = {p["python_name"]: sample(p["type"], p["python_name"], models) for p in params}
    # A list of scalars in the query gets a second, larger element first, so
    # that the record shows how the SDK sends a list (repeated pairs, whatever
    # `collection_format` says) and in which order (sorted).
    for p in op["query_params"]:
        m = re.fullmatch(r"list\[(int|float|str)\]", p["type"])
        if m:
            first = sample(m.group(1), p["python_name"], models)
            second = {"int": 3, "float": 2.5, "str": "%s-2" % first}[m.group(1)]
            values[p["python_name"]] = [second, first]
    if op["body"]:
        values[op["body"]["python_name"]] = sample(op["body"]["type"], op["body"]["python_name"], models)
    return curate(op, {k: v for k, v in values.items() if v is not None})


def default_answer(op):
    """A 200 the SDK decodes for `op`: [] when its response body is a list, else {}."""
    body_type = (op.get("response") or {}).get("body_type") or ""
    return {"body": [] if body_type.startswith("list[") else {}}


def check(op, values, recs, result):
    """What must hold for a sent request; each problem is one short, groupable sentence."""
    login = op["operation"] in sdk_request.LOGINS
    problems = []
    if len(recs) != (2 if login else 1):
        problems.append("recorded %d requests, expected %d" % (len(recs), 2 if login else 1))
    if recs:
        rec = recs[0]
        path = op["path"]
        for p in op.get("path_params", []):
            path = path.replace("{%s}" % p["name"], quote(str(values.get(p["python_name"], "")), safe=""))
        if rec["method"] != op["method"]:
            problems.append("method %s, sdk.json says %s" % (rec["method"], op["method"]))
        if rec["path"] != path:
            problems.append("path differs from sdk.json's template")
        if rec["tls"] != login:
            problems.append("sent over %s" % ("TLS" if rec["tls"] else "plain HTTP"))
        token = record.LOGIN_TOKEN if login else sdk_request.TOKEN
        carrier = recs[-1] if not login or len(recs) == 2 else None
        if carrier and dict((k.lower(), v) for k, v in carrier["headers"]).get("x-access-token") != token:
            problems.append("X-Access-Token is not the token")
    if not result.get("ok"):
        problems.append("SDK raised %s" % result.get("exception"))
    return problems


def run_one(rec, op_name, values, answer=None, endpoint=None):
    """One SDK call against the running recorder (or only against `endpoint`); its --all line."""
    op = sdk_request.catalog().get(op_name, {"operation": op_name, "method": None, "path": None})
    if endpoint:  # an outside server, e.g. `meeting-api mock`: nothing recorded, only the result
        result = sdk_request.send(op_name, values, endpoint)
        problems = [] if result.get("ok") else ["SDK raised %s" % result.get("exception")]
        return {"operation": op_name, "values": values, "request": None, "also_sent": [],
                "sdk_result": result, "problems": problems}
    rec.set_answer(answer if answer is not None else default_answer(op))
    rec.take()
    result = sdk_request.send(op_name, values, "http://127.0.0.1:%d" % rec.port)
    recs = rec.take()
    return {"operation": op_name, "values": values, "request": recs[0] if recs else None,
            "also_sent": recs[1:], "sdk_result": result, "problems": check(op, values, recs, result)}


def run_all(out_dir, endpoint=None, names=None):
    """Every operation (or `names`) with sample values; writes requests.jsonl and summary.json."""
    models, ops = load_models(), sdk_request.catalog()
    start = time.monotonic()
    rec = None if endpoint else record.Recorder()
    if rec:
        rec.start()
    lines = [run_one(rec, name, sample_values(ops[name], models), endpoint=endpoint)
             for name in sorted(names or ops)]
    if rec:
        rec.stop()
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "requests.jsonl"), "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    reasons = Counter(p for line in lines for p in line["problems"])
    summary = {
        "operations": len(lines),
        "against": endpoint or "recorder",
        "sent": sum(1 for line in lines if line["request"] or endpoint),
        "decoded": sum(1 for line in lines if line["sdk_result"].get("ok")),
        "passed": sum(1 for line in lines if not line["problems"]),
        "failed": sorted(line["operation"] for line in lines if line["problems"]),
        "problems": dict(sorted(reasons.items())),
        "multipart": sorted(line["operation"] for line in lines if (line["request"] or {}).get("multipart")),
        "seconds": round(time.monotonic() - start, 2),
    }
    with open(os.path.join(out_dir, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
        f.write("\n")
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("operation", nargs="?")
    ap.add_argument("values", nargs="?", help="JSON file of values, or - for stdin")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--sample", metavar="OP")
    ap.add_argument("--answer", help="JSON answer file for the recorder (see record.py)")
    ap.add_argument("--endpoint", help="with --all: call this loopback server instead, check results only")
    ap.add_argument("--ops", help="with --all: only these operations (comma-separated)")
    default_out = os.path.join(os.environ.get("CARGO_TARGET_DIR") or
                               os.path.join(os.path.dirname(sdk_request.HERE), "..", "target"), "sdk-proof")
    ap.add_argument("--out", default=default_out)
    args = ap.parse_args()
    if args.all:
        if args.endpoint and not re.fullmatch(r"https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?", args.endpoint):
            sys.exit("--endpoint must be loopback: %s" % args.endpoint)
        summary = run_all(os.path.normpath(args.out), args.endpoint, args.ops and args.ops.split(","))
        print(json.dumps(summary, indent=1))
        sys.exit(0 if not summary["failed"] and summary["sent"] == summary["operations"] else 1)
    if args.sample:
        print(json.dumps(sample_values(sdk_request.catalog()[args.sample], load_models()), indent=1))
        return
    if not (args.operation and args.values):
        ap.error("OP VALUES.json, --sample OP or --all")
    with (sys.stdin if args.values == "-" else open(args.values, encoding="utf-8")) as f:
        values = json.load(f)
    answer = json.load(open(args.answer, encoding="utf-8")) if args.answer else None
    rec = record.Recorder(answer)
    rec.start()
    line = run_one(rec, args.operation, values, answer)
    rec.stop()
    print(json.dumps(line, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
