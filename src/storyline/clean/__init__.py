"""Turn a Raw record into a clean Document: main text, title, dates printed in the chrome, language."""

from storyline.clean.core import clean, content_hash

__all__ = ["clean", "content_hash"]
