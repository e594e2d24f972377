"""The store's columns, derived from the records: a record is stored in one column per stored field, named after it
('index' is 'idx'), except that a date decision (records.Dated) spreads over six columns (its own name, `certain`,
`interval_lo`, `interval_hi`, `date_source`, `date_evidence`), an Interval over two, and lists, dicts and time
meanings are JSON. to_row() and from_row() are the only mapping between the two."""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields
from functools import cache
from typing import Any

from storyline.records import Dated, Interval, TimeMeaning, stored_fields

COLUMN = {"index": "idx", "data": "raw"}  # fields whose column has another name
DATED = ("certain", "interval_lo", "interval_hi", "date_source", "date_evidence")  # after the date's own column


@cache
def _types(cls: type) -> dict[str, Any]:
    """The resolved type of each field of a record class, without its `| None`."""
    hints = typing.get_type_hints(cls)
    out = {}
    for name, hint in hints.items():
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        out[name] = args[0] if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 1 else hint
    return out


def _kind(cls: type, name: str) -> str:
    """How a field is stored: 'dated', 'interval', 'meaning', 'json', 'bool', 'bytes' or 'plain'."""
    t = _types(cls)[name]
    origin = typing.get_origin(t) or t
    if t is Dated:
        return "dated"
    if t is Interval:
        return "interval"
    if isinstance(t, type) and issubclass(t, TimeMeaning):
        return "meaning"
    if origin in (list, dict, tuple):
        return "json"
    return {bool: "bool", bytes: "bytes"}.get(origin, "plain")


@cache
def columns(cls: type) -> tuple[str, ...]:
    """The columns a record class is stored in, in field order."""
    out: list[str] = []
    for name in stored_fields(cls):
        kind = _kind(cls, name)
        if kind == "dated":
            out += [name, *DATED]
        elif kind == "interval":
            out += [f"{name}_lo", f"{name}_hi"]
        else:
            out.append(COLUMN.get(name, name))
    return tuple(out)


def to_row(record: Any) -> dict[str, Any]:
    """A record's column values, ready to insert (JSON columns as JSON text)."""
    cls = type(record)
    row: dict[str, Any] = {}
    for name in stored_fields(cls):
        value, kind = getattr(record, name), _kind(cls, name)
        if kind == "dated":
            row.update(dated_columns(value, name))
        elif kind == "interval":
            row[f"{name}_lo"], row[f"{name}_hi"] = (value.lo, value.hi) if value else (None, None)
        elif kind == "meaning":
            row[name] = json.dumps(value.to_json()) if value is not None else None
        elif kind == "json":
            row[name] = json.dumps(_plain(value), ensure_ascii=False)
        else:
            row[COLUMN.get(name, name)] = value
    return row


def from_row(cls: type, row: dict[str, Any]) -> Any:
    """A record of class `cls` from its row (JSON columns decoded or not); missing columns take the defaults."""
    kwargs: dict[str, Any] = {}
    defaults = {f.name: f for f in fields(cls)}
    for name in stored_fields(cls):
        kind = _kind(cls, name)
        if kind == "dated":
            kwargs[name] = dated_from_row(row, name)
            continue
        if kind == "interval":
            lo, hi = row.get(f"{name}_lo"), row.get(f"{name}_hi")
            kwargs[name] = Interval(lo, hi) if (lo or hi) else None
            continue
        column = COLUMN.get(name, name)
        if column not in row and kind != "bytes":  # left out of the query: the default (raw bytes: none)
            continue
        value = row.get(column)
        if kind == "meaning":
            value = TimeMeaning.from_json(json_value(value)) if value else None
        elif kind == "json":
            value = json_value(value)
            value = _records(cls, name, value if value is not None else _default(defaults[name]))
        elif kind == "bool":
            value = bool(value)
        elif kind == "bytes":
            value = bytes(value or b"")
        elif value is None and not _optional(cls, name):
            value = _default(defaults[name])
        kwargs[name] = value
    return cls(**kwargs)


def dated_columns(d: Dated | None, name: str = "date") -> dict[str, Any]:
    """The six columns of a date decision (its JSON object spread out; `name` is the date's own column)."""
    if d is None:
        return dict.fromkeys((name, *DATED))
    j = d.to_json()
    lo, hi = j["interval"] or (None, None)
    return {name: j["date"], "certain": j["certain"], "interval_lo": lo, "interval_hi": hi,
            "date_source": j["source"], "date_evidence": json.dumps(j["evidence"])}


def dated_from_row(row: dict[str, Any], name: str = "date") -> Dated | None:
    """The date decision stored in a row, or None when the row has none yet."""
    if row.get("date_source") is None and row.get(name) is None:
        return None
    return Dated.from_json({"date": row.get(name), "certain": row.get("certain"),
                            "interval": [row.get("interval_lo"), row.get("interval_hi")],
                            "source": row.get("date_source"), "evidence": json_value(row.get("date_evidence"))})


def _records(cls: type, name: str, value: Any) -> Any:
    """A JSON list of objects as the records its field holds (Document.page_dates: PageDate)."""
    args = typing.get_args(_types(cls)[name])
    item = args[0] if args else None
    if isinstance(value, list) and isinstance(item, type) and hasattr(item, "__dataclass_fields__"):
        return [item(**v) if isinstance(v, dict) else v for v in value]
    return value


def _plain(value: Any) -> Any:
    """A field value as JSON data (records inside become objects)."""
    from storyline.records import as_dict

    return as_dict(value)


def _optional(cls: type, name: str) -> bool:
    """Whether a field may hold None."""
    return name in _optional_fields(cls)


@cache
def _optional_fields(cls: type) -> frozenset[str]:
    """The fields of a record class that may hold None (resolving the hints took a millisecond a row)."""
    return frozenset(n for n, hint in typing.get_type_hints(cls).items() if type(None) in typing.get_args(hint))


def _default(f: Any) -> Any:
    """A field's default value."""
    from dataclasses import MISSING

    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return None


def json_value(value: Any) -> Any:
    """A JSON column's value as Python data (it may be decoded already)."""
    if value is None or not isinstance(value, str):
        return value
    return json.loads(value)
