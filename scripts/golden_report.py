#!/usr/bin/env python3
"""Cell-by-cell agreement of juesuan's output with golden files.

Usage:
    python3 scripts/golden_report.py [--bin target/release/juesuan] [--diff N] GOLDEN.json...

For each golden (`<report>.expected.json` beside `<report>.pdf`, or given with
the PDF found by name in samples/), runs `juesuan extract` and compares:
report keys, the set of standard tables, every cell of every standard table
(classified rows: code, name, level, each value; summary lines: item,
key/code, amount or values; basic items; 三公 fields; statistics), and the
extra tables (title, columns and cells, where the golden gives rows). Prints
per report the share of golden cells read right and, with --diff, the first N
differences. The numbers compare by their printed digits.
"""

import argparse
import json
import os
import subprocess
import sys
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(text):
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def cells_of(table_id, t):
    """Flatten a standard table into {path: value}."""
    out = {}
    if t is None:
        return out
    for k in ("label", "title", "unit", "empty"):
        out[f"{k}"] = t.get(k)
    if "rows" in t:  # classified
        for i, r in enumerate(t["rows"]):
            p = f"rows[{i}]"
            out[p + ".code"] = r.get("code")
            out[p + ".name"] = r.get("name")
            out[p + ".level"] = r.get("level")
            for k, v in (r.get("values") or {}).items():
                out[f"{p}.values.{k}"] = v
            for k, v in (r.get("extra") or {}).items():
                out[f"{p}.extra.{k}"] = v
    if "income" in t and isinstance(t["income"], list):  # summary
        for side in ("income", "expenditure"):
            for i, l in enumerate(t.get(side) or []):
                p = f"{side}[{i}]"
                out[p + ".line"] = l.get("line")
                out[p + ".item"] = l.get("item")
                out[p + ".label"] = l.get("code", l.get("key"))
                if "amount" in l:
                    out[p + ".amount"] = l["amount"]
                for k, v in (l.get("values") or {}).items():
                    out[f"{p}.values.{k}"] = v
    if "items" in t:  # basic
        for i, it in enumerate(t["items"]):
            p = f"items[{i}]"
            for k in ("code", "name", "group", "amount"):
                out[f"{p}.{k}"] = it.get(k)
            for k, v in (it.get("values") or {}).items():
                out[f"{p}.values.{k}"] = v
            for k, v in (it.get("extra") or {}).items():
                out[f"{p}.extra.{k}"] = v
        out["personnel_total"] = t.get("personnel_total")
        out["public_total"] = t.get("public_total")
    for side in ("budget", "actual"):
        if isinstance(t.get(side), dict):
            for k, v in t[side].items():
                if k == "extra":
                    for kk, vv in v.items():
                        out[f"{side}.extra.{kk}"] = vv
                else:
                    out[f"{side}.{k}"] = v
    for sec in ("procurement", "office_operation", "vehicles"):
        if isinstance(t.get(sec), dict):
            for k, v in t[sec].items():
                out[f"{sec}.{k}"] = v
    if "equipment_over_1m" in t:
        out["equipment_over_1m"] = t["equipment_over_1m"]
    return out


def extra_cells(e):
    out = {"title": e.get("title"), "label": e.get("label"), "unit": e.get("unit")}
    if "rows" in e:
        out["columns"] = json.dumps(e.get("columns"), ensure_ascii=False)
        for i, r in enumerate(e["rows"]):
            for j, c in enumerate(r):
                out[f"rows[{i}][{j}]"] = c
    return out


def same(a, b):
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return str(a) == str(b)
    return a == b


def compare(want, got):
    diffs = []
    total = right = 0
    for k in ("kind", "year", "department", "unit"):
        total += 1
        w, g = want["report"].get(k), got["report"].get(k)
        if same(w, g):
            right += 1
        else:
            diffs.append(f"report.{k}: got {g!r}, want {w!r}")
    wt, gt = want.get("tables", {}), got.get("tables", {})
    for tid in sorted(set(wt) | set(gt)):
        if tid not in gt:
            n = len(cells_of(tid, wt[tid]))
            total += n
            diffs.append(f"tables.{tid}: missing ({n} cells)")
            continue
        if tid not in wt:
            diffs.append(f"tables.{tid}: unexpected (title {gt[tid].get('title')!r})")
            continue
        wc, gc = cells_of(tid, wt[tid]), cells_of(tid, gt[tid])
        if gt[tid].get("uncertain"):
            diffs.append(f"tables.{tid}: read as uncertain: {gt[tid]['uncertain']}")
        for k, w in wc.items():
            total += 1
            g = gc.get(k, "<absent>")
            if same(w, g):
                right += 1
            else:
                diffs.append(f"tables.{tid}.{k}: got {g!r}, want {w!r}")
        for k in gc:
            if k not in wc:
                diffs.append(f"tables.{tid}.{k}: unexpected {gc[k]!r}")
    we, ge = want.get("extra_tables", []), got.get("extra_tables", [])
    used = set()
    for i, e in enumerate(we):
        # match by title (then order)
        j = next((j for j, x in enumerate(ge) if j not in used and x.get("title") == e.get("title")), None)
        wc = extra_cells(e)
        if j is None:
            total += len(wc)
            diffs.append(f"extra_tables[{i}] {e.get('title')!r}: missing")
            continue
        used.add(j)
        gc = extra_cells(ge[j])
        for k, w in wc.items():
            total += 1
            g = gc.get(k, "<absent>")
            if same(w, g):
                right += 1
            else:
                diffs.append(f"extra_tables[{i}] {e.get('title')!r}.{k}: got {g!r}, want {w!r}")
    for j, x in enumerate(ge):
        if j not in used:
            diffs.append(f"extra_tables: unexpected {x.get('title')!r}")
    return total, right, diffs


def find_pdf(golden):
    base = os.path.basename(golden).replace(".expected.json", "")
    for d in ("samples/real", "samples/pdf", "samples"):
        for ext in (".pdf", ".md"):
            p = os.path.join(ROOT, d, base + ext)
            if os.path.exists(p):
                return p
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/juesuan"))
    ap.add_argument("--diff", type=int, default=0)
    ap.add_argument("goldens", nargs="+")
    a = ap.parse_args()
    all_t = all_r = 0
    for g in a.goldens:
        want = load(open(g, encoding="utf-8").read())
        src = find_pdf(g)
        if not src:
            print(f"{g}: no input found")
            continue
        p = subprocess.run([a.bin, "extract", src], capture_output=True, text=True)
        if p.returncode != 0 and not p.stdout.strip():
            print(f"{os.path.basename(src)}: FAILED: {p.stderr.strip()[:200]}")
            continue
        got = load(p.stdout)
        total, right, diffs = compare(want, got)
        all_t += total
        all_r += right
        errs = sum(1 for f in got.get("findings", []) if f.get("severity") == "error")
        print(f"{os.path.basename(src)}: {right}/{total} cells ({100.0 * right / max(total, 1):.1f}%), "
              f"{len(diffs)} differences, {errs} error findings")
        for d in diffs[: a.diff]:
            print("   ", d)
    print(f"ALL: {all_r}/{all_t} ({100.0 * all_r / max(all_t, 1):.2f}%)")


if __name__ == "__main__":
    main()
