"""Count timeline entries that are page chrome: reader comments and bylines told as events.

    python scripts/chrome_entries.py --db t17_h1n1.duckdb [--all] [--show 20]

Reads the timeline of a built store through the CLI a user runs (`storyline timeline --format json`, with
`--all` the full event log) and judges each entry by the text of the sentences it tells. The judge is a
short list of shapes that only comments and bylines take, written from the examples in issue 13 and from
reading entries, apart from the cleaner's pattern table (storyline/data/chrome.txt) and not shared with it:
a comment header ('BluesBerry wrote:', 'March 26, 2011 at 6:14 pm'), a comment's buttons and signatures
('Reply', 'Report abuse', 'Posted by'), a byline ('By Jason Hanna, CNN', 'Reporting by ...'). Prints one JSON
object: entries, chrome entries (comments, bylines) and their share, and the first `--show` of each.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from typing import Any

NAME = r"[A-Z][\w.'’-]+"
COMMENT = re.compile("|".join([
    r"^(?:At [^,]{5,40}, )?\S+(?: \S+)? (?:wrote|writes|says)\s*:",  # 'At 15:38 20th Jan 2012, BluesBerry wrote:'
    r"\b\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s*\|",  # 'March 26, 2011 at 6:14 pm | Bias, bias'
    r"\b(?:19|20)\d\d,? at \d{1,2}[:.]\d\d",  # '... 2011 at 6:14'
    r"^At \d{1,2}:\d\d\b",
    r"(?:^|\s)Reply(?:\s|$)",
    r"\bReport (?:abuse|this comment)\b|\bComplain about this comment\b|\bComment number \d+",
    r"\bThis comment (?:was|has been) removed\b|\bRecommend\?|\bPosted by\s*:?\s*\S+",
    r"\b\d+ (?:minutes?|hours?|days?) ago\b",
    r"\b(?:Recommended|Rating)\s*:?\s*\d+\b",
    # a reader's signature: 'Raven Morpheus , Braintree , Essex , UK', 'Cristina from Buenos Aires , Argentina :'
    rf"\b{NAME} [A-Z][\w.'’-]*(?: -LRB- .{{1,40}}? -RRB-)? , {NAME}(?: {NAME})?(?: , {NAME}(?: {NAME})?)? , "
    r"(?:UK|USA|US|England|Scotland|Wales|Northern Ireland|Ireland|Canada|Australia|New Zealand|India|Mexico|"
    r"France|Germany|Spain|Italy|Netherlands|Sweden|Japan|China|Hong Kong|Singapore|South Africa|Egypt|Brazil|"
    r"Argentina)\b",
    rf"^{NAME}(?: {NAME})? from {NAME}(?: {NAME})?(?: , {NAME}(?: {NAME})?)? :",
]))
BYLINE = re.compile("|".join([
    rf"^By {NAME}(?: {NAME}){{1,3}}\b",  # 'By Jason Hanna, CNN'
    rf"\|\s*By {NAME}",
    r"\b(?:Reporting|Editing|Writing|Compiled|Additional reporting) by\b",
    r"\b(?:correspondent|staff writer|staff reporter)\s*(?:,|$)",
    rf"\b{NAME} {NAME} , (?:BBC|CNN|Reuters|AP|AFP) (?:[\w-]+ ){{0,3}}(?:correspondent|editor|reporter)\b",
]))


def timeline(db: str, full: bool) -> list[dict[str, Any]]:
    """The store's timeline entries, as `storyline timeline --format json` prints them."""
    exe = shutil.which("storyline") or "storyline"
    cmd = [exe, "timeline", "--db", db, "--format", "json", *(["--all"] if full else [])]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def told(entry: dict[str, Any]) -> list[str]:
    """The sentences an entry tells (its summary and the evidence sentences in it)."""
    texts = [e["text"] for e in entry.get("evidence", []) if e.get("in_summary")]
    return [" ".join(t.split()) for t in [entry.get("summary") or "", *texts] if t]


def judge(entry: dict[str, Any]) -> str | None:
    """'comment', 'byline' or None for an entry."""
    texts = told(entry)
    if any(COMMENT.search(t) for t in texts):
        return "comment"
    if any(BYLINE.search(t) for t in texts):
        return "byline"
    return None


def main() -> None:
    """Print the counts for one store."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--all", action="store_true", help="the full event log instead of the storyline")
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    entries = timeline(args.db, args.all)
    found: dict[str, list[str]] = {"comment": [], "byline": []}
    for e in entries:
        kind = judge(e)
        if kind:
            found[kind].append(f"{(e.get('documents') or ['?'])[0]}: {(e.get('summary') or '')[:140]}")
    chrome = sum(len(v) for v in found.values())
    json.dump({"db": args.db, "view": "all events" if args.all else "storyline", "entries": len(entries),
               "chrome": chrome, "share": round(chrome / len(entries), 4) if entries else 0.0,
               **{k: len(v) for k, v in found.items()}, **{f"{k}_examples": v[:args.show] for k, v in found.items()}},
              sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
