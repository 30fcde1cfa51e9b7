"""Near-duplicate articles: MinHash signatures and an LSH index (datasketch).

A signature is 128 MinHash values over the word 5-shingles of the lower-cased text with
punctuation removed, from a fixed seed: the same text always gives the same plain ints,
so a signature can be stored, pickled and compared across processes and runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

NUM_PERM = 128
SEED = 20250622
SHINGLE = 5
THRESHOLD = 0.7
SCHEME = "affine32"  # datasketch's permutation scheme, pinned: stored signatures depend on it
_WORD = re.compile(r"[^\W_]+")
BATCH = 4096  # shingles hashed together (each batch is a BATCH × NUM_PERM array)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The word ``size``-grams of the text, lower-cased, without punctuation.

    A text shorter than ``size`` words is one shingle; an empty text has none.
    """
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _minhash(hashvalues: Sequence[int] | None = None) -> Any:
    from datasketch import LeanMinHash, MinHash

    if hashvalues is None:
        return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    import numpy as np

    return LeanMinHash(seed=SEED, hashvalues=np.asarray(hashvalues, dtype=np.uint64), scheme=SCHEME)


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of a text: ``NUM_PERM`` plain ints, deterministic."""
    minhash = _minhash()
    pending = sorted(shingles(text))
    for i in range(0, len(pending), BATCH):  # in batches: all of a long text's hashes at once take 100s of MB
        minhash.update_batch([s.encode("utf-8") for s in pending[i : i + BATCH]])
    return tuple(int(v) for v in minhash.hashvalues)


class NearDuplicates:
    """An index of signatures answering "which stored documents are near-duplicates of this?".

    ``query`` returns the ids whose estimated Jaccard similarity is at least ``threshold``,
    with that similarity, most similar first. Signatures of the wrong length (an empty one
    from an old record) are ignored.
    """

    def __init__(self, items: Iterable[tuple[str, Sequence[int]]] = (), threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, Any] = {}
        for doc_id, sig in items:
            self.add(doc_id, sig)

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sigs

    def add(self, doc_id: str, sig: Sequence[int]) -> None:
        """Index a document's signature; adding an id again replaces its signature."""
        if len(sig) != NUM_PERM:
            return
        if doc_id in self._sigs:
            self._lsh.remove(doc_id)
        minhash = _minhash(sig)
        self._lsh.insert(doc_id, minhash)
        self._sigs[doc_id] = minhash

    def query(self, sig: Sequence[int]) -> list[tuple[str, float]]:
        """``(id, similarity)`` of the indexed documents near ``sig``, most similar first."""
        if len(sig) != NUM_PERM or not self._sigs:
            return []
        minhash = _minhash(sig)
        found = []
        for doc_id in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._sigs[doc_id]))
            if similarity >= self.threshold:
                found.append((doc_id, round(similarity, 4)))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))
