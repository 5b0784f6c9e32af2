#!/usr/bin/env python3
"""The tool people would write instead: Python 3.11 + Jinja2 + markdown-it, on both cores.

Usage: baseline.py DATA OUT [PROCESSES] [--no-cache]

For every report folder under DATA: read the TOML files (tomllib), render the Markdown report
with Jinja2 (narrative references rendered as Jinja2 too, numbering from positions, as
`report` does), convert it to HTML with markdown-it inside a Jinja2 page template, and write
report.md and report.html under OUT. No checking: this is the renderer alone, the part both
tools share.

Each narrative text is compiled by Jinja2 once per process and kept (what a competent author
writes: most units share most of their wording); `--no-cache` compiles it at every use, as a
first version would.
"""
import functools
import os
import sys
import tomllib
from multiprocessing import Pool

import jinja2
from markdown_it import MarkdownIt

CN = "零一二三四五六七八九十"


def cn(n):
    if n <= 10:
        return CN[n]
    if n < 20:
        return "十" + CN[n - 10]
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


def number(level, i):
    return {1: f"{cn(i)}、", 2: f"（{cn(i)}）", 3: f"{i}.", 4: f"（{i}）"}.get(level, f"{i})")


MD = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True,
                        lstrip_blocks=True)
MD.filters["join_cn"] = lambda xs, sep="、": sep.join(xs)
MD.filters["quote"] = lambda t: "“" + str(t).strip("“”").replace("“", "‘").replace("”", "’") + "”"
MD.filters["titles"] = lambda xs: "".join(
    f"《{x['title'] if isinstance(x, dict) else x}》{x.get('suffix', '') if isinstance(x, dict) else ''}"
    for x in xs)
MD.filters["cite"] = lambda ds: "和".join(f"《{d['title']}》（{d.get('doc_no', '')}）" for d in ds)

REPORT_MD = MD.from_string("""# {{ title }}

{{ intro }}

{% for s in sections recursive %}
{% if s.run_in %}{{ s.number }}{{ s.title }}{{ s.stop }}{{ s.body }}
{% else %}{{ '#' * (s.level + 1) }} {{ s.number }}{{ s.title }}

{{ s.body }}
{% endif %}

{{ loop(s.sections) }}
{% endfor %}
{{ signer }}

{{ date }}
""")

PAGE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title><style>{{ css }}</style></head>
<body><main class="report">{{ body | safe }}</main></body></html>
""")
CSS = "@page { size: A4; margin: 37mm 26mm 35mm 28mm; } body { font-size: 16pt; }"
MARKDOWN = MarkdownIt("commonmark")


def load(folder):
    data = {}
    for name in os.listdir(folder):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), "rb") as f:
                data[name[:-5]] = tomllib.load(f)
    return data


class Phrase(str):
    pass


def phrase(text, **fields):
    p = Phrase(text)
    p.__dict__.update(fields)
    return p


def context(data):
    r = data["report"]
    ctx = dict(unit=r["unit"], year=r["year"], documents=r.get("documents", []))
    ctx["leading_group"] = data.get("leadership", {}).get("leading_group", {})
    posts = data.get("legal_aid", {}).get("posts", {})
    ctx["posts"] = {k: phrase(f"{p['count']}{p.get('measure', '个')}{p['name']}", name=p["name"],
                              staffing="全部配齐律师") for k, p in posts.items()}
    o = data.get("outreach", {})
    counts = {k: phrase(f"{c['name']}{c['value']}{'余' if c.get('approx') else ''}{c.get('unit', '')}",
                        amount=f"{c['value']}{'余' if c.get('approx') else ''}{c.get('unit', '')}")
              for k, c in o.get("counts", {}).items()}
    ctx["outreach"] = dict(campaigns=o.get("campaigns", []), occasions=o.get("occasions", []),
                           materials=o.get("materials", []), counts=counts)
    ctx["studied"] = data.get("study", {}).get("studied", [])
    return ctx


CACHE = True


@functools.lru_cache(maxsize=None)
def compiled(t):
    return MD.from_string(t)


def text(t, ctx, extra=None):
    if "{{" not in t and "{%" not in t:
        return t.strip()
    template = compiled(t) if CACHE else MD.from_string(t)
    return template.render(**ctx, **(extra or {})).strip()


def sections(items, level, data, ctx):
    out = []
    for i, s in enumerate(items, 1):
        body = [text(s["text"], ctx)] if "text" in s else []
        children = []
        block = s.get("block")
        if block == "duties":
            body.append("".join(f"{number(level + 1, j)}{d['text']}" for j, d in
                                enumerate(data["leadership"]["duties"], 1)))
        for key, src in (("problems", "problems"), ("plans", "plans")):
            if block == key:
                for j, p in enumerate(data[src][key], 1):
                    t = text(p.get("text", ""), ctx, {"cause": p.get("cause", "")})
                    children.append(dict(level=level + 1, number=number(level + 1, j), title=p["title"],
                                         stop="。", run_in=True, body=t, sections=[]))
        if "text_after" in s:
            body.append(text(s["text_after"], ctx))
        children += sections(s.get("sections", []), level + 1, data, ctx)
        out.append(dict(level=level, number=number(level, i), title=s["title"], stop="。",
                        run_in=level >= 3, body="\n\n".join(body), sections=children))
    return out


def render(job):
    folder, out = job
    data = load(folder)
    r = data["report"]
    ctx = context(data)
    title = f"{r['unit']['name']}关于{r['year']}年法治政府建设工作的报告"
    d = r["date"]
    md = REPORT_MD.render(title=title, intro=text(r.get("intro", ""), ctx),
                          sections=sections(r.get("sections", []), 1, data, ctx),
                          signer=r["signer"], date=f"{d.year}年{d.month}月{d.day}日")
    html = PAGE.render(title=title, css=CSS, body=MARKDOWN.render(md))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "report.md"), "w", encoding="utf-8") as f:
        f.write(md)
    with open(os.path.join(out, "report.html"), "w", encoding="utf-8") as f:
        f.write(html)


def main(argv):
    global CACHE
    if "--no-cache" in argv:
        CACHE = False
        argv = [a for a in argv if a != "--no-cache"]
    data, out = argv[1], argv[2]
    processes = int(argv[3]) if len(argv) > 3 else os.cpu_count()
    jobs = []
    for dirpath, _, files in os.walk(data):
        if "report.toml" in files:
            jobs.append((dirpath, os.path.join(out, os.path.relpath(dirpath, data))))
    jobs.sort()
    with Pool(processes) as pool:
        pool.map(render, jobs, chunksize=16)
    print(f"rendered {len(jobs)} reports", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
