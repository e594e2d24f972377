"""Printing records: JSON (exactly one value on standard output), text, CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any


def to_json(value: Any) -> str:
    """JSON text for records (non-JSON values become strings)."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def emit(records: Sequence[dict[str, Any]] | dict[str, Any], fmt: str, text_lines: Any = None) -> None:
    """Print records in the chosen format to standard output."""
    if fmt == "json":
        sys.stdout.write(to_json(records) + "\n")
    elif fmt == "csv":
        rows = list(records) if not isinstance(records, dict) else [records]
        if not rows:
            return
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()), extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v)
                        for k, v in r.items()})
    else:
        for line in (text_lines(records) if text_lines else (to_json(r) for r in records)):
            sys.stdout.write(line + "\n")
