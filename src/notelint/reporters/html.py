"""`report.html`: one self-contained page a quality lead can open anywhere, offline.

Inline CSS and inline SVG charts only (no scripts, fonts or images from the network): findings per 100 notes by
principle, rule, writer and month, then the notes that need attention first with masked excerpts. It formats
an audit's summary; it never sees note text other than the excerpts the audit already masked.
"""

from __future__ import annotations

from html import escape
from typing import Iterable, Sequence

from ..catalogue import Catalogue
from ..principles import load_principles

MAX_RULES = 20
MAX_WRITERS = 25
COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}
BAR = "#3e6b8a"

CSS = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2939; margin: 0;
       background: #f8fafc; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.2rem; margin: 32px 0 8px; }
p.lead { color: #475467; margin-top: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0; }
.card { background: #fff; border: 1px solid #e4e7ec; border-radius: 8px; padding: 10px 16px; min-width: 130px; }
.card b { display: block; font-size: 1.5rem; } .card span { color: #475467; font-size: .85rem; }
.warn { background: #fffaeb; border: 1px solid #fedf89; padding: 10px 14px; border-radius: 8px; }
figure { background: #fff; border: 1px solid #e4e7ec; border-radius: 8px; margin: 0 0 12px; padding: 12px; overflow-x: auto; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2939; } svg .muted { fill: #667085; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
th, td { border-bottom: 1px solid #e4e7ec; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
.ex { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .82rem; color: #344054; margin: 2px 0; }
mark { background: #fef0c7; padding: 0 2px; }
.sev-error { color: #b42318; font-weight: 600; } .sev-warning { color: #b54708; font-weight: 600; }
.sev-info { color: #175cd3; }
footer { color: #667085; font-size: .85rem; margin-top: 36px; }
"""


def _num(value: float) -> str:
    return f"{value:,.1f}" if value % 1 else f"{value:,.0f}"


def hbar_chart(rows: Sequence[tuple[str, float, str]], caption: str, unit: str = "per 100 notes") -> str:
    """A horizontal bar chart: each row is (label, value, detail shown after the value)."""
    if not rows:
        return f"<figure><figcaption>{escape(caption)}</figcaption><p>No data.</p></figure>"
    label_w, bar_w, row_h = 300, 520, 24
    peak = max(v for _, v, _ in rows) or 1.0
    height = row_h * len(rows) + 8
    parts = [f'<svg role="img" aria-label="{escape(caption)}" width="{label_w + bar_w + 140}" height="{height}" '
             f'viewBox="0 0 {label_w + bar_w + 140} {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value, detail) in enumerate(rows):
        y = i * row_h + 4
        w = max(1.0, bar_w * value / peak) if value else 0
        shown = label if len(label) <= 44 else label[:43] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(shown)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{BAR}" rx="2">'
                     f'<title>{escape(label)}: {_num(value)} {escape(unit)}{escape(detail)}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{_num(value)}'
                     f'<tspan class="muted">{escape(detail)}</tspan></text>')
    parts.append("</svg>")
    return f"<figure><figcaption>{escape(caption)}</figcaption>{''.join(parts)}</figure>"


def column_chart(rows: Sequence[tuple[str, float, str]], caption: str, unit: str = "per 100 notes") -> str:
    """A vertical column chart in the given order (months read left to right)."""
    if not rows:
        return f"<figure><figcaption>{escape(caption)}</figcaption><p>No data.</p></figure>"
    col_w, plot_h, top, bottom = 44, 180, 20, 44
    peak = max(v for _, v, _ in rows) or 1.0
    width = max(320, col_w * len(rows) + 20)
    parts = [f'<svg role="img" aria-label="{escape(caption)}" width="{width}" height="{plot_h + top + bottom}" '
             f'viewBox="0 0 {width} {plot_h + top + bottom}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="10" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#98a2b3"/>']
    for i, (label, value, detail) in enumerate(rows):
        x = 10 + i * col_w
        h = plot_h * value / peak if value else 0
        parts.append(f'<rect x="{x + 6}" y="{top + plot_h - h:.1f}" width="{col_w - 12}" height="{h:.1f}" '
                     f'fill="{BAR}" rx="2"><title>{escape(label)}: {_num(value)} {escape(unit)}{escape(detail)}'
                     f'</title></rect>')
        parts.append(f'<text x="{x + col_w / 2}" y="{top + plot_h - h - 4:.1f}" text-anchor="middle">'
                     f'{_num(value)}</text>')
        parts.append(f'<text x="{x + col_w / 2}" y="{top + plot_h + 16}" text-anchor="middle" class="muted">'
                     f'{escape(label[2:] if len(label) == 7 else label)}</text>')
    parts.append("</svg>")
    return f"<figure><figcaption>{escape(caption)}</figcaption>{''.join(parts)}</figure>"


def _cards(summary: dict) -> str:
    sev = summary["by_severity"]
    items = [
        (f"{summary['notes']:,}", "notes audited"),
        (f"{summary['notes_with_findings']:,}", "notes with findings"),
        (_num(summary["findings_per_100_notes"]), "findings per 100 notes"),
        (f"{sev.get('error', 0):,}", "errors"),
        (f"{sev.get('warning', 0):,}", "warnings"),
        (f"{sev.get('info', 0):,}", "hints (info)"),
        (f"{summary['problems']:,}", "rows skipped"),
    ]
    return '<div class="cards">' + "".join(f"<div class=card><b>{escape(v)}</b><span>{escape(k)}</span></div>"
                                          for v, k in items) + "</div>"


def _attention(attention: Iterable) -> str:
    rows = []
    for rank, note in enumerate(attention, start=1):
        where = escape(note.source) + (f", row {note.row}" if note.row is not None else "")
        counts = {}
        for f in note.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        tally = ", ".join(f'<span class="sev-{s}">{n} {s}</span>' for s, n in counts.items())
        shown = "".join(
            f'<div class="ex"><span class="sev-{escape(e["severity"])}">{escape(e["rule"])}</span> '
            f'{escape(e["before"])}<mark>{escape(e["match"])}</mark>{escape(e["after"])}</div>'
            for e in note.excerpts
        )
        rows.append(f"<tr><td>{rank}</td><td><b>{escape(note.id)}</b><br><small>{where}</small></td>"
                    f"<td>{escape(note.author)}</td><td>{escape(note.month)}</td><td>{tally}</td><td>{shown}</td></tr>")
    if not rows:
        return "<p>No note has findings.</p>"
    return ("<table><thead><tr><th>#</th><th>note</th><th>writer</th><th>month</th><th>findings</th>"
            "<th>excerpts (identifiers masked)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def render(summary: dict, attention: Sequence, catalogue: Catalogue) -> str:
    """The whole page for an audit's `summary` (the summary.json payload) and its attention list."""
    titles = {p.slug: p.title for p in load_principles()}
    found = {row["key"]: row for row in summary["by_principle"]}
    principle_rows = [(titles[slug], found.get(slug, {}).get("per_100_notes", 0.0),
                       f"  ({found.get(slug, {}).get('findings', 0):,} findings)") for slug in titles]
    rule_rows = [(f"{r['key']} {r['name']}", r["per_100_notes"], f"  ({r['findings']:,}, {r['principle']})")
                 for r in summary["by_rule"][:MAX_RULES]]
    writer_rows = [(w["key"], w["per_100_notes"], f"  ({w['findings']:,} in {w['notes']:,} notes)")
                   for w in summary["by_writer"][:MAX_WRITERS]]
    months = sorted(summary["by_month"], key=lambda m: (m["key"] == "unknown", m["key"]))
    month_rows = [(m["key"], m["per_100_notes"], f" ({m['findings']:,} in {m['notes']:,} notes)") for m in months]
    notice = ""
    if summary.get("interrupted"):
        notice = ('<p class="warn">This audit was stopped before the end: the figures cover the '
                  f'{summary["notes"]:,} notes finished.</p>')
    more_writers = len(summary["by_writer"]) - MAX_WRITERS
    body = [
        "<h1>notelint audit</h1>",
        f'<p class="lead">{summary["notes"]:,} notes from {escape(", ".join(summary["inputs"]))}; '
        f'{len(catalogue.active)} rules. Figures are findings per 100 notes.</p>',
        notice,
        _cards(summary),
        "<h2>By principle</h2>",
        hbar_chart(principle_rows, "Findings per 100 notes, by ethical principle"),
        "<h2>By rule</h2>",
        hbar_chart(rule_rows, f"Findings per 100 notes, by rule (top {MAX_RULES})"),
        "<h2>By writer</h2>",
        hbar_chart(writer_rows, "Warnings and errors per 100 of each writer's notes"
                   + (f" (top {MAX_WRITERS} of {len(summary['by_writer'])})" if more_writers > 0 else "")),
        "<h2>By month</h2>",
        column_chart(month_rows, "Warnings and errors per 100 notes written that month"),
        "<h2>Notes that need attention first</h2>",
        "<p>Ranked by severity (an error counts 10, a warning 3, a hint 0.5). In the excerpts, identifiers, digits "
        "and capitalised names are masked.</p>",
        _attention(attention),
        f"<footer>Made by notelint on this computer; nothing was sent anywhere. {summary['problems']:,} row(s) "
        "could not be read and were skipped (see summary.json).</footer>",
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>notelint audit: {summary['notes']:,} notes</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")
