"""Benchmark 'actors': who the actors and speakers of a built store are, on Timeline17-layout topics, through the
product.

Layout: as bench tls reads it (<Topic>_<source>/InputDocs/<YYYY-MM-DD>/<file>; source folders with the same part
before the last underscore form one topic). Each topic is built with `storyline build` (cached by content and build
code, as bench tls does) and read through the library API the CLI and web app call. There is no gold for actors
in this layout, so the figures are the checks a reader makes on the actors list and the quotes:
- pronoun speakers: the share of quotes whose speaker is a pronoun ('it', 'they', 'he'); an unresolved pronoun
  should be stored as an unknown speaker (the share of those is printed beside, so dropping speakers shows);
- chrome actors: actors whose name holds a word of page chrome ('Reply', 'Featured Image Via'), a time zone or
  a news agency's credit before a name ('CNN Gadhafi');
- split people: people (actors of type person with a name of two words or more) whose family name is also an
  actor of its own, alone or after a title ('Assad' beside 'Bashar al-Assad', 'Mr Hague' beside 'William Hague');
  with the mentions the stray actors hold;
- type conflicts: actors whose whole name the shipped knowledge table knows as another type ('Baba Amr' a person,
  a country typed as an organization);
- mixed people: people one of whose aliases is a capitalised name sharing no word, in any spelling, with the
  person's name ('Walden' or 'CND' among the aliases of Osama bin Laden or Cindy Sheehan): two actors merged.
Reference, in the same call: the same checks when every distinct name a mention was written with is its own
actor (what the actors list would be without linking).

Held-out figures: list the topics to tune on with --tune; the others are reported apart as held out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from storyline.actors import knowledge as kb
from storyline.actors import spelling
from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err
from storyline_bench.stores import build_store, dated_folder_articles
from storyline_bench.tls import DEFAULT_CACHE, topics

PRONOUNS = frozenset({"i", "me", "you", "he", "him", "she", "her", "it", "we", "us", "they", "them", "this", "that",
                      "these", "those", "who", "which", "one", "someone", "somebody", "everyone", "anyone"})
TYPES = {"country": "country", "organization": "organization", "place": "place", "group": "group"}


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w'-]+", kb.fold(name).lower()) if w]


def chrome_name(name: str, kind: str) -> bool:
    """Whether an actor's name begins or ends with page chrome or a time zone ('Reply Gaddafi'), holds a web address
    beside other words ('iAfrica.com Haiti'), or is a person's name after an agency's credit ('CNN Gadhafi')."""
    words = _words(name)
    junk = kb.name_words("chrome") | kb.name_words("timezone")
    parts = name.split()
    if words and (words[0] in junk or words[-1] in junk):
        return True
    if len(parts) >= 2 and any(re.search(r"(?i)\w\.(com|org|net|co\.uk)$", p) for p in parts):
        return True
    if kind == "person" and len(parts) >= 2 and parts[0].isupper() and len(parts[0]) > 1:
        known = kb.lookup(parts[0])
        return known is not None and known.type == "organization" and kb.lookup(" ".join(parts[1:])) is None
    return False


def _family(name: str) -> str | None:
    """A person's family name as news copy writes it alone ('al-Assad' -> 'assad')."""
    words = _words(name)
    if len(words) < 2:
        return None
    last = words[-1]
    return re.sub(r"^(al|el|ad|as|ash|an)-", "", last)


def _bare(name: str) -> str | None:
    """The family name a lone-name actor stands for: 'Assad', 'Mr Hague', 'President Assad' -> 'assad', 'hague'."""
    words = _words(name)
    honor = kb.name_words("honorific")
    while len(words) > 1 and (words[0] in honor or kb.is_role(words[0]) or kb.lookup(words[0]) is not None):
        words = words[1:]
    return re.sub(r"^(al|el|ad|as|ash|an)-", "", words[0]) if len(words) == 1 else None


def actor_checks(actors: list[dict[str, Any]]) -> dict[str, Any]:
    """Chrome actors, split people and type conflicts of one actors list."""
    people = {}
    for a in actors:
        fam = _family(a["name"]) if a["type"] == "person" and _bare(a["name"]) is None else None
        if fam and len(fam) > 2:
            people.setdefault(fam, []).append(a)
    strays: dict[str, list[dict[str, Any]]] = {}
    for a in actors:
        bare = _bare(a["name"])
        if bare and bare in people and all(a is not p for p in people[bare]):
            strays.setdefault(bare, []).append(a)
    split = [{"person": max(people[f], key=lambda p: p["mentions"])["name"],
              "strays": [f"{s['name']} ({s['type']}, {s['mentions']})" for s in ss],
              "stray_mentions": sum(s["mentions"] for s in ss)} for f, ss in strays.items()]
    split.sort(key=lambda s: -s["stray_mentions"])
    conflicts = []
    for a in actors:
        known = kb.lookup(a["name"])
        if known is not None and known.how in ("name", "alias") and TYPES.get(known.type, known.type) != a["type"]:
            conflicts.append(f"{a['name']} ({a['type']}; the table: {known.type})")
    chrome = [a["name"] for a in actors if chrome_name(a["name"], a["type"])]
    mixed = [f"{a['name']} <- {', '.join(m)}" for a in actors if a["type"] == "person" and (m := mixed_aliases(a))]
    return {"actors": len(actors), "chrome_actors": len(chrome), "split_people": len(split),
            "split_mentions": sum(s["stray_mentions"] for s in split), "type_conflicts": len(conflicts),
            "mixed_people": len(mixed),
            "actor_examples": {"chrome": chrome[:10], "split": split[:10], "type_conflicts": conflicts[:10],
                               "mixed": mixed[:10]}}


def mixed_aliases(person: dict[str, Any]) -> list[str]:
    """The aliases of a person that name someone else: capitalised, no title before a name, and no word of theirs a
    spelling of a word of the person's name ('Walden' for Osama bin Laden; 'Bin Laden' and 'Gadhafi' fit)."""
    own = [w.removeprefix("al-") for w in _words(person["name"])]
    honor = kb.name_words("honorific")
    out = []
    for alias in person["aliases"]:
        words = [w.removeprefix("al-") for w in _words(alias) if w not in honor and not kb.is_role(w)]
        if not alias[:1].isupper() or not words:
            continue
        if not any(spelling.variants(w, o) for w in words for o in own):
            out.append(alias)
    return out


def unlinked(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reference: every distinct name a mention was written with as an actor of its own, of its actor's type."""
    out = []
    for a in actors:
        names = a["aliases"] or [a["name"]]
        for n in names:
            out.append({"name": n, "type": a["type"], "mentions": max(1, a["mentions"] // len(names)),
                        "aliases": [n]})
    return out


def quote_checks(quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Shares of quotes whose speaker is a pronoun, and of quotes with no speaker."""
    n = len(quotes)
    pron = [q for q in quotes if (q.get("speaker") or "").strip().lower() in PRONOUNS]
    unknown = [q for q in quotes if not (q.get("speaker") or "").strip()]
    return {"quotes": n, "pronoun_speakers": round(len(pron) / n, 4) if n else 0.0,
            "unknown_speakers": round(len(unknown) / n, 4) if n else 0.0,
            "quote_examples": {"pronoun": [f"{q['speaker']}: {q['text'][:80]}" for q in pron[:5]]}}


def topic_figures(db: Path) -> dict[str, Any]:
    """The checks on one built store, read through the library API."""
    from storyline.api import Storyline

    with Storyline(db) as story:
        actors, quotes = story.actors(), story.quotes()
    ref = actor_checks(unlinked(actors))
    return {**actor_checks(actors), **quote_checks(quotes),
            "reference_unlinked": {k: ref[k] for k in ("actors", "chrome_actors", "split_people", "split_mentions",
                                                       "type_conflicts")}}


def _sum(figs: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over topics (shares weighted by quotes)."""
    if not figs:
        return {}
    q = sum(f["quotes"] for f in figs)
    return {"topics": len(figs), "actors": sum(f["actors"] for f in figs),
            "chrome_actors": sum(f["chrome_actors"] for f in figs),
            "split_people": sum(f["split_people"] for f in figs),
            "split_mentions": sum(f["split_mentions"] for f in figs),
            "type_conflicts": sum(f["type_conflicts"] for f in figs),
            "mixed_people": sum(f["mixed_people"] for f in figs), "quotes": q,
            "pronoun_speakers": round(sum(f["pronoun_speakers"] * f["quotes"] for f in figs) / q, 4) if q else 0.0,
            "unknown_speakers": round(sum(f["unknown_speakers"] * f["quotes"] for f in figs) / q, 4) if q else 0.0}


@app.command("actors")
def run(data: Path = DataOption, fmt: str = FormatOption,
        only: str = typer.Option("", "--topics", help="Comma-separated topic names to build (default: all)."),
        tune: str = typer.Option("", "--tune", help="Comma-separated topics tuned on; the rest are held out."),
        cache: Path = typer.Option(DEFAULT_CACHE, "--cache", help="Where built stores are cached (not the repo)."),
        rebuild: bool = typer.Option(False, "--rebuild", help="Build the stores again even when cached.")) -> None:
    """Actors and speakers of built Timeline17-layout topics: pronoun speakers, chrome actors, split people."""
    check_data(data)
    wanted = {t.strip().lower() for t in only.split(",") if t.strip()}
    tuned = {t.strip().lower() for t in tune.split(",") if t.strip()}
    chosen = [t for t in topics(data) if not wanted or t.name in wanted]
    if not chosen:
        err.print("no Timeline17-layout topic found")
        raise typer.Exit(2)
    per: dict[str, dict[str, Any]] = {}
    for t in chosen:
        err.print(f"{t.name}: building {sum(1 for f in t.folders for _ in (f / 'InputDocs').rglob('*.txt'))} articles")
        built = build_store(f"tls-{t.name}", dated_folder_articles(t.folders), cache, rebuild)
        per[t.name] = topic_figures(built.path)
    figures: dict[str, Any] = {"data": str(data), **_sum(list(per.values())),
                               "tuned": _sum([f for n, f in per.items() if n in tuned]),
                               "held_out": _sum([f for n, f in per.items() if n not in tuned]),
                               "reference_unlinked": {k: sum(f["reference_unlinked"][k] for f in per.values())
                                                      for k in ("actors", "chrome_actors", "split_people",
                                                                "split_mentions", "type_conflicts")},
                               "by_topic": per}
    rows = [{"topic": n, "actors": f["actors"], "chrome": f["chrome_actors"], "split people": f["split_people"],
             "split mentions": f["split_mentions"], "type conflicts": f["type_conflicts"],
             "mixed people": f["mixed_people"], "quotes": f["quotes"],
             "pronoun speakers": f["pronoun_speakers"], "unknown speakers": f["unknown_speakers"],
             "unlinked: split people": f["reference_unlinked"]["split_people"]} for n, f in per.items()]
    emit(figures, fmt, "actors", rows=rows)
