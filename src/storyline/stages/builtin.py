"""The stages storyline ships: sentences, time expressions, actor mentions, quotations and events."""

from __future__ import annotations

from storyline import actors, events, nlp, quotes, timex
from storyline.records import Event, Mention, Quote, Sentence, TimeExpression
from storyline.stages import stage

stage("sentences", layer="sentences", record=Sentence)(nlp.sentences)
stage("timex", layer="timexes", record=TimeExpression)(timex.find)
stage("actors", layer="mentions", record=Mention)(actors.find)
stage("quotes", layer="quotes", record=Quote)(quotes.find)
stage("events", layer="events", record=Event)(events.code)
