"""A coder that asks a language model behind an OpenAI-compatible chat endpoint (configured by the user: base URL
and model in Settings or the STORYLINE_LLM_* environment variables; an API key only from the environment).

It is never the default and never called by the tests except against a local fake server. It sends one sentence
and the actor names found in it, and reads back a JSON list of events.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from dataclasses import dataclass
from typing import Any

from storyline.events.coder import Coder, register
from storyline.events.lexicon import CATEGORIES
from storyline.records import Event, Mention, Sentence
from storyline.settings import Settings

PROMPT = """You code political events in news sentences with the PLOVER 2.0 ontology.
Categories: {categories}.
Rules: the actor does the act and the recipient undergoes it; a meeting of equals lists every party as an actor
with no recipient; a visit has the visitor as actor and the host as recipient; CONSULT modes are phone, visit,
third-party, multilateral. Mark negated, hypothetical (if, would, could, alleged) and future (will, plans to) events.
Use the actor names given when they apply.
Answer with JSON only: {{"events": [{{"category": "...", "mode": null, "actors": ["..."], "recipients": ["..."],
"trigger": "...", "negated": false, "hypothetical": false, "future": false}}]}} and {{"events": []}} when the
sentence reports no event."""


@dataclass
class OpenAICoder:
    """PLOVER coding by an LLM behind an OpenAI-compatible /chat/completions endpoint."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    name: str = "openai"

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAICoder:
        """The coder the settings (or STORYLINE_LLM_BASE_URL, _MODEL, _API_KEY) configure."""
        base = getattr(settings, "event_llm_base_url", None) or os.environ.get("STORYLINE_LLM_BASE_URL")
        model = getattr(settings, "event_llm_model", None) or os.environ.get("STORYLINE_LLM_MODEL")
        if not base or not model:
            raise ValueError("the openai event coder needs a base URL and a model: set event_llm_base_url and "
                             "event_llm_model, or STORYLINE_LLM_BASE_URL and STORYLINE_LLM_MODEL")
        return cls(base_url=base.rstrip("/"), model=model, api_key=os.environ.get("STORYLINE_LLM_API_KEY"),
                   timeout=float(getattr(settings, "event_llm_timeout", 60.0)))

    def messages(self, sentence: Sentence) -> list[dict[str, str]]:
        """The chat messages for one sentence."""
        names = sorted({p.name for p in sentence.mentions if p.name})
        user = f"Sentence: {sentence.text}\nActors named in it: {', '.join(names) or 'none found'}"
        return [{"role": "system", "content": PROMPT.format(categories=", ".join(CATEGORIES))},
                {"role": "user", "content": user}]

    def ask(self, messages: list[dict[str, str]]) -> str:
        """The model's answer text."""
        body = json.dumps({"model": self.model, "messages": messages, "temperature": 0}).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        req = urllib.request.Request(f"{self.base_url}/chat/completions", data=body, headers=headers, method="POST")
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - the user's own endpoint
            data = json.loads(resp.read().decode("utf-8"))
        return data["choices"][0]["message"]["content"]

    def code(self, sentence: Sentence) -> list[Event]:
        """The events of one sentence, as the model codes them."""
        return parse_answer(self.ask(self.messages(sentence)), sentence)


@register("openai")
def from_settings(settings: Settings) -> Coder:
    """The coder the settings (or STORYLINE_LLM_BASE_URL, _MODEL, _API_KEY) configure: `event_coder = "openai"`."""
    return OpenAICoder.from_settings(settings)


def _mention(name: str, sentence: Sentence) -> Mention:
    """A name from the model's answer, tied to the sentence's mention of that name when there is one."""
    for p in sentence.mentions:
        if (p.name or "").lower() == name.lower() or p.text.lower() == name.lower():
            return p
    at = sentence.text.lower().find(name.lower())
    start = sentence.start + max(at, 0)
    return Mention(text=name, name=name, start=start, end=start + (len(name) if at >= 0 else 0), label="")


def parse_answer(text: str, sentence: Sentence) -> list[Event]:
    """The events of a model's JSON answer; anything malformed is dropped."""
    m = re.search(r"\{.*\}", text, re.S)
    if not m:
        return []
    try:
        data: Any = json.loads(m.group(0))
    except json.JSONDecodeError:
        return []
    out = []
    for ev in data.get("events", []) if isinstance(data, dict) else []:
        cat = str(ev.get("category", "")).upper()
        if cat not in CATEGORIES:
            continue
        out.append(Event(
            category=cat, mode=ev.get("mode") or None,
            actor_mentions=[_mention(str(a), sentence) for a in ev.get("actors") or []],
            recipient_mentions=[_mention(str(r), sentence) for r in ev.get("recipients") or []],
            trigger=str(ev.get("trigger") or ""), negated=bool(ev.get("negated")),
            hypothetical=bool(ev.get("hypothetical")), future=bool(ev.get("future"))))
    return out
