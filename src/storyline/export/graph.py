"""The actor network as GraphML (networkx): actors as nodes, and an edge from an actor to a recipient per PLOVER
category with the count of events; `ties` folds it into undirected ties for the relations page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from storyline.api import Storyline
from storyline.export import exporter
from storyline.relations import CONFLICT, COOPERATION


def actor_graph(s: Storyline) -> nx.MultiDiGraph:
    """Actors, and for each actor -> recipient pair one edge per PLOVER category (key) with its count of events
    (negated and hypothetical events left out)."""
    g = nx.MultiDiGraph()
    for a in s.actors():
        g.add_node(a["name"], type=a["type"] or "", country=a["country"] or "", mentions=a["mentions"] or 0,
                   roles="; ".join(a["roles"] or []))
    counts: Counter[tuple[str, str, str]] = Counter()
    for e in s.events():
        if e["negated"] or e["hypothetical"]:
            continue
        for actor in dict.fromkeys(e["actors"]):
            for recipient in dict.fromkeys(e["recipients"]):
                if recipient != actor:
                    counts[(actor, recipient, e["category"])] += 1
    for (actor, recipient, category), n in sorted(counts.items()):
        for name in (actor, recipient):
            if name not in g:
                g.add_node(name, type="", country="", mentions=0, roles="")
        g.add_edge(actor, recipient, key=category, category=category, count=n,
                   relation="cooperation" if category in COOPERATION else "conflict" if category in CONFLICT else "")
    return g


def ties(g: nx.MultiDiGraph) -> nx.Graph:
    """The network without direction or category: one edge per pair with its events (weight), and how many of
    them are cooperation and conflict."""
    out = nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    for a, b, d in g.edges(data=True):
        if not out.has_edge(a, b):
            out.add_edge(a, b, weight=0, cooperation=0, conflict=0)
        tie = out.edges[a, b]
        tie["weight"] += d["count"]
        if d["relation"]:
            tie[d["relation"]] += d["count"]
    return out


@exporter("graphml")
def write_graphml(s: Storyline, out: Path) -> list[Path]:
    """The actor network as one GraphML file: directed, an edge per actor, recipient and category."""
    path = out if out.suffix == ".graphml" else out / "actors.graphml"
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(actor_graph(s), path)
    return [path]
