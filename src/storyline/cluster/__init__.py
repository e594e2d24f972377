"""Cross-document clustering: one real-world event, many reports; a cluster's date repairs its members'."""

from storyline.cluster.core import StoredClusters, assign, filing
from storyline.cluster.index import Work
from storyline.cluster.similarity import TextSimilarity
from storyline.cluster.terms import TermStats

__all__ = ["assign", "filing", "StoredClusters", "TermStats", "TextSimilarity", "Work"]
