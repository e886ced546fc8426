"""Similar works, flagged for the commission with the passages they share (issue 11): never a
ground for refusal, a flag for people to judge.

Each work's text is normalised (lower case, «ё» as «е», words only), cut into shingles of
``SHINGLE`` consecutive words and summarised by a MinHash (datasketch); a MinHash LSH index
finds the pairs whose estimated Jaccard similarity reaches ``THRESHOLD`` among the works of the
session and of the earlier sessions of the same regulation. For each pair found, the shared
passages of at least ``PASSAGE_WORDS`` words are taken from the two texts (difflib) and shown
in the first text's own words.

Russian words are lemmatised before shingling (pymorphy3 with its Russian dictionaries: the
first parse's normal form), so a copy with changed word forms («государственные служащие
обязаны» / «государственным служащим обязано») still shares its shingles. Kazakh words (those
with the letters of the Kazakh alphabet that Russian lacks) are kept as written: no well-kept
Kazakh lemmatiser is published on PyPI.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash, MinHashLSH

from rezerv.works.measures import WORD

SHINGLE = 3
PERMUTATIONS = 128
THRESHOLD = 0.5
PASSAGE_WORDS = 8
SEED = 11
SCHEME = "affine32"  # datasketch 2's hashing scheme: a stored signature names it on reading


@dataclass(frozen=True)
class Match:
    a: int
    b: int
    similarity: float
    passages: list[str]


RUSSIAN = re.compile(r"^[а-я-]+$")  # after lower case and «ё» as «е»


def words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in WORD.findall(text)]


@functools.cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A Russian word's normal form; any other word (Kazakh, Latin, a number) as it is."""
    if not RUSSIAN.match(word):
        return word
    return str(_morph().parse(word)[0].normal_form).replace("ё", "е")


def lemmas(text: str) -> list[str]:
    return [lemma(w) for w in words(text)]


def _minhash(tokens: Sequence[str]) -> MinHash:
    mh = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME)
    grams = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def signature(text: str) -> list[int]:
    """The work's MinHash, stored with it so that a comparison does not hash it again
    (an empty list: a text without words)."""
    tokens = lemmas(text)
    return [int(v) for v in _minhash(tokens).hashvalues] if tokens else []


def _of(text: str, stored: list[int] | None) -> MinHash | None:
    if stored is not None and len(stored) == PERMUTATIONS:
        return MinHash(num_perm=PERMUTATIONS, seed=SEED, hashvalues=stored, scheme=SCHEME)
    tokens = lemmas(text)
    return _minhash(tokens) if tokens else None


def passages(a: Sequence[str], b: Sequence[str], least: int = PASSAGE_WORDS) -> list[str]:
    """The runs of at least ``least`` words the two texts share, their lemmas compared, each in
    the words of ``a``."""
    matcher = difflib.SequenceMatcher(
        None, [lemma(w) for w in a], [lemma(w) for w in b], autojunk=False
    )
    return [
        " ".join(a[block.a : block.a + block.size])
        for block in matcher.get_matching_blocks()
        if block.size >= least
    ]


def similar(
    texts: dict[int, str],
    current: Iterable[int],
    threshold: float = THRESHOLD,
    signatures: dict[int, list[int]] | None = None,
) -> list[Match]:
    """Pairs of similar works, at least one of them in ``current`` (the session's works);
    ``texts``: every work compared, by id; ``signatures``: their stored MinHashes, where known."""
    stored = signatures or {}
    found = {key: _of(text, stored.get(key)) for key, text in texts.items()}
    hashes = {key: mh for key, mh in found.items() if mh is not None}
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    for key, mh in hashes.items():
        lsh.insert(key, mh)
    seen: set[tuple[int, int]] = set()
    out: list[Match] = []
    for key in current:
        if key not in hashes:
            continue
        for other in lsh.query(hashes[key]):
            pair = (min(key, other), max(key, other))
            if other == key or pair in seen:
                continue
            seen.add(pair)
            score = hashes[pair[0]].jaccard(hashes[pair[1]])
            if score < threshold:
                continue
            shared = passages(words(texts[pair[0]]), words(texts[pair[1]]))
            out.append(Match(pair[0], pair[1], round(score, 2), shared))
    return sorted(out, key=lambda m: -m.similarity)
