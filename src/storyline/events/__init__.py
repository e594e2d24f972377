"""Events: sentence-level PLOVER coding with actors, recipients and the time expression that dates them.

The coder is pluggable: `Coder` (events.coder) is the protocol, `register(name)` adds one, and
Settings.event_coder picks it ('rules', the CPU default; 'openai', an OpenAI-compatible endpoint).
"""

from storyline.events.coder import CODERS, Coder, get_coder, register
from storyline.events.core import code

__all__ = ["code", "Coder", "CODERS", "register", "get_coder"]
