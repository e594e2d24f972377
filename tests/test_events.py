"""PLOVER event coding: categories, flags, actor rules, modes, the coder registry and the PLOVER export."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest

from storyline import nlp
from storyline.events.coder import Coder, coders, get_coder
from storyline.events.core import code, code_span
from storyline.events.rules import RuleCoder
from storyline.export.plover import record, write
from storyline.records import Document, Event
from storyline.settings import DEFAULT


def coded(text: str) -> list[Event]:
    """Every event coded in a one-sentence text, the main one first."""
    sdoc = nlp.load()(text)
    return code_span(next(iter(sdoc.sents)))


def main(text: str) -> Event:
    events = coded(text)
    assert events, f"no event coded in {text!r}"
    return events[0]


def names(parties) -> list[str]:
    return [p.name for p in parties if p.named]


@pytest.mark.parametrize("text, category", [
    ("Germany and France agreed to cooperate on energy security.", "AGREE"),
    ("The Chinese foreign minister met his Indian counterpart in New Delhi.", "CONSULT"),
    ("The Kenyan government praised the peace deal signed by the rival factions.", "SUPPORT"),
    ("The junta lifted the ban on opposition parties.", "CONCEDE"),
    ("Japan and Australia held joint military exercises off Darwin.", "COOPERATE"),
    ("The European Union sent humanitarian aid to flood victims in Pakistan.", "AID"),
    ("Rebels released twelve hostages on Sunday.", "RETREAT"),
    ("The opposition demanded the resignation of the interior minister.", "REQUEST"),
    ("Human rights groups accused the army of torturing detainees.", "ACCUSE"),
    ("Iran rejected the proposal to suspend uranium enrichment.", "REJECT"),
    ("North Korea threatened to strike American bases in Guam.", "THREATEN"),
    ("Thousands of students protested in Santiago against tuition fees.", "PROTEST"),
    ("Washington imposed new sanctions on Venezuelan oil exports.", "SANCTION"),
    ("Russia massed tens of thousands of troops near the Ukrainian border.", "MOBILIZE"),
    ("Police arrested dozens of opposition activists in Minsk.", "COERCE"),
    ("Israeli jets bombed targets in southern Lebanon overnight.", "ASSAULT"),
])
def test_category_of_written_sentences(text: str, category: str) -> None:
    assert main(text).category == category


@pytest.mark.parametrize("text, category", [
    ("The army said it would arrest anyone who violates the curfew.", "THREATEN"),
    ("The opposition pulled out of the talks.", "SANCTION"),
    ("China lodged a formal protest with Japan over the visit.", "ACCUSE"),
    ("Protesters demanded the resignation of the prime minister.", "PROTEST"),
    ("The union said the workers will not end the strike.", "REJECT"),
    ("Hundreds of British peacekeepers arrived in Mali.", "AID"),
    ("India held naval exercises with Japan in the Bay of Bengal.", "COOPERATE"),
    ("Hackers attacked government websites in Estonia.", "COERCE"),
    ("The army withdrew from positions around the capital under the ceasefire deal.", "RETREAT"),
    ("The government offered concessions to the striking teachers.", "AGREE"),
    ("The two sides will hold talks in Geneva next week.", "AGREE"),
    ("The strike was called off after the government raised wages.", "CONCEDE"),
    ("The Foreign Ministry cancelled a planned visit to Washington.", "SANCTION"),
    ("Russia's president said Israel must end its attacks on Syria.", "REQUEST"),
    ("Police took the suspect into custody.", "COERCE"),
    ("The United States cut tariffs on Chinese goods.", "RETREAT"),
    ("Iran said it would retaliate against any attack.", "THREATEN"),
    ("The minister said Chile must be ready to negotiate with Bolivia.", "REQUEST"),
    ("The envoy issued a reminder to Serbia that it must withdraw its police from Kosovo.", "REQUEST"),
    ("Kenya said it will pull its troops out of Somalia unless the donors pay their salaries.", "THREATEN"),
    ("Farmers blocked highways near Lyon to demand lower fuel taxes.", "PROTEST"),
    ("Nurses marched through Nairobi to demand back pay.", "PROTEST"),
    ("Students outside the courthouse blocked the main road for two hours.", "PROTEST"),
    ("Riot police stopped the march before it reached the square.", "COERCE"),
    ("Egypt has been sharing expertise with Sudan on water management.", "COOPERATE"),
    ("Militias in the region were engaged in ethnic cleansing of Kurdish villages.", "ASSAULT"),
])
def test_constructions_read_as_plover_and_cameo_do(text: str, category: str) -> None:
    """Announced force is a threat, a cut relation a sanction, an ended protest a concession, and so on."""
    assert main(text).category == category


def test_a_purpose_clause_is_done_by_the_subject_of_the_clause_it_serves() -> None:
    ev = main("The African Union dispatched an envoy to Harare to investigate the killings.")
    assert ev.category == "ACCUSE" and names(ev.actor_mentions) == ["African Union"]


def test_ruled_is_no_denial_but_ruled_out_is() -> None:
    assert not main("The junta ruled that Chad had been sharing intelligence with France.").negated
    assert main("Sweden ruled out sending troops to Libya.").negated or \
        main("Sweden ruled out sending troops to Libya.").category == "REJECT"


def test_a_sense_that_is_no_event_is_not_coded() -> None:
    assert all(e.category != "RETREAT" for e in coded("The militants released a video of the captured soldiers."))
    assert main("The militants released two hostages.").category == "RETREAT"


def test_actor_and_recipient_from_the_parse() -> None:
    ev = main("Human rights groups accused Ethiopia of blocking aid to Tigray.")
    assert ev.category == "ACCUSE"
    assert names(ev.recipient_mentions) == ["Ethiopia"]
    ev = main("Russian forces attacked Ukraine on Thursday.")
    assert ev.category == "ASSAULT" and names(ev.actor_mentions) == ["Russia"] and names(ev.recipient_mentions) == ["Ukraine"]


def test_denied_invasion_is_negated_not_asserted() -> None:
    events = coded("Moscow has denied that it is planning to invade Ukraine.")
    assault = [e for e in events if e.category == "ASSAULT"]
    assert assault and all(e.negated for e in assault)
    assert names(assault[0].actor_mentions) == ["Russia"] and names(assault[0].recipient_mentions) == ["Ukraine"]


def test_conditional_and_would_are_hypothetical() -> None:
    events = coded("Russia would face painful sanctions if it invaded Ukraine again.")
    by_cat = {e.category: e for e in events}
    assert by_cat["ASSAULT"].hypothetical and not by_cat["ASSAULT"].negated
    assert by_cat["SANCTION"].hypothetical
    assert names(by_cat["SANCTION"].recipient_mentions) == ["Russia"]


def test_plans_and_will_are_future_but_a_plain_act_is_not() -> None:
    assert main("Xi Jinping will begin a visit to Russia on Monday.").future
    assert main("Turkey plans to invade northern Syria.").future
    plain = main("Xi Jinping visited Russia on Monday.")
    assert not (plain.future or plain.negated or plain.hypothetical)


def test_announced_plans_to_deploy_is_an_act_of_the_announcer() -> None:
    ev = main("The United States on Wednesday announced plans to send another 2,000 troops to Europe.")
    assert ev.category == "MOBILIZE" and names(ev.actor_mentions) == ["United States"] and not ev.future


def test_meeting_of_equals_lists_every_party_as_actor() -> None:
    ev = main("Xi Jinping and Vladimir Putin held talks in Beijing on Friday.")
    assert ev.category == "CONSULT"
    assert names(ev.actor_mentions) == ["Xi Jinping", "Vladimir Putin"] and names(ev.recipient_mentions) == []
    assert ev.location == "Beijing"
    ev = main("The White House played down a meeting between Xi Jinping and Vladimir Putin.")
    assert ev.category == "CONSULT" and names(ev.actor_mentions) == ["Xi Jinping", "Vladimir Putin"]


def test_visit_has_the_visitor_as_actor_and_the_host_as_recipient() -> None:
    ev = main("Chinese President Xi Jinping will begin a visit to Russia on Monday at the invitation of Vladimir Putin.")
    assert ev.category == "CONSULT" and ev.mode == "visit"
    assert names(ev.actor_mentions) == ["Xi Jinping"]
    assert set(names(ev.recipient_mentions)) == {"Russia", "Vladimir Putin"}
    hosted = main("Emmanuel Macron hosted Olaf Scholz in Paris.")
    assert hosted.mode == "visit" and names(hosted.actor_mentions) == ["Olaf Scholz"]
    assert names(hosted.recipient_mentions)[0] == "Emmanuel Macron"


def test_phone_call_mode_actor_and_recipient() -> None:
    ev = main("On Thursday, the head of the Chinese Foreign Ministry Qin Gang spoke by phone with his Ukrainian "
              "counterpart Dmytro Kuleba.")
    assert (ev.category, ev.mode) == ("CONSULT", "phone")
    assert names(ev.actor_mentions) == ["Qin Gang"] and names(ev.recipient_mentions) == ["Dmytro Kuleba"]
    ev = main("Putin and Biden met virtually to discuss Ukraine.")
    assert ev.mode == "phone" and set(names(ev.actor_mentions)) == {"Putin", "Biden"}


@pytest.mark.parametrize("text, mode", [
    ("Government troops shelled rebel positions with artillery near Aleppo.", "heavy-weapons"),
    ("A car bomb exploded outside the ministry in Kabul.", "explosives"),
    ("Gunmen shot three policemen in Karachi.", "firearms"),
    ("Workers went on hunger strike in Lagos.", "hunger"),
    ("Police arrested four journalists in Istanbul.", "arrest"),
])
def test_modes(text: str, mode: str) -> None:
    assert main(text).mode == mode


def test_refused_cooperation_is_a_rejection() -> None:
    ev = main("The United States will not lift the embargo on Cuba.")
    assert ev.category == "REJECT" and not ev.negated


def test_document_coding_gives_events_with_provenance_and_timex() -> None:
    from storyline.timex import tag

    text = ("Kremlin talks. Russian President Vladimir Putin and Chinese leader Xi Jinping held a video call on "
            "Wednesday. Officials said nothing else.")
    doc = Document(id="d1", path="d1.txt", kind="text", raw=b"", text=text)
    sdoc = nlp.load()(text)
    tx = tag(sdoc, doc.id)
    events = code(replace(doc, timexes=tx), sdoc, DEFAULT)
    assert len(events) == 1
    ev = events[0]
    assert ev.category == "CONSULT" and ev.mode == "phone"
    assert ev.doc == "d1" and text[ev.start:ev.end] == ev.text and ev.sentence == 1
    assert "video call" in ev.text
    wednesday = [t for t in tx if t.text == "Wednesday"]
    assert len(wednesday) == 1 and ev.timex == wednesday[0].index  # the event points at the day it happened


def test_coder_registry_and_settings() -> None:
    assert isinstance(get_coder(DEFAULT), RuleCoder)
    assert isinstance(get_coder(DEFAULT), Coder)
    assert {"rules", "openai"} <= set(coders())
    with pytest.raises(ValueError):
        get_coder(DEFAULT.with_(event_coder="nonesuch"))
    with pytest.raises(ValueError):  # the LLM coder needs a base URL and a model
        get_coder(DEFAULT.with_(event_coder="openai", event_llm_base_url=None, event_llm_model=None))


def test_plover_export_format() -> None:
    ev = Event(id="doc#s1e0", doc="doc", sentence=1, start=10, end=60, text="Xi and Putin held talks in Beijing.",
               category="CONSULT", mode="phone", actors=["Xi Jinping", "Russia"], recipients=["Ukraine"],
               location="Beijing", trigger="held talks", future=True)
    from dataclasses import asdict

    buf = io.StringIO()
    assert write([asdict(ev)], buf) == 1
    lines = buf.getvalue().splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["event_type"] == "CONSULT" and rec["mode"] == "phone"
    assert rec["actor"] == ["Xi Jinping", "Russia"] and rec["actor_code"][1] == "RUS"
    assert rec["recipient"] == ["Ukraine"] and rec["recipient_code"] == ["UKR"]
    assert rec["source"] == {"document": "doc", "sentence": 1, "start": 10, "end": 60}
    assert rec["future"] is True and rec["event_date"] is None and rec["version"].startswith("PLOVER")
    assert set(record(asdict(ev))) >= {"id", "event_type", "mode", "context", "event_date", "actor", "recipient",
                                       "text", "event_text"}


def test_strike_a_tone_is_no_attack_but_missiles_striking_a_city_is() -> None:
    def categories(text: str) -> list[str]:
        doc = Document(id="x", path="x", kind="text", raw=b"", text=text)
        return [e.category for e in code(doc, nlp.load()(text))]

    assert "ASSAULT" not in categories("Vice Commerce Minister Zhao Liming struck a similar tone.")
    assert "ASSAULT" in categories("Russian missiles struck Kyiv on Monday.")
