#!/usr/bin/env python3
"""Generate N synthetic report folders for benchmarks, deterministically.

Usage: generate.py N OUT [--copies]

Each unit is the Taian 2020 folder (data/taian/2020) with its name, counts and list lengths
varied by a seeded random generator, so N units are N different reports of Taian's size.
With --copies, the units are exact copies of the Taian folder (the issue's "1,000 copies").
The same N gives the same files, byte for byte.
"""
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAIAN = os.path.join(ROOT, "data", "taian", "2020")
NAMES = "东西南北上下前后左右金木水火土山河湖海石林田泉松竹梅兰桥溪"


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    n, out = int(argv[1]), argv[2]
    copies = "--copies" in argv
    rng = random.Random(20210110)
    files = {f: open(os.path.join(TAIAN, f), encoding="utf-8").read() for f in os.listdir(TAIAN)}
    width = len(str(n))
    for i in range(n):
        unit = os.path.join(out, f"u{i:0{width}d}", "2020")
        os.makedirs(unit, exist_ok=True)
        if copies:
            for name, text in files.items():
                with open(os.path.join(unit, name), "w", encoding="utf-8") as f:
                    f.write(text)
            continue
        name = rng.choice(NAMES) + rng.choice(NAMES) + "镇"
        for fname, text in files.items():
            text = text.replace("太安镇", name).replace("法治太安", "法治" + name[:2])
            # Vary every count; an approximate one (1000余册) stays round, as 余 and 多 need.
            def vary(block):
                approximate = re.search(r'(?m)^(approx = true|qualifier = "(over|more)")$', block)
                def one(m):
                    if m.group(1) == "with_lawyer":
                        return m.group(0)
                    value = max(1, int(m.group(2)) + rng.randint(-3, 9))
                    if approximate and int(m.group(2)) >= 10:
                        value = max(10, round(value / 10) * 10)
                    return f"{m.group(1)} = {value}"
                return re.sub(r"(?m)^(value|count|places|with_lawyer) = (\d+)$", one, block)
            text = "\n[".join(vary(block) for block in text.split("\n["))
            if fname == "legal_aid.toml":
                # Keep the rules true: posts within their places, lawyers within the posts.
                text = re.sub(r"count = (\d+)\nplaces = (\d+)",
                              lambda m: f"count = {m.group(1)}\nplaces = {max(m.group(1), m.group(2), key=int)}", text)
                text = re.sub(r"count = (\d+)\nplaces = (\d+)\nplace_kind = \"(.)\"\nwith_lawyer = \d+",
                              lambda m: f"count = {m.group(1)}\nplaces = {m.group(2)}\nplace_kind = \"{m.group(3)}\"\nwith_lawyer = {m.group(1)}", text)
            # Vary list lengths: drop some trailing duties, plans and studied titles.
            for table in ("duties", "plans", "studied"):
                blocks = text.split(f"[[{table}]]")
                if len(blocks) > 2:
                    keep = rng.randint(2, len(blocks))
                    text = f"[[{table}]]".join(blocks[:keep])
            with open(os.path.join(unit, fname), "w", encoding="utf-8") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
