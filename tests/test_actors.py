"""Actors: the knowledge table, mentions with roles and affiliations, merging in a document and across the corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import need_shared

from storyline import actors, nlp
from storyline.actors import knowledge
from storyline.records import Document, Mention
from storyline.store import Store


def mentions_of(text: str, doc_id: str = "t") -> list[Mention]:
    """The actors stage on a text, with the real spaCy model."""
    doc = Document(id=doc_id, path=doc_id, kind="text", raw=text.encode(), text=text)
    return actors.find(doc, nlp.load()(text))


def by_text(ms: list[Mention], text: str) -> Mention:
    found = [m for m in ms if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in ms]}"
    return found[0]


# the knowledge table ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, code", [
    ("the Kremlin", "RUS"), ("Moscow", "RUS"), ("Beijing", "CHN"), ("Zhongnanhai", "CHN"), ("the White House", "USA"),
    ("the State Department", "USA"), ("the Pentagon", "USA"), ("Washington", "USA"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
    ("Downing Street", "GBR"), ("the Elysee", "FRA"), ("Brussels", "EU"), ("Tokyo", "JPN"), ("US", "USA"),
    ("the Russian Federation", "RUS"), ("the People\u2019s Republic of China", "CHN"), ("NATO", "NATO"),
    ("the United Nations", "UN"), ("IAEA", "IAEA"), ("G20", "G20"),
])
def test_names_and_metonyms_resolve_to_their_code(name: str, code: str) -> None:
    assert knowledge.lookup(name) is not None and knowledge.lookup(name).id == code


@pytest.mark.parametrize("word, code", [("Chinese", "CHN"), ("Russian", "RUS"), ("Ukrainian", "UKR"),
                                        ("Polish", "POL"), ("American", "USA"), ("British", "GBR")])
def test_demonyms_name_their_country(word: str, code: str) -> None:
    assert knowledge.demonym(word).id == code


@pytest.mark.parametrize("name", ["Donbass", "Donbas", "Zaporozhye", "Kherson", "Crimea", "Xinjiang", "Luhansk",
                                  "Donetsk", "Mariupol", "Kharkiv", "Bakhmut"])
def test_regions_are_places_not_people(name: str) -> None:
    e = knowledge.lookup(name)
    assert e is not None and e.type == "place" and e.country in ("UKR", "CHN")


def test_country_table_is_complete_and_consistent() -> None:
    kb = knowledge.load()
    countries = [e for e in kb.entities.values() if e.type == "country"]
    assert len(countries) >= 193
    assert all(len(e.id) == 3 and e.id.isupper() for e in countries)
    assert len(kb.alpha2) == len(countries) and kb.alpha2["RU"] == "RUS"


# mentions in one document -------------------------------------------------------------------------------------------
def test_titles_give_people_a_role_and_country() -> None:
    ms = mentions_of("Kremlin spokesman Dmitry Peskov told reporters on Thursday that the talks went well. "
                     "US Secretary of State Antony Blinken spoke with Ukrainian Foreign Minister Dmytro Kuleba. "
                     "White House spokeswoman Jen Psaki told reporters nothing had changed.")
    expected = {"Dmitry Peskov": ("spokesman", "RUS"), "Antony Blinken": ("Secretary of State", "USA"),
                "Dmytro Kuleba": ("Foreign Minister", "UKR"), "Jen Psaki": ("spokeswoman", "USA")}
    for name, (role, country) in expected.items():
        person = by_text(ms, name)
        assert person.label == "PERSON" and person.country == country and person.role == role
        title = next(m for m in ms if m.label == "ROLE" and m.end < person.start and m.actor == person.actor)
        assert title.role == role
    assert not any(m.text == "Kremlin" for m in ms), "the Kremlin of a title is not an actor of its own"


def test_apposition_gives_a_role() -> None:
    ms = mentions_of("Stacie Goddard, Professor of Political Science at Wellesley College, says the alliance is "
                     "meant to counter that idea.")
    assert by_text(ms, "Stacie Goddard").role == "Professor of Political Science"


def test_short_names_and_roles_merge_with_the_full_name() -> None:
    ms = mentions_of("Russian President Vladimir Putin and Chinese leader Xi Jinping held a video call on "
                     "Wednesday. Putin and Xi welcomed the relations, with the Russian leader praising them. "
                     "I really appreciate it, said the Chinese leader.")
    assert {m.actor for m in ms if m.text == "Xi"} == {"person:xi-jinping"}
    assert {m.actor for m in ms if m.text == "Putin"} == {"person:vladimir-putin"}
    assert by_text(ms, "the Russian leader").actor == "person:vladimir-putin"
    assert by_text(ms, "the Chinese leader").actor == "person:xi-jinping"
    assert by_text(ms, "the Chinese leader").label == "ROLE"


def test_unnamed_speakers_keep_their_affiliation() -> None:
    ms = mentions_of("A US spokesperson said the United States was concerned. \u201cWe are closely following "
                     "Beijing\u2019s steps,\u201d said the senior diplomat. On Thursday, a senior Biden "
                     "administration official said Russia had a plan.")
    for text in ("A US spokesperson", "the senior diplomat", "a senior Biden administration official"):
        m = by_text(ms, text)
        assert m.label == "ROLE" and m.actor == "USA", m
    assert actors.actor_name(by_text(ms, "the senior diplomat")) == "senior diplomat (United States)"
    assert by_text(ms, "Beijing").actor == "CHN"


def test_metonyms_and_mislabelled_places() -> None:
    ms = mentions_of("The Kremlin said Moscow would answer. She declared the need to protect the population of "
                     "Donbass from the Kyiv regime. Zaporozhye and Kherson regions were annexed. "
                     "The Biden administration is making the plan public.")
    assert by_text(ms, "The Kremlin").actor == "RUS"
    assert by_text(ms, "Moscow").actor == "RUS"
    assert by_text(ms, "Kyiv").actor == "UKR"
    assert by_text(ms, "The Biden administration").actor == "USA"
    for place in ("Donbass", "Zaporozhye", "Kherson"):
        m = by_text(ms, place)
        assert m.label != "PERSON" and m.actor.startswith("place:") and m.country == "UKR"


def test_helpers_find_mentions_and_names() -> None:
    text = "Chinese President Xi Jinping met Putin in Moscow."
    ms = mentions_of(text)
    xi = text.index("Jinping")
    assert actors.at(ms, xi, xi + 3).actor == "person:xi-jinping"
    assert actors.name_of("person:xi-jinping", ms) == "Xi Jinping"
    assert actors.name_of("RUS") == "Russia" and actors.name_of("USA") == "United States"
    assert [m.text for m in actors.within(ms, 0, text.index(" met"))] == ["Chinese President", "Xi Jinping"]
    assert actors.names([m.actor for m in ms]) == ["Xi Jinping", "Vladimir Putin", "Russia"]


# the corpus ---------------------------------------------------------------------------------------------------------
def test_catalogue_merges_across_documents_and_relinks_roles() -> None:
    ms = (mentions_of("Chilean President Gabriel Boric spoke to reporters.", "a")
          + mentions_of("Boric met Lula in Brasilia. The Chilean president said the talks were good.", "b"))
    cat = {a.id: a for a in actors.catalogue(ms)}
    boric = cat["person:gabriel-boric"]
    assert boric.name == "Gabriel Boric" and boric.country == "CHL" and boric.type == "person"
    assert boric.roles == ["President"]
    assert {"Boric", "Chilean President Gabriel Boric", "the Chilean president"} <= set(boric.aliases)
    links = actors.relink(ms)
    assert ("b", by_text(ms, "Boric").index, "person:gabriel-boric") in links
    assert ("b", by_text(ms, "The Chilean president").index, "person:gabriel-boric") in links


def test_seeds_catalogue_against_the_gold(seeds_db: Path) -> None:
    gold = json.loads(need_shared("gold", "seeds.json").read_text(encoding="utf-8"))
    with Store(seeds_db, read_only=True) as store:
        cat = store.actors()
    by_name = {a.name: a for a in cat}
    for name in ("Xi Jinping", "Vladimir Putin", "Dmitry Peskov", "Russia", "China", "United States"):
        actor = by_name[name]
        assert actor.country == gold["actors"][name]["country"]
        aliases = {a.lower() for a in actor.aliases}
        found = [a for a in gold["actors"][name]["aliases"] if a.lower() in aliases]
        assert len(found) >= len(gold["actors"][name]["aliases"]) - 1, (name, actor.aliases)
    assert "spokesman" in by_name["Dmitry Peskov"].roles
    people = {a.name for a in cat if a.type == "person"}
    assert not people & set(gold["places_mislabelled_as_people_by_a_plain_ner_model"])


def test_cli_actors_json(seeds_db: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "storyline.cli", "actors", "--db", str(seeds_db), "--format", "json"],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    rows = json.loads(out)
    assert rows and {"id", "name", "type", "country", "roles", "aliases", "mentions"} <= set(rows[0])
    xi = next(r for r in rows if r["name"] == "Xi Jinping")
    assert xi["type"] == "person" and xi["country"] == "CHN" and xi["mentions"] >= 10


def test_well_known_people_keep_one_id_across_spellings() -> None:
    ms = mentions_of("Volodymyr Zelenskyy spoke on Monday. Later, Putin said the Russian president would not "
                     "attend.")
    assert by_text(ms, "Volodymyr Zelenskyy").actor == "person:volodymyr-zelensky"
    assert by_text(ms, "Putin").actor == "person:vladimir-putin" and by_text(ms, "Putin").country == "RUS"
    assert by_text(ms, "the Russian president").actor == "person:vladimir-putin"


def test_short_capitals_match_case_sensitively() -> None:
    assert knowledge.lookup("us") is None and knowledge.lookup("who") is None
    assert knowledge.lookup("Arab") is None or knowledge.lookup("Arab").id != "ARAB"
    assert knowledge.lookup("WHO").id == "WHO" and knowledge.lookup("Nato").id == "NATO"


def test_titles_with_for_and_government_bodies() -> None:
    ms = mentions_of("Swiss State Secretary for Economic Affairs Anna Keller hosted the talks. Beijing's Foreign "
                     "Ministry said it expected Washington to honour its commitments. Jon Smith, a foreign "
                     "correspondent for more than 20 years, disagreed.")
    keller = by_text(ms, "Anna Keller")
    assert keller.role == "State Secretary for Economic Affairs" and keller.country == "CHE"
    assert by_text(ms, "Foreign Ministry").actor == "CHN"
    assert by_text(ms, "Jon Smith").role == "foreign correspondent"


def test_possessive_titles_and_table_priors() -> None:
    ms = mentions_of("Ukraine's President Volodymyr Zelensky said talks failed. Foreign Minister Sergei Lavrov "
                     "disagreed.")
    zelensky = by_text(ms, "Volodymyr Zelensky")
    assert zelensky.role == "President" and zelensky.country == "UKR"
    lavrov = by_text(ms, "Sergei Lavrov")  # the text gives the role, the shipped table the country
    assert lavrov.role == "Foreign Minister" and lavrov.country == "RUS"


def test_one_row_per_known_person_office_holders_from_the_office_table() -> None:
    """People of lang/en/people.tsv and office-holders of data/knowledge are one table: nobody twice, and a
    surname or full name that two known people share ('Bush', 'George Bush') names neither."""
    kb = knowledge
    names = [kb.slug(name) for name, *_ in kb.known_people()]
    assert len(names) == len(set(names))
    assert kb.person("Ban Ki Moon").name == "Ban Ki-moon" and kb.person("Ban Ki Moon").country is None
    assert kb.person("Zelenskiy").name == "Volodymyr Zelensky" and kb.person("Hague").country == "GBR"
    assert kb.person("Bush") is None and kb.person("George Bush") is None
    assert kb.person("George W. Bush").name == "George W. Bush" and kb.person("Qaddafi").name == "Muammar Gaddafi"


def test_site_credits_and_town_country_runs_are_no_people() -> None:
    """'Example.com Haiti : ...' in a list of links is a site's credit before a country; 'in Berriew Wales' is a
    village and its nation (tokenized text without the comma), not a person."""
    ms = mentions_of("More headlines: Example.com Haiti : a race to survive - 21 hrs ago . "
                     "Her grandmother was born in Llanfair Wales in 1889 .")
    assert not any(".com" in m.text for m in ms)
    assert by_text(ms, "Haiti").actor == "HTI"
    assert not any(m.label == "PERSON" and "Wales" in m.text for m in ms)
    assert by_text(ms, "Wales").label == "GPE"


def test_an_actor_page_holds_the_events_naming_it_and_its_quotations(seeds_db: Path) -> None:
    import storyline

    with storyline.open(str(seeds_db)) as story:
        everyone, all_events, all_quotes = story.actors(), story.events(), story.quotes()
        for actor in everyone:
            name = actor["name"].lower()
            page = story.actor(actor["id"])
            assert page is not None and page["actor"] == actor
            assert [e["id"] for e in page["events"]] == \
                [e["id"] for e in all_events if name in {p.lower() for p in e["actors"] + e["recipients"]}]
            assert page["quotes"] == [q for q in all_quotes
                                      if q["actor"] == actor["id"] or (q["speaker"] or "").lower() == name]
        assert story.actor("person:nobody-of-that-name") is None
    putin = next(a for a in everyone if a["name"] == "Vladimir Putin")
    with storyline.open(str(seeds_db)) as story:
        page = story.actor(putin["id"])
    assert page is not None and page["events"] and page["quotes"]
