"""The timeline as TimelineJS3 JSON: one slide per entry; an uncertain date becomes a start-end range, and an
entry that only the day of the build bounds is left out (TimelineJS would place it on a day nothing supports)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from markupsafe import escape

from storyline.api import Storyline
from storyline.export import LeftOut, exporter
from storyline.records import iso_parts, known_bounds, when


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
    """A TimelineJS slide for a timeline entry: a certain date on its day, an interval from its start to its end
    (an open end left out); None when nothing but the day it was collected bounds it (no date to place it at)."""
    if entry["certain"] and entry["date"]:
        start, end, label = tl_date(entry["date"]), None, str(entry["date"])
    else:
        lo, hi = known_bounds(entry)
        start, end = tl_date(lo or hi), tl_date(hi) if lo else None
        label = when(entry) if lo or not hi else f"uncertain: on or before {hi}"
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
    """The whole timeline as a TimelineJS3 data object; an entry with no date bounds is left out, with a LeftOut
    warning counting them."""
    entries = s.timeline()
    slides = [sl for n, e in enumerate(entries) if (sl := slide(e, n)) is not None]
    left = len(entries) - len(slides)
    text = f"{len(slides)} dated entries" + (f"; {left} left out (no date bounds)" if left else "")
    if left:
        warnings.warn(LeftOut(f"timelinejs: left out {left} of {len(entries)} entries: no date bounds but the day "
                              "their reports were collected"), stacklevel=2)
    return {"title": {"text": {"headline": title, "text": text}}, "events": slides}


@exporter("timelinejs")
def write_timelinejs(s: Storyline, out: Path) -> list[Path]:
    """One TimelineJS3 JSON file."""
    path = out if out.suffix == ".json" else out / "timeline.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(timelinejs(s), ensure_ascii=False, indent=1), encoding="utf-8")
    return [path]
