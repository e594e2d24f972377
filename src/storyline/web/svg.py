"""Small server-side SVG drawings (no script, nothing fetched): the timeline axis, the monthly chart, the network."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from markupsafe import Markup, escape

from storyline.records import iso_span, known_bounds, when


def _day(s: str | None) -> dt.date | None:
    """The first day of an ISO date that may be partial."""
    sp = iso_span(s)
    return sp[0] if sp else None


def span(entry: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day an entry may fall on (one day when certain)."""
    if entry["certain"] and entry["date"]:
        d = _day(entry["date"])
        return d, d
    lo, hi = known_bounds(entry)
    return _day(lo), _day(hi)


def timeline_axis(entries: list[dict[str, Any]], width: int = 900) -> Markup:
    """An axis over the days shown with a dot per certain date and a bar per uncertain interval (cut to the
    axis: an open or far interval does not stretch it), each labelled."""
    spans = [(e, *span(e)) for e in entries]
    days = [d for e in entries if (d := _day(e.get("day")) or (span(e)[0] if e["certain"] else None))]
    if not days:
        days = [d for _, lo, hi in spans for d in (lo, hi) if d]
    if not days:
        return Markup("")
    first, last = min(days), max(days)
    total = max((last - first).days, 1)
    row_h, pad = 18, 60
    height = 40 + row_h * len(spans)

    def x(d: dt.date) -> float:
        return pad + (width - 2 * pad) * (d - first).days / total

    parts = [f'<svg class="axis" role="img" aria-label="timeline axis" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{pad}" y1="20" x2="{width - pad}" y2="20" class="axis-line"/>',
             f'<text x="{pad}" y="14" class="tick">{first.isoformat()}</text>',
             f'<text x="{width - pad}" y="14" class="tick" text-anchor="end">{last.isoformat()}</text>']
    for i, (e, lo, hi) in enumerate(spans):
        y = 36 + i * row_h
        label = escape((e["summary"] or "")[:60])
        if lo and hi and lo == hi and e["certain"]:
            parts.append(f'<circle cx="{x(lo):.1f}" cy="{y}" r="5" class="certain"><title>{lo} {label}</title></circle>')
        else:
            a = x(min(max(lo or first, first), last))
            b = x(max(min(hi or last, last), first))
            open_lo, open_hi = ("open" if lo is None else ""), ("open" if hi is None else "")
            parts.append(f'<rect x="{a:.1f}" y="{y - 5}" width="{max(b - a, 3):.1f}" height="10" '
                         f'class="uncertain {open_lo} {open_hi}"><title>{escape(when(e))} {label}</title></rect>')
    parts.append("</svg>")
    return Markup("".join(parts))


def monthly_chart(rows: list[dict[str, Any]], width: int = 900, height: int = 220) -> Markup:
    """Bars per month: cooperation above the line, conflict below."""
    if not rows:
        return Markup('<p class="empty">No dated events between these two actors.</p>')
    peak = max(max(r["cooperation"], r["conflict"]) for r in rows) or 1
    mid, pad = height / 2, 40
    step = (width - 2 * pad) / len(rows)
    bar = max(min(step * 0.35, 30), 2)
    parts = [f'<svg class="chart" role="img" aria-label="cooperation and conflict per month" width="{width}" '
             f'height="{height + 30}" viewBox="0 0 {width} {height + 30}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{pad}" y1="{mid}" x2="{width - pad}" y2="{mid}" class="axis-line"/>',
             '<text x="4" y="14" class="tick">cooperation</text>',
             f'<text x="4" y="{height - 4}" class="tick">conflict</text>']
    for i, r in enumerate(rows):
        cx = pad + step * (i + 0.5)
        up = (mid - 10) * r["cooperation"] / peak
        down = (mid - 10) * r["conflict"] / peak
        parts.append(f'<rect x="{cx - bar:.1f}" y="{mid - up:.1f}" width="{bar:.1f}" height="{up:.1f}" class="coop">'
                     f'<title>{escape(r["month"])}: {r["cooperation"]} cooperation</title></rect>')
        parts.append(f'<rect x="{cx:.1f}" y="{mid:.1f}" width="{bar:.1f}" height="{down:.1f}" class="conflict">'
                     f'<title>{escape(r["month"])}: {r["conflict"]} conflict</title></rect>')
        parts.append(f'<text x="{cx:.1f}" y="{height + 20}" class="tick" text-anchor="middle">{escape(r["month"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def network(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], width: int = 900, height: int = 520) -> Markup:
    """The actor network on a circle: edge width by event count, colour by cooperation versus conflict."""
    if not nodes:
        return Markup('<p class="empty">No actor network yet.</p>')
    cx, cy, radius = width / 2, height / 2, min(width, height) / 2 - 70
    pos = {}
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes)
        pos[n["name"]] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    parts = [f'<svg class="network" role="img" aria-label="actor network" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
        kind = "coop" if e["cooperation"] >= e["conflict"] else "conflict"
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="edge {kind}" '
                     f'stroke-width="{1 + min(e["weight"], 8)}"><title>{escape(e["a"])} – {escape(e["b"])}: '
                     f'{e["weight"]} events</title></line>')
    for n in nodes:
        x, y = pos[n["name"]]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 + min(n["mentions"], 40) ** 0.5 * 2:.1f}" '
                     f'class="node {escape(n["type"])}"/>')
        parts.append(f'<text x="{x:.1f}" y="{y - 10:.1f}" class="label" text-anchor="middle">{escape(n["name"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
