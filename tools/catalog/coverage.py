#!/usr/bin/env python3
"""How many of the catalog's operations carry documented examples.

Reads tools/catalog/sdk.json (the operations and the two logins, as
generate.py does) and the hand-written overlays of tools/catalog/curated/,
and prints a Markdown table: per group of operations (the first three
segments of the path, `/v1/mmc/control`), the number of operations, how many
have at least one documented example and how many examples they have, then
the operations that have examples. An example counts when its overlay gives
it a non-empty `source` (generate.py refuses an example without one).

Standard library only, any python3 (3.8 or later); the output is
deterministic (sorted, no timestamps).

    python3 tools/catalog/coverage.py                                  # print
    python3 tools/catalog/coverage.py --write tools/catalog/COVERAGE.md  # refresh
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BEGIN = "<!-- coverage:begin -->"
END = "<!-- coverage:end -->"


def group_of(path):
    """The first three segments of a path: /v1/mmc/control/conferences/lock -> /v1/mmc/control."""
    segments = [s for s in path.split("/") if s]
    return "/" + "/".join(segments[:3])


def load_operations(sdk_path):
    """(operation name, path) of every spec generate.py writes: the SDK's operations and its logins."""
    with open(sdk_path, encoding="utf-8") as f:
        sdk = json.load(f)
    ops = [(o["operation"], o["path"]) for o in sdk["operations"]]
    ops += [(l["operation"], l["path"]) for l in sdk.get("logins", [])]
    return sorted(ops)


def load_examples(curated_dir, known):
    """By operation: its documented examples (name, status). Warns of overlays for unknown operations."""
    found = {}
    if not os.path.isdir(curated_dir):
        return found
    for entry in sorted(os.listdir(curated_dir)):
        if not entry.endswith(".json"):
            continue
        op = entry[: -len(".json")]
        with open(os.path.join(curated_dir, entry), encoding="utf-8") as f:
            overlay = json.load(f)
        if op not in known:
            print("coverage.py: %s: no such operation in sdk.json (skipped)" % entry, file=sys.stderr)
            continue
        examples = []
        for example in overlay.get("examples") or []:
            if not isinstance(example, dict):
                continue
            source = example.get("source")
            if not isinstance(source, str) or not source.strip():
                continue
            status = (example.get("response") or {}).get("status")
            examples.append((example.get("name", "?"), status))
        found[op] = examples
    return found


def report(ops, examples):
    groups = {}
    for op, path in ops:
        groups.setdefault(group_of(path), []).append(op)
    lines = [
        "| group | operations | with a documented example | % | examples | of them 2xx | of them errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    totals = [0, 0, 0, 0, 0]

    def row(name, counts):
        n, covered, count, ok, err = counts
        pct = "%d%%" % round(100.0 * covered / n) if n else "-"
        return "| %s | %d | %d | %s | %d | %d | %d |" % (name, n, covered, pct, count, ok, err)

    for group in sorted(groups):
        members = groups[group]
        exs = [e for op in members for e in examples.get(op, [])]
        ok = sum(1 for _, status in exs if isinstance(status, int) and 200 <= status < 300)
        counts = [len(members), sum(1 for op in members if examples.get(op)), len(exs), ok, len(exs) - ok]
        totals = [a + b for a, b in zip(totals, counts)]
        lines.append(row("`%s`" % group, counts))
    lines.append(row("**all**", totals))
    lines.append("")
    lines.append("Operations with documented examples (example names; an error example shows its status):")
    lines.append("")
    by_group = {}
    for op, path in ops:
        if examples.get(op):
            by_group.setdefault(group_of(path), []).append(op)
    for group in sorted(by_group):
        items = []
        for op in by_group[group]:
            names = ", ".join(
                name + ("" if isinstance(status, int) and 200 <= status < 300 else " (%s)" % status)
                for name, status in examples[op]
            )
            items.append("`%s` (%s)" % (op, names))
        lines.append("- `%s`: %s" % (group, "; ".join(items)))
    return "\n".join(lines) + "\n"


def write_between_markers(path, text):
    with open(path, encoding="utf-8") as f:
        content = f.read()
    start = content.find(BEGIN)
    end = content.find(END)
    if start < 0 or end < start:
        raise SystemExit("coverage.py: %s: needs the markers %s and %s, in that order" % (path, BEGIN, END))
    new = content[: start + len(BEGIN)] + "\n" + text + content[end:]
    if new != content:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sdk", default=os.path.join(HERE, "sdk.json"), help="sdk.json to read")
    parser.add_argument("--curated", default=os.path.join(HERE, "curated"), help="the overlays' directory")
    parser.add_argument("--write", metavar="FILE",
                        help="replace the part of FILE between %s and %s instead of printing" % (BEGIN, END))
    args = parser.parse_args()
    ops = load_operations(args.sdk)
    examples = load_examples(args.curated, {op for op, _ in ops})
    text = report(ops, examples)
    if args.write:
        write_between_markers(args.write, text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
