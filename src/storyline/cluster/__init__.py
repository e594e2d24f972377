"""Cross-document clustering: one real-world event, many reports; a cluster's date repairs its members'."""

from storyline.cluster.core import assign

__all__ = ["assign"]
