"""The timeline as TimelineJS3 JSON: one slide per entry; an uncertain date becomes a start-end range."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape

from storyline.api import Storyline
from storyline.export import exporter
from storyline.records import iso_parts


def tl_date(iso: str | None) -> dict[str, Any] | None:
    """A TimelineJS date object from YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = iso_parts(iso)
    if parts is None:
        return None
    year, month, day, _ = parts
    out: dict[str, Any] = {"year": year}
    if month is not None:
        out["month"] = month
    if day is not None:
        out["day"] = day
    return out


def slide(entry: dict[str, Any], n: int) -> dict[str, Any] | None:
    """A TimelineJS slide for a timeline entry, or None when it has no date at all."""
    iv = entry.get("interval") or [None, None]
    if entry["certain"] and entry["date"]:
        start, end, label = tl_date(entry["date"]), None, str(entry["date"])
    elif iv[0]:
        start, end = tl_date(iv[0]), tl_date(iv[1])
        label = f"uncertain: between {iv[0]} and {iv[1] or '?'}"
    else:  # only an upper bound is known: placed at it, and said so
        start, end = tl_date(entry["date"] or iv[1]), None
        label = f"uncertain: on or before {iv[1]}" if iv[1] else f"uncertain: {entry['date']}"
    if start is None:
        return None
    sources = ", ".join(entry["documents"])
    out: dict[str, Any] = {
        "start_date": start,
        "text": {"headline": str(escape(entry["summary"][:120])),
                 "text": f"{escape(entry['summary'])}<p>Actors: {escape('; '.join(entry['actors']))}</p>"
                         f"<p>Sources: {escape(sources)}</p>"},
        "display_date": label,
        "group": entry.get("category") or "",
        "unique_id": f"entry-{n}",
    }
    if end and end != start:
        out["end_date"] = end
    return out


def timelinejs(s: Storyline, title: str = "storyline") -> dict[str, Any]:
    """The whole timeline as a TimelineJS3 data object."""
    slides = [sl for n, e in enumerate(s.timeline()) if (sl := slide(e, n)) is not None]
    return {"title": {"text": {"headline": title, "text": f"{len(slides)} dated entries"}}, "events": slides}


@exporter("timelinejs")
def write_timelinejs(s: Storyline, out: Path) -> list[Path]:
    """One TimelineJS3 JSON file."""
    path = out if out.suffix == ".json" else out / "timeline.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(timelinejs(s), ensure_ascii=False, indent=1), encoding="utf-8")
    return [path]
