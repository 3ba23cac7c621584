"""How reading a transcript scales with odd shapes of text: one paragraph, one line or one turn grown long.

    python bench/paragraph_shapes.py                  # every shape at 2,000 and 8,000 repeats
    python bench/paragraph_shapes.py --sizes 1000,16000 names initials

`large_transcripts.py` grows a transcript by turns of a usual length. Text from the world is not always so
shaped: a scrape that lost its line breaks is one paragraph, a roll call is one sentence of names that
never ends (`Mr. Smith, Ms. Jones, …`: an abbreviation's dot ends no sentence). A rule that looks back over
the sentence or the paragraph so far is then quadratic: a paragraph of 8,000 `Mr. John Smith of the
Washington Post,` took 99 s to read before `read.calls.sentences` looked only at the characters before a
stop. For each shape this reads (parses, locks, annotates, tags topics: `Loader.load`) one transcript
at each size, in this process, and prints the seconds and the growth against linear,
`(t_large / t_small) / (n_large / n_small)`: about 1 when linear, about n_large / n_small when quadratic.
Not a test (figures depend on the machine): run it when a change touches a rule that reads a paragraph.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

# Run as a script: this folder is on the path, and `large_transcripts` puts the project there for `generator`.
from large_transcripts import scratch_project, timed

from generator.enrich.loader import Loader

SHAPES: dict[str, Callable[[int], str]] = {
    "names": lambda n: "MR. PRICE: " + " ".join("Mr. John Smith of the Washington Post," for _ in range(n))
    + "\n\nQ Thanks, John.\n",
    "initials": lambda n: "MR. PRICE: " + "A. B. C. " * n + "\n\nQ Why?\n",
    "abbreviations": lambda n: "MR. PRICE: " + "The U.S. and the U.K. " * n + "\n\nQ Why?\n",
    "question-of-names": lambda n: "MR. PRICE: Hi.\n\nQ " + "Mr. Smith, Ms. Jones, Dr. Who, " * n + "?\n",
    "one-line": lambda n: " ".join(f"MR. PRICE: Answer {i}. Q Question {i}?" for i in range(n)) + "\n",
    "calls": lambda n: "MR. PRICE: Go ahead, Mr. Smith.\n\nQ Thanks. Mr. Lee from Reuters.\n\n" * n,
    "introductions": lambda n: "MODERATOR: " + "Our next question is from the line of John Smith of Reuters. " * n
    + "\n",
    "hand-offs": lambda n: "MR. PRICE: " + "over to you, Mr. Secretary, " * n + "\n",
    "stage-directions": lambda n: "MR. PRICE: " + "(Laughter.) (Inaudible) [senior official] " * n + "\n",
    "labels-inline": lambda n: "MR. PRICE: " + "SECRETARY BLINKEN: yes. " * n + "\n",
    "speakers": lambda n: "".join(f"SPEAKER{i % 500}: hello.\n\n" for i in range(n)),
    "topic-words": lambda n: "MR. PRICE: " + "fentanyl border security Ukraine NATO inflation " * n + "\n",
}


def read_seconds(text: str, project: Path) -> float:
    """Seconds to read one transcript of `text`, as the only briefing of `project` (a `scratch_project`)."""
    (project / "content" / "briefings" / "2022-01-01-shape.txt").write_text(text, encoding="utf-8")
    seconds, archive = timed(lambda: Loader(write_locks=False).load(project / "content", project))
    if archive.errors:
        raise SystemExit(f"not read: {archive.errors[0]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shapes", nargs="*", help=f"shapes to run (default all: {', '.join(SHAPES)})")
    parser.add_argument("--sizes", default="2000,8000", help="two comma-separated repeat counts")
    args = parser.parse_args()
    small, large = sorted(int(n) for n in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="paragraph-shapes-") as folder:
        work = scratch_project(Path(folder) / "project")
        empty = read_seconds("MR. PRICE: Hello.\n\nQ Why?\n", work)  # the configuration's own reading
        print(f"{'shape':20} {small:>8,} ×   {large:>8,} ×   growth against linear (1 linear, "
              f"{large / small:.0f} quadratic)")
        for name in args.shapes or SHAPES:
            seconds = [max(read_seconds(SHAPES[name](n), work) - empty, 1e-3) for n in (small, large)]
            growth = (seconds[1] / seconds[0]) / (large / small)
            print(f"{name:20} {seconds[0]:8.2f} s   {seconds[1]:8.2f} s   {growth:5.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
