"""Count, in tools/catalog/sdk.json, what the spec format must be able to express.

Why: before writing 201 specs we want to know which shapes the SDK's
operations take (top-level arrays, multipart, maps, shared models, secrets...)
and how often, so that spec-format additions are decided on numbers, not
guesses. It reads only sdk.json (any python3, standard library), prints
Markdown, and with --write replaces the generated part of CENSUS.md (between
its `census:begin` / `census:end` markers), leaving the commentary alone.

    python3 tools/catalog/census.py            # print
    python3 tools/catalog/census.py --write    # refresh CENSUS.md
"""

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent
SECRET = re.compile(r"token|password|pwd|secret|key|sign|ticket|authorization", re.I)
SCALARS = {"str", "int", "float", "bool", "object", "date", "datetime", "file", "decimal"}


def names_in(type_string):
    """Class and scalar names inside an SDK type string."""
    return [t for t in re.findall(r"\w+", type_string) if t not in ("list", "dict")]


def kind(type_string, models):
    """A type string's shape: model, list of models, list of scalars, map, scalar, none."""
    if type_string is None:
        return "none"
    if type_string.startswith("list[list["):
        return "nested list"
    if type_string.startswith("list["):
        return "list of models" if names_in(type_string)[0] in models else "list of scalars"
    if type_string.startswith("dict("):
        return "map"
    return "model" if type_string in models else "scalar"


def category(type_string, models):
    """The notable families of field types the census asks about."""
    if type_string.startswith("dict("):
        return "map"
    if "list[list[" in type_string:
        return "nested list"
    if type_string in ("object", "list[object]"):
        return "free-form object"
    if type_string in ("date", "datetime"):
        return "date"
    if "file" in names_in(type_string):
        return "binary/file"
    if type_string.startswith("list["):
        return "list of models" if names_in(type_string)[0] in models else "list of scalars"
    return "model" if type_string in models else "scalar"


def reach(roots, models):
    """Every model reachable from some type strings, following model fields."""
    seen, todo = set(), [n for t in roots for n in names_in(t)]
    while todo:
        name = todo.pop()
        if name in models and name not in seen:
            seen.add(name)
            todo += [n for f in models[name]["fields"] for n in names_in(f["type"])]
    return seen


def op_roots(op):
    """Type strings an operation names directly: params, body, response fields."""
    roots = [p["type"] for g in ("path_params", "query_params", "header_params", "form_params") for p in op[g]]
    roots += [op["body"]["type"]] if op["body"] else []
    return roots + [f["type"] for f in op["response"]["fields"]]


def secrets(op, models):
    """(where, name, SDK type, masked by the SDK) for every secret-looking name an operation sends or gets."""
    found = []
    for g in ("path_params", "query_params", "header_params"):
        found += [("request", p["name"], p["type"], p["sensitive"]) for p in op[g] if SECRET.search(p["name"])]
    for where, own, types in (("request", [], [op["body"]["type"]] if op["body"] else []),
                              ("response", op["response"]["fields"], [f["type"] for f in op["response"]["fields"]])):
        found += [(where, f["json_name"], f["type"], f["sensitive"]) for f in own if SECRET.search(f["json_name"])]
        for m in sorted(reach(types, models)):
            found += [(where, "%s.%s" % (m, f["json_name"]), f["type"], f["sensitive"])
                      for f in models[m]["fields"] if SECRET.search(f["json_name"])]
    return found


def census(doc):
    ops, models = doc["operations"], {m["name"]: m for m in doc["models"]}
    out = []
    say = out.append

    def table(header, rows):
        say("| " + " | ".join(header) + " |")
        say("|" + "---|" * len(header))
        for r in rows:
            say("| " + " | ".join(str(c) for c in r) + " |")
        say("")

    def count_where(pred):
        return sum(1 for o in ops if pred(o))

    say("SDK `%s` %s (core %s)." % (doc["sdk"]["package"], doc["sdk"]["version"], doc["sdk"]["core_version"]))
    say("")
    say("## Operations")
    say("")
    table(["what", "count"], [
        ["`_<op>_http_info` operations", len(ops)],
        ["logins of meeting_credentials.py", len(doc["logins"])],
        ["total", len(ops) + len(doc["logins"])],
        ["model classes reachable from them", len(models)],
        ["model classes reachable from none", len(doc["unreachable_model_classes"])],
    ] + [["method %s" % m, n] for m, n in sorted(Counter(o["method"] for o in ops).items())]
      + [["Content-Type `%s`" % c, n] for c, n in sorted(Counter(o["content_type"] for o in ops).items())])

    say("## Params")
    say("")
    table(["in", "operations with any", "params in all", "distinct wire names"], [
        [g.split("_")[0], count_where(lambda o: o[g]), sum(len(o[g]) for o in ops),
         len({p["name"] for o in ops for p in o[g]})]
        for g in ("path_params", "query_params", "header_params", "form_params")])
    say("Header params by wire name (SDK type in brackets when not `str`):")
    say("")
    headers = Counter((p["name"], p["type"]) for o in ops for p in o["header_params"])
    table(["header", "operations"], [["`%s`%s" % (n, "" if t == "str" else " (%s)" % t), c]
                                      for (n, t), c in sorted(headers.items(), key=lambda x: (-x[1], x[0]))])
    say("Required (assigned unconditionally in the request class's `__init__`): " + ", ".join(
        "%s %d of %d" % (g.split("_")[0], sum(p["required"] for o in ops for p in o[g]), sum(len(o[g]) for o in ops))
        for g in ("path_params", "query_params", "header_params")) + "; the `body` attribute itself is required in "
        "%d of %d operations with a body." % (sum(o["body"]["required"] for o in ops if o["body"]),
                                            count_where(lambda o: o["body"])))
    say("")
    say("Param types other than `str`: " + ", ".join(
        "%s `%s` ×%d" % (g.split("_")[0], t, c) for (g, t), c in sorted(Counter(
            (g, p["type"]) for o in ops for g in ("path_params", "query_params", "header_params")
            for p in o[g] if p["type"] != "str").items())) + ".")
    say("")
    say("Collection formats: " + (", ".join("`%s` %s=%s" % (o["operation"], p["name"], p["collection_format"])
                                            for o in ops for g in ("query_params", "header_params", "path_params")
                                            for p in o[g] if "collection_format" in p) or "none") + ".")
    say("")

    say("## Paging")
    say("")
    q = {o["operation"]: {p["name"] for p in o["query_params"]} for o in ops}
    both = sorted(n for n, s in q.items() if {"offset", "limit"} <= s)
    one = sorted(n for n, s in q.items() if len({"offset", "limit"} & s) == 1)
    resp = {o["operation"]: {f["json_name"] for f in o["response"]["fields"]} for o in ops}
    echo = [n for n in both if {"offset", "limit", "count"} <= resp[n]]
    say("- `offset` and `limit` query params: %d operations; %d of them answer `offset`, `limit`, `count` "
        "at the top of the response." % (len(both), len(echo)))
    say("- only one of the two: %s." % (", ".join("`%s` (%s)" % (n, "/".join(sorted({"offset", "limit"} & q[n])))
                                                  for n in one) or "none"))
    say("- paged in the body instead (a body model with `offset` and `limit` fields): %s." % (", ".join(
        "`%s`" % o["operation"] for o in ops if o["body"] and o["body"]["type"] in models
        and {"offset", "limit"} <= {f["json_name"] for f in models[o["body"]["type"]]["fields"]}) or "none"))
    say("- not paged by query but the response has `offset`/`limit`/`count`: %s." % (", ".join(
        "`%s`" % n for n in sorted(resp) if n not in both and {"offset", "limit", "count"} <= resp[n]) or "none"))
    say("")

    say("## Request bodies")
    say("")
    body_kind = Counter(kind(o["body"]["type"] if o["body"] else None, models) for o in ops)
    table(["kind", "operations", "which (when not a model)"], [
        [k, n, "" if k in ("model", "none") else ", ".join(
            "`%s` %s" % (o["operation"], o["body"]["type"]) for o in ops
            if o["body"] and kind(o["body"]["type"], models) == k)]
        for k, n in sorted(body_kind.items(), key=lambda x: -x[1])])
    say("Methods with and without a body: " + ", ".join("%s %s ×%d" % (m, "body" if b else "no body", c) for (m, b), c in
                                                       sorted(Counter((o["method"], o["body"] is not None)
                                                                      for o in ops).items())) + ".")
    say("")

    say("## Multipart / form")
    say("")
    table(["operation", "path", "parts (file parts marked)", "form_params in the SDK call", "dead refs in source"],
          [["`%s`" % o["operation"], "`%s %s`" % (o["method"], o["path"]),
            ", ".join("`%s`%s" % (p["name"], " (file)" if p["is_file"] else " (%s)" % p["type"])
                      for p in o["multipart"]["parts"]),
            len(o["form_params"]), ", ".join(o["form_refs_not_in_request_class"])]
           for o in ops if o["multipart"]])

    say("## Responses")
    say("")
    rk = Counter(kind(o["response"]["body_type"], models) if o["response"]["body_type"] != o["response"]["class"]
                 else "model" for o in ops)
    table(["kind", "operations", "which (when a top-level list or scalar)"], [
        [k, n, "" if k in ("model", "none") else ", ".join(
            "`%s` %s" % (o["operation"], o["response"]["body_type"]) for o in ops
            if o["response"]["body_type"] != o["response"]["class"] and kind(o["response"]["body_type"], models) == k)]
        for k, n in sorted(rk.items(), key=lambda x: -x[1])])
    say("Streams (SdkStreamRequest / SdkStreamResponse): %d requests, %d responses." % (
        count_where(lambda o: o["request_is_stream"]), count_where(lambda o: o["response"]["is_stream"])))
    say("Response headers the SDK reads (`response_headers`): %s." % (
        ", ".join(sorted({h for o in ops for h in o["response"]["headers_read"]})) or "none, in every operation"))
    say("Errors (%s): request id from %s; error body as %s." % (
        doc["errors"]["source"], " or ".join("`%s`" % h for h in doc["errors"]["request_id_headers"]),
        ", ".join("`{%s, %s}`" % tuple(p) for p in doc["errors"]["body_spellings"])))
    say("Auth: `auth_settings` is %s in every operation; the token travels as `%s` (%s)." % (
        ", ".join("`%s`" % a for a in sorted({json.dumps(o["auth_settings"]) for o in ops})), doc["auth"]["header"], doc["auth"]["source"]))
    say("")

    say("## Field types")
    say("")
    say("Every field of a reachable model or of a response class, by SDK type string "
        "(model names folded into `<model>`):")
    say("")
    fields = [f for m in models.values() for f in m["fields"]] + [f for o in ops for f in o["response"]["fields"]]
    folded = Counter(re.sub(r"\b[A-Z]\w*", "<model>", f["type"]) for f in fields)
    table(["type", "fields"], [["`%s`" % t, n] for t, n in sorted(folded.items(), key=lambda x: (-x[1], x[0]))])
    say("Required fields: %d of %d in models, %d of %d in response classes." % (
        sum(f["required"] for m in models.values() for f in m["fields"]),
        sum(len(m["fields"]) for m in models.values()),
        sum(f["required"] for o in ops for f in o["response"]["fields"]),
        sum(len(o["response"]["fields"]) for o in ops)))
    say("")
    cats = Counter(category(f["type"], models) for f in fields)
    table(["family", "fields"], [[c, cats.get(c, 0)] for c in (
        "scalar", "model", "list of scalars", "list of models", "map", "free-form object", "date",
        "binary/file", "nested list")])
    say("Top-level bodies that are maps: %s." % (", ".join(
        "`%s` %s" % (o["operation"], o["body"]["type"]) for o in ops if o["body"] and o["body"]["type"].startswith(
            "dict(")) or "none"))
    say("Enum-only model classes (upper-case constants, no fields): %s." % ", ".join(
        "`%s` (%s)" % (m["name"], ", ".join(str(e["value"]) for e in m["enum"])) for m in models.values() if m["enum"]))
    say("")
    cyc = [m for m in models if m in reach([f["type"] for f in models[m]["fields"]], models)]
    say("Recursive models (reach themselves): %s." % (", ".join("`%s`" % m for m in sorted(cyc)) or "none"))
    say("")

    say("## Shared models")
    say("")
    users = defaultdict(set)
    for o in ops:
        for m in reach(op_roots(o), models):
            users[m].add(o["operation"])
    shared = sorted(((m, len(u)) for m, u in users.items() if len(u) > 1), key=lambda x: (-x[1], x[0]))
    say("%d of %d models are reachable from more than one operation (%d from exactly one); "
        "a model counts for an operation when the operation reaches it through any chain of fields." % (
            len(shared), len(models), sum(1 for u in users.values() if len(u) == 1)))
    say("")
    table(["model", "operations", "fields"], [["`%s`" % m, n, len(models[m]["fields"])] for m, n in shared])
    sent = {m for o in ops if o["body"] for m in reach([o["body"]["type"]], models)}
    got = {m for o in ops for m in reach([f["type"] for f in o["response"]["fields"]], models)}
    say("Models both sent (in a request body) and received (in a response): %s." % (
        ", ".join("`%s`" % m for m in sorted(sent & got)) or "none"))
    say("")

    say("## Secret-looking names")
    say("")
    say("Names matching `%s` (case-insensitive), per operation; **masked** = in the class's `sensitive_list`."
        % SECRET.pattern)
    say("")
    def show(items):
        return ", ".join("`%s`%s%s" % (n, "" if t == "str" else " (%s)" % t, " **masked**" if m else "")
                         for n, t, m in items)

    rows = []
    for o in ops:
        found = secrets(o, models)
        if found:
            rows.append(["`%s`" % o["operation"]] + [show((n, t, m) for w, n, t, m in found if w == where)
                                                     for where in ("request", "response")])
    table(["operation", "request (params, body models)", "response (fields, models)"], rows)
    flat = Counter((n.split(".")[-1], t) for o in ops for _, n, t, _ in secrets(o, models))
    say("%d operations; distinct names (type when not `str`), with the number of operations: " % len(rows)
        + ", ".join("`%s`%s ×%d" % (n, "" if t == "str" else " (%s)" % t, c) for (n, t), c in sorted(flat.items()))
        + ".")
    say("")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdk-json", default=str(HERE / "sdk.json"))
    parser.add_argument("--write", action="store_true", help="replace the generated part of CENSUS.md")
    args = parser.parse_args()
    text = census(json.loads(Path(args.sdk_json).read_text(encoding="utf-8")))
    if not args.write:
        print(text)
        return
    path = HERE / "CENSUS.md"
    begin, end = "<!-- census:begin (generated by census.py --write) -->", "<!-- census:end -->"
    old = path.read_text(encoding="utf-8") if path.exists() else "%s\n%s\n" % (begin, end)
    head, rest = old.split(begin, 1)
    path.write_text(head + begin + "\n\n" + text + "\n" + end + rest.split(end, 1)[1], encoding="utf-8")


if __name__ == "__main__":
    main()
