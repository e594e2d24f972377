"""Events as JSON lines in the PLOVER data format: one event a line, with its category ('event_type'), mode,
context, actor and recipient names and codes, date, trigger words and source sentence with offsets.

Field names follow the PLOVER 2.0 JSON record (event_type, mode, context, actor, recipient, event_date, text, ...);
storyline's own additions (negated, hypothetical, future, the date's certainty and the provenance) are kept under
names that do not clash with the standard ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from storyline.actors import knowledge
from storyline.api import Storyline
from storyline.export import exporter

VERSION = "PLOVER 2.0"


def actor_code(name: str, codes: dict[str, str]) -> str | None:
    """The code of an actor name: from the store's catalogue, else the shipped knowledge table."""
    if name in codes:
        return codes[name]
    ent = knowledge.lookup(name)
    return ent.id if ent is not None else None


def record(event: dict[str, Any], codes: dict[str, str] | None = None) -> dict[str, Any]:
    """One event (as the API returns it, or a records.Event turned into a dict) as a PLOVER JSON record."""
    codes = codes or {}
    date = event.get("date") or {}
    if not isinstance(date, dict):  # a records.Dated
        date = {"date": getattr(date, "date", None), "certain": getattr(date, "certain", False),
                "interval": [date.interval.lo, date.interval.hi] if getattr(date, "interval", None) else None}
    actors = list(event.get("actors") or [])
    recipients = list(event.get("recipients") or [])
    return {
        "id": event["id"],
        "event_type": event["category"],
        "mode": event.get("mode") or "",
        "context": event.get("context") or "",
        "event_date": date.get("date"),
        "event_date_certain": bool(date.get("certain")),
        "event_date_interval": date.get("interval"),
        "actor": actors,
        "actor_code": [actor_code(a, codes) for a in actors],
        "recipient": recipients,
        "recipient_code": [actor_code(r, codes) for r in recipients],
        "location": event.get("location"),
        "event_text": event.get("trigger") or "",
        "text": event.get("text") or "",
        "negated": bool(event.get("negated")),
        "hypothetical": bool(event.get("hypothetical")),
        "future": bool(event.get("future")),
        "source": {"document": event.get("document") or event.get("doc"), "sentence": event.get("sentence"),
                   "start": event.get("start"), "end": event.get("end")},
        "cluster": event.get("cluster"),
        "language": "en",
        "version": VERSION,
    }


def write(events: Iterable[dict[str, Any]], out: IO[str], codes: dict[str, str] | None = None) -> int:
    """Write events as PLOVER JSON lines; returns how many were written."""
    n = 0
    for ev in events:
        out.write(json.dumps(record(ev, codes), ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _target(out: Path) -> Path:
    """A folder gets events.plover.jsonl inside; a path with a suffix is the file itself."""
    if out.suffix:
        out.parent.mkdir(parents=True, exist_ok=True)
        return out
    out.mkdir(parents=True, exist_ok=True)
    return out / "events.plover.jsonl"


@exporter("plover")
def export_plover(s: Storyline, out: Path, events: Callable[[], list[dict[str, Any]]] | None = None) -> list[Path]:
    """Every event of the store as PLOVER JSON lines."""
    codes = {a["name"]: a["id"] for a in s.actors()}
    path = _target(out)
    with path.open("w", encoding="utf-8") as f:
        write((events or s.events)(), f, codes)
    return [path]
