"""Score the project's speaker and reporter attribution against the hand-made truth in tests/people_truth/.

The truth files (rules in tests/people_truth/RULES.md) say, per turn of a transcript in tests/corpus/, who
spoke and, per question, which reporter the text names. This module compares them with the project's
published JSON for the same transcript (`python -m generator parse`, generator/briefing.schema.json),
turn by turn, aligned by the line of the turn's label. The scoring functions are plain Python (no pytest):

- reporter precision: of the questions the project attributes to a named reporter, how many are right;
- reporter recall: of the questions whose asker the text names in full, how many the project names in full;
- outlet precision: of the questions the project gives an outlet, how many are right;
- identity accuracy: of the officials' turns whose person the truth names, how many the project names so.

Matching rules (pinned by tests/test_people_truth.py):

- Names and outlets are folded: case, accents, dots, apostrophes and other punctuation, and a leading
  "the" are ignored (`Rodríguez` = `rodriguez`, `L.A. Times` = `LA Times`, `the AP` = `AP`).
- For people, initials and suffixes also drop out (`Antony J. Blinken` = `Antony Blinken`,
  `Joseph R. Biden Jr.` = `Joseph Biden`), but first names must agree (`Joe Biden` is not `Joseph Biden`)
  unless the truth lists the other form under `also` (`Steve Mnuchin`, also `Steven T. Mnuchin`).
- A reporter attribution is right when it is the truth's full name; or when it is a first name only and
  the truth has that first name (`first_name_only`) or a full name beginning with it. A full name where the
  text gives only a first name is wrong (the surname is not in the text), and any name where the truth has
  none is wrong.
- Recall counts only full names: a first name alone does not recall a full name.
- An outlet is right when it equals the truth's outlet or the outlet as called (`outlet_as_called`).
- Turns the truth marks `ambiguous` (the text leaves the asker open) count for neither precision nor
  recall; `mislabelled` and `unlabelled` turns (the transcript's own label is wrong or missing) count for
  no identity, though a reporter attributed to a mislabelled answer still counts as a wrong attribution.

Run `python tests/people_score.py` for a per-file and total table (it runs the parser on each truth
file's transcript in a child process); `--raw` scores the parser's model alone (no content/speakers.yml),
`--json` prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRUTH_DIR = ROOT / "tests" / "people_truth"
CORPUS = ROOT / "tests" / "corpus"
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def fold(text: str | None) -> str:
    """Case, accents, dots, apostrophes and punctuation folded; a leading `the` dropped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[.'’‘`]", "", text)  # L.A. -> la, O'Brien -> obrien
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def name_tokens(name: str | None) -> tuple[str, ...]:
    """A person's name as folded words, without initials (one letter) and suffixes (Jr., II)."""
    words = fold(name).split()
    kept = tuple(w for w in words if len(w) > 1 and w not in SUFFIXES)
    return kept or tuple(words)


def same_person(a: str | None, b: str | None) -> bool:
    """Two names of one person, by the folding rules above."""
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta) and ta == tb


def is_truth_person(predicted: str | None, name: str | None, also: list[str] | None) -> bool:
    """Whether a name is the truth's person: its name, or one of the other forms it lists (`also`)."""
    return any(same_person(predicted, n) for n in [name, *(also or [])] if n)


def reporter_right(predicted: str, truth: dict[str, Any]) -> bool:
    """Whether a predicted reporter name is right for a truth question turn (see the module's rules)."""
    pred = name_tokens(predicted)
    if not pred:
        return False
    first = name_tokens(truth.get("first_name_only"))
    if truth.get("reporter"):
        for form in [truth["reporter"], *(truth.get("also") or [])]:
            full = name_tokens(form)
            if pred == full or (len(pred) < len(full) and full[:len(pred)] == pred):
                return True
        return False
    if first:
        return pred == first
    return False


def outlet_right(predicted: str, truth: dict[str, Any]) -> bool:
    """Whether a predicted outlet is the truth's outlet, as canonical or as called."""
    want = {fold(truth.get("outlet")), fold(truth.get("outlet_as_called"))} - {""}
    return fold(predicted) in want


def predicted_asker(turn: dict[str, Any]) -> tuple[str, str]:
    """The (name, outlet) the project attributes a turn to: its `reporter`, else a speaker of kind reporter."""
    reporter = turn.get("reporter")
    if reporter and (reporter.get("name") or reporter.get("outlet")):
        return reporter.get("name") or "", reporter.get("outlet") or ""
    speaker = turn.get("speaker") or {}
    if speaker.get("kind") == "reporter":
        return speaker.get("name") or "", speaker.get("affiliation") or ""
    return "", ""


@dataclass
class Score:
    """Counts for one transcript or a total; the rates are computed from them."""
    attributed: int = 0           # question turns the project gives a reporter name
    attributed_right: int = 0
    named_in_full: int = 0        # question turns whose asker the text names in full
    recalled: int = 0             # ... that the project names in full, correctly
    outlets: int = 0              # question turns the project gives an outlet
    outlets_right: int = 0
    identities: int = 0           # officials' turns whose person the truth names
    identities_right: int = 0
    questions: int = 0            # truth question turns
    questions_flagged: int = 0    # ... that the project marks as questions
    missing_turns: int = 0        # truth turns with no project turn on their line
    extra_turns: int = 0          # project turns on no truth turn's line
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for f in fields(self):
            if f.name == "errors":
                self.errors.extend(other.errors)
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @staticmethod
    def rate(num: int, den: int) -> float | None:
        return None if den == 0 else num / den

    @property
    def reporter_precision(self) -> float | None:
        return self.rate(self.attributed_right, self.attributed)

    @property
    def reporter_recall(self) -> float | None:
        return self.rate(self.recalled, self.named_in_full)

    @property
    def outlet_precision(self) -> float | None:
        return self.rate(self.outlets_right, self.outlets)

    @property
    def identity_accuracy(self) -> float | None:
        return self.rate(self.identities_right, self.identities)

    def figures(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k != "errors"}
        out.update(reporter_precision=self.reporter_precision, reporter_recall=self.reporter_recall,
                   outlet_precision=self.outlet_precision, identity_accuracy=self.identity_accuracy)
        return out


def score_file(truth: dict[str, Any], briefing: dict[str, Any], *, keep_errors: bool = True) -> Score:
    """Compare one truth file (as loaded from YAML) with the project's JSON for the same transcript."""
    score = Score()
    name = truth.get("file", "?")
    predicted = {t["line"]: t for t in briefing.get("turns", [])}
    truth_lines = {t["line"] for t in truth["turns"]}
    score.extra_turns = sum(1 for line in predicted if line not in truth_lines)

    def miss(line: int, message: str) -> None:
        if keep_errors:
            score.errors.append(f"{name}:{line}: {message}")

    for turn in truth["turns"]:
        line = turn["line"]
        pred = predicted.get(line)
        if pred is None:
            score.missing_turns += 1
        if turn.get("question"):
            score.questions += 1
            score.questions_flagged += bool(pred and pred.get("question"))
        scored = not turn.get("ambiguous")
        pname, poutlet = predicted_asker(pred) if pred else ("", "")
        if scored and (turn.get("question") or pname):
            if pname:
                score.attributed += 1
                if turn.get("question") and reporter_right(pname, turn):
                    score.attributed_right += 1
                else:
                    want = turn.get("reporter") or turn.get("first_name_only")
                    miss(line, f"reporter {pname!r}, truth {want!r}")
            if turn.get("question") and turn.get("reporter"):
                score.named_in_full += 1
                if is_truth_person(pname, turn["reporter"], turn.get("also")):
                    score.recalled += 1
                elif not pname:
                    miss(line, f"reporter missed, truth {turn['reporter']!r}")
            if poutlet:
                score.outlets += 1
                if turn.get("question") and outlet_right(poutlet, turn):
                    score.outlets_right += 1
                else:
                    miss(line, f"outlet {poutlet!r}, truth {turn.get('outlet')!r}")
        official = not turn.get("question") and not turn.get("mislabelled") and not turn.get("unlabelled")
        if official and turn.get("person"):
            score.identities += 1
            got = ((pred or {}).get("speaker") or {}).get("name")
            if is_truth_person(got, turn["person"], turn.get("also")):
                score.identities_right += 1
            else:
                miss(line, f"speaker {got!r}, truth {turn['person']!r}")
    return score


def load_truth(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def truth_files() -> list[Path]:
    return sorted(TRUTH_DIR.glob("*.yml"))


def project_json(transcript: Path, *, raw: bool = False) -> dict[str, Any]:
    """The project's published JSON for a transcript: `python -m generator parse`, with the archive's
    registry (content/speakers.yml) unless `raw`; each turn's `speaker` number replaced by its object."""
    args = ["--raw"] if raw else ["--content", str(ROOT / "content")]
    done = subprocess.run([sys.executable, "-m", "generator", "parse", *args, str(transcript)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"parse failed for {transcript}: {done.stderr.strip()}")
    data: dict[str, Any] = json.loads(done.stdout)
    for turn in data["turns"]:
        turn["speaker"] = data["speakers"][turn["speaker"]]
    return data


def score_all(paths: list[Path] | None = None, *, raw: bool = False) -> tuple[dict[str, Score], Score]:
    """Score every truth file (or the given ones): per-file scores and the micro total."""
    per_file: dict[str, Score] = {}
    total = Score()
    for path in paths or truth_files():
        truth = load_truth(path)
        score = score_file(truth, project_json(CORPUS / truth["file"], raw=raw))
        per_file[path.stem] = score
        total.add(score)
    return per_file, total


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def table(per_file: dict[str, Score], total: Score) -> str:
    head = (f"{'file':58} {'rep.prec':>14} {'rep.recall':>14} {'outlet.prec':>14} {'identity':>14}"
            f" {'q.flag':>9} {'miss/extra':>10}")
    rows = [head, "-" * len(head)]

    def row(label: str, s: Score) -> str:
        return (f"{label[:58]:58} {_pct(s.reporter_precision)} {s.attributed_right:3}/{s.attributed:<3}"
                f" {_pct(s.reporter_recall)} {s.recalled:3}/{s.named_in_full:<3}"
                f" {_pct(s.outlet_precision)} {s.outlets_right:3}/{s.outlets:<3}"
                f" {_pct(s.identity_accuracy)} {s.identities_right:3}/{s.identities:<3}"
                f" {s.questions_flagged:4}/{s.questions:<4} {s.missing_turns:4}/{s.extra_turns:<4}")

    rows += [row(name, s) for name, s in per_file.items()]
    rows += ["-" * len(head), row("TOTAL (micro)", total)]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("truth", nargs="*", type=Path, help="truth files (default: all of tests/people_truth/)")
    parser.add_argument("--raw", action="store_true", help="score the parser's model alone (no speakers.yml)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list every wrong or missed attribution")
    args = parser.parse_args(argv)
    per_file, total = score_all(args.truth or None, raw=args.raw)
    if args.json:
        print(json.dumps({"files": {k: v.figures() for k, v in per_file.items()}, "total": total.figures()},
                         indent=2))
    else:
        print(table(per_file, total))
        if args.errors:
            print("\n".join(total.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
