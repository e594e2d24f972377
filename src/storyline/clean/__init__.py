"""Turn a Raw record into a clean Document: main text, title, dates printed in the chrome, language."""

from storyline.clean.core import clean

__all__ = ["clean"]
