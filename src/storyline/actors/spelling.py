"""Spellings of one name: transliteration variants ('Gadhafi', 'Gaddafi', 'Qaddafi', 'Kadhafi') and particles
('Bashar al-Assad', 'Bashar Assad'); first names may differ by two letters when they sound alike and the family
names match ('Muammar'/'Moammar', 'Nouri'/'Nuri'; never 'Janet'/'James') or one is the other's start ('Ed'/'Edward',
'Chris'/'Christopher').

A name's skeleton keeps its consonants as they sound (q, c, g and k alike; 'dh' as 'd', 'ph' as 'f'; doubled letters
once; a 'w' counts unless it follows a vowel); two words are variants when their skeletons match, they start alike and differ by at most two letters. Short
skeletons (fewer than three consonants) never match by sound: 'Ban' and 'Bin' stay apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.actors import knowledge as kb

PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "ar", "an", "bin", "ibn", "ben", "de", "da", "van", "von", "der",
                       "la", "le", "di", "du", "jr", "sr"})
MIN_CONSONANTS = 3
MAX_EDITS = 2


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonants of a word as they sound: 'gaddafi', 'qadhafi', 'kadhafi' -> 'kdf'."""
    w = re.sub(r"[^a-z]", "", kb.fold(word).lower())
    w = w.replace("ph", "f").replace("kh", "k").replace("gh", "g").replace("ck", "k")
    w = re.sub(r"(?<=[bcdfgjklmnpqrstvwxz])h", "", w)  # 'dh', 'th' after a consonant: the h is a spelling
    w = w.translate(str.maketrans("qcgzj", "kkksy"))
    w = re.sub(r"(?<=[aeiou])w", "", w)  # 'ow', 'aw' spell a vowel ('Rowhani'); a 'w' elsewhere is a sound of its
    w = re.sub(r"[aeiouyh]", "", w)  # own: 'Walden' is no 'Laden', 'Cornwell' no 'Cornell'
    return re.sub(r"(.)\1+", r"\1", w)


def key(word: str) -> str:
    """A bucket for words that may be variants of each other: the skeleton, or the word itself when the skeleton is
    too short to match by sound."""
    w = kb.fold(word).lower()
    sk = skeleton(w)
    return sk if len(sk) >= MIN_CONSONANTS else "=" + w


def _edits(a: str, b: str) -> int:
    """Levenshtein distance between two short words."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def variants(a: str, b: str) -> bool:
    """Whether two words are spellings of one name ('Gadhafi'/'Qaddafi', 'Muammar'/'Moammar'), or the same word."""
    a, b = kb.fold(a).lower(), kb.fold(b).lower()
    if a == b:
        return True
    sa = skeleton(a)
    if len(sa) < MIN_CONSONANTS or sa != skeleton(b):
        return False
    return _edits(a, b) <= MAX_EDITS


def words(actor: str) -> list[str]:
    """The words of a person id without particles: 'person:bashar-al-assad' -> ['bashar', 'assad']."""
    parts = actor.removeprefix("person:").split("-")
    kept = [w for w in parts if w not in PARTICLES]
    return kept or parts


def same_person(a: str, b: str) -> bool:
    """Whether two full-name person ids are spellings of one name: first and last words are variants."""
    wa, wb = words(a), words(b)
    if len(wa) < 2 or len(wb) < 2:
        return False
    first_a, first_b = kb.fold(wa[0]).lower(), kb.fold(wb[0]).lower()
    first = variants(first_a, first_b) or (first_a[:1] == first_b[:1] and skeleton(first_a) == skeleton(first_b)
                                           and _edits(first_a, first_b) <= MAX_EDITS)  # 'Nouri'/'Nuri', never
    short, long = sorted((first_a, first_b), key=len)  # 'Janet'/'James'; a short form: 'Chris'/'Christopher'
    return (first or (len(short) >= 2 and long.startswith(short))) and variants(wa[-1], wb[-1])


def fits(word: str, full: str) -> bool:
    """Whether a lone name is the first or last name of a full-name id, in any spelling ('Gaddafi' and
    'person:muammar-gadhafi'); 'Assad' fits 'person:bashar-al-assad'."""
    ws = words(full)
    w = word.removeprefix("al-").removeprefix("el-")
    return any(variants(w, x) for x in (ws[0], ws[-1]))
