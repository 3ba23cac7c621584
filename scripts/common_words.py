"""Make `generator/read/common_words.json`: words that briefings write in lower case, so a lone capitalised one
at the end of an answer (`It's really shameful. Truly.`) is no given name a call names.

    python scripts/common_words.py CORPUS.tar.xz > generator/read/common_words.json

CORPUS is the White House tarball of the development corpus (1,150 briefings, CC0). A word is common when,
inside sentences (after a lower-case word or a comma, so a sentence's first word does not count), it is
written in lower case at least 25 times and at least five times as often as capitalised: `truly`, `timely`,
`starting`; also `will`, `bill`, `hope` (which a document's own lower-case use already ruled out as a lone
call), not `mark`, `grant`, `frank` or `rose`, which are names as often as words there. Words before an
apostrophe are left out (`don` of `don't`).
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
from collections import Counter

_INSIDE = re.compile(r"(?<=[a-z,;] )([A-Za-z][a-z]{2,})\b(?!['’])")
MIN_LOWER = 25
RATIO = 5


def common_words(texts: list[str]) -> list[str]:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in texts:
        for match in _INSIDE.finditer(text):
            word = match.group(1)
            (capital if word[0].isupper() else lower)[word.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= MIN_LOWER and n >= RATIO * capital[w])


def main(tarball: str) -> None:
    with tarfile.open(tarball) as archive:
        texts = [archive.extractfile(m).read().decode("utf-8", "replace")  # type: ignore[union-attr]
                 for m in archive.getmembers() if m.isfile() and m.name.endswith(".md")]
    json.dump(common_words(texts), sys.stdout, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
