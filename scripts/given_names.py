"""Make `generator/read/given_names.json`: given names, to tell a name's first word from a role's last.

    python scripts/given_names.py dist.male.first dist.female.first > generator/read/given_names.json

The inputs are the 1990 U.S. Census's first-name frequency files (a U.S. Government work, public domain;
`dist.male.first`, 1,219 names, and `dist.female.first`, 4,275: a name, then three figures, per line). Words
that are also titles, ranks or the names of departments (`major`, `king`) and words briefings write in lower
case (`generator/read/common_words.json`: `will`, `hope`) are left out: the list says a word is a given name
only where nothing else it could be is likelier.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.words import MILITARY_RANKS, ORG_WORDS, RANKS, ROLE_WORDS, TITLE_WORDS  # noqa: E402


def given_names(files: list[str]) -> list[str]:
    names = {line.split()[0].lower() for file in files for line in Path(file).read_text().splitlines() if line.strip()}
    common = set(json.loads((ROOT / "generator" / "read" / "common_words.json").read_text(encoding="utf-8")))
    return sorted(names - common - TITLE_WORDS - ROLE_WORDS - RANKS - MILITARY_RANKS - ORG_WORDS)


if __name__ == "__main__":
    json.dump(given_names(sys.argv[1:]), sys.stdout, indent=0)
    sys.stdout.write("\n")
