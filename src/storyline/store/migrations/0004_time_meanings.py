"""Time expressions keep what they mean as a JSON object (records.TimeMeaning), not the text form storyline 0.1
wrote in timexes.relative ('weekday:5:past@TAF', 'from:shift:-1:D:md:12-30:past'): the column becomes `meaning`."""

from __future__ import annotations

import json
from collections.abc import Callable

import duckdb

from storyline import records as rec
from storyline.records import TimeMeaning


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite timexes with `meaning` (the JSON object of each row's `relative`) in place of `relative`."""
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = "
                                      "'timexes' ORDER BY ordinal_position").fetchall()]
    if "relative" not in cols:
        return
    import pyarrow as pa

    texts = [r[0] for r in con.execute("SELECT DISTINCT relative FROM timexes WHERE relative <> ''").fetchall()]
    con.register("meanings", pa.table({"relative": pa.array(texts, pa.string()),
                                       "meaning": pa.array([json.dumps(meaning(t).to_json()) for t in texts],
                                                           pa.string())}))
    kept = ", ".join(f't."{c}"' for c in cols if c != "relative")
    # one new table rather than ALTER and UPDATE: DuckDB refuses to update a table altered in the same transaction
    con.execute(f"CREATE TABLE timexes_meaning AS SELECT {kept}, m.meaning::JSON AS meaning FROM timexes t "
                "LEFT JOIN meanings m ON m.relative = t.relative")
    con.unregister("meanings")
    con.execute("DROP TABLE timexes")
    con.execute("ALTER TABLE timexes_meaning RENAME TO timexes")


def meaning(text: str) -> TimeMeaning:
    """A meaning from its stored text: the JSON object, or the 0.1 text form."""
    if text.startswith("{"):
        return TimeMeaning.from_json(json.loads(text))
    base, _, clock = text.partition("@")
    kind, _, rest = base.partition(":")
    p = rest.split(":")
    if kind == "from":
        how, k, unit, ref = rest.split(":", 3)
        return rec.Counted(how, int(k), unit, meaning(ref), clock=clock)
    if kind == "shift" and len(p) > 2:
        return rec.PartOfYear(int(p[1]), p[2], clock=clock)
    made: dict[str, Callable[[], TimeMeaning]] = {
        "date": lambda: rec.OnDate(p[0], clock=clock),
        "md": lambda: rec.MonthDay(int(p[0][:2]), int(p[0][3:]), p[1], int(p[2][1:]) if len(p) > 2 else None, clock=clock),
        "month": lambda: rec.MonthOf(int(p[0]), p[1], clock=clock),
        "weekday": lambda: rec.WeekdayOf(int(p[0]), p[1], clock=clock),
        "nthday": lambda: _nth_weekday(p[0], p[1], clock),
        "weekend": lambda: rec.Weekend(p[1], clock=clock),
        "season": lambda: rec.SeasonOf(p[0], p[1], clock=clock),
        "quarter": lambda: rec.QuarterOf(int(p[0]), p[1], int(p[2].rstrip("Y")) if len(p) > 2 else 0, clock=clock),
        "half": lambda: rec.HalfOf(int(p[0]), clock=clock),
        "shift": lambda: rec.Shift(p[0], int(p[1]), clock=clock),
        "offset": lambda: rec.Offset(int(p[0]), p[1], clock=clock),
        "vague": lambda: rec.Vague(p[0], p[1] if len(p) > 1 else None, clock=clock),
        "dur": lambda: rec.Stretch(p[0], p[1] if len(p) > 1 else None, clock=clock),
        "set": lambda: rec.Recurrence(p[0], clock=clock),
    }
    return made[kind]()


def _nth_weekday(numbers: str, direction: str, clock: str) -> TimeMeaning:
    """The nth weekday of a month from its 0.1 text form ('11-4-4': the 4th Thursday of November)."""
    month, weekday, nth = (int(x) for x in numbers.split("-"))
    return rec.NthWeekday(month, weekday, nth, direction, clock=clock)
