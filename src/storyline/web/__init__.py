"""The local, read-only web app: timeline, events, actors, relationships, search."""

from storyline.web.app import create_app

__all__ = ["create_app"]
