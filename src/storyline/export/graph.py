"""The actor network as GraphML (networkx): actors as nodes, events between them as weighted edges."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from storyline.api import Storyline
from storyline.export import exporter
from storyline.relations import CONFLICT, COOPERATION


def actor_graph(s: Storyline) -> nx.Graph:
    """Actors linked by the events they share: counts per PLOVER category, cooperation and conflict."""
    g = nx.Graph()
    for a in s.actors():
        g.add_node(a["name"], type=a["type"] or "", country=a["country"] or "", mentions=a["mentions"] or 0,
                   roles="; ".join(a["roles"] or []))
    edges: dict[tuple[str, str], Counter[str]] = {}
    for e in s.events():
        if e["negated"] or e["hypothetical"]:
            continue
        parties = list(dict.fromkeys(e["actors"] + e["recipients"]))
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                key = tuple(sorted((a, b)))
                edges.setdefault(key, Counter())[e["category"]] += 1  # type: ignore[index]
    for (a, b), counts in edges.items():
        for n in (a, b):
            if n not in g:
                g.add_node(n, type="", country="", mentions=0, roles="")
        g.add_edge(a, b, weight=sum(counts.values()), cooperation=sum(counts[c] for c in COOPERATION),
                   conflict=sum(counts[c] for c in CONFLICT),
                   categories="; ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
    return g


@exporter("graphml")
def write_graphml(s: Storyline, out: Path) -> list[Path]:
    """The actor network as one GraphML file."""
    path = out if out.suffix == ".graphml" else out / "actors.graphml"
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(actor_graph(s), path)
    return [path]
