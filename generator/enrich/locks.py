"""The anchor lock: turn anchors and briefing URLs that survive corrections and renames.

Every transcript `x.txt` has a lock `x.anchors.json` beside it, written at its first build and
committed with it. The lock records each turn's anchor, speaker and text, the slugs the
briefing had, the anchors that corrections removed and the corrections themselves.

When a transcript is corrected, its new turns are aligned with the locked ones
(`generator/enrich/align.py`): aligned turns keep their anchors, new turns get fresh ones, and an
old turn left unpaired is removed, its anchor kept as a note before the nearest turn.

The lock is rewritten only when the transcript's bytes, its slug or its file name changed, so
rebuilding never changes it. A correction is recorded with the date of the build that first
saw it (UTC). A changed slug is kept in `former_slugs`, and the old URL becomes a redirect page
(`site/redirects.py`, rendered by `theme_overrides/redirect.html`; the `#t012` of a link is kept).
A transcript renamed on disk finds its lock again: a lock whose transcript is gone is adopted by
a new transcript with the same digest, or of the same date sharing most of its turns; the old
lock file is then replaced by one under the new name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import GeneratorError, TranscriptError
from ..model import Briefing, Correction, RemovedTurn, Turn
from .align import align, words

log = logging.getLogger("mkdocs.plugins.generator.anchors")

LOCK_SUFFIX = ".anchors.json"
LOCK_VERSION = 1
_ANCHOR = re.compile(r"t[0-9]{3,}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class LockedTurn:
    """A turn as the lock remembers it."""

    anchor: str
    speaker: str
    """The speaker's id within the briefing."""
    label: str
    text: str


@dataclass(frozen=True)
class Lock:
    """The content of one `.anchors.json` file."""

    source: str
    """File name of the transcript."""
    digest: str
    """sha256 of the transcript's bytes."""
    slug: str
    date: dt.date
    """The briefing's date (to recognise a renamed transcript)."""
    created: dt.date
    turns: tuple[LockedTurn, ...]
    removed: tuple[RemovedTurn, ...] = ()
    corrections: tuple[Correction, ...] = ()
    former_slugs: tuple[str, ...] = ()


def anchor_number(anchor: str) -> int:
    """`t012` → 12."""
    return int(anchor[1:])


def relock(lock: Lock | None, briefing: Briefing, *, source: str, digest: str,
           today: dt.date | None) -> Lock:
    """The lock after this version of the transcript: anchors kept, new ones fresh, removals noted.

    `today` dates a correction; None aligns without recording one (the bytes did not change,
    only how they parse).
    """
    current = tuple(LockedTurn(t.anchor, t.speaker.id, t.label, t.text) for t in briefing.turns)
    if lock is None:
        return Lock(source=source, digest=digest, slug=briefing.slug, date=briefing.date,
                    created=today or briefing.date, turns=current)
    mapping = align([(t.speaker, t.text) for t in lock.turns], [(t.speaker, t.text) for t in current])
    used = [anchor_number(t.anchor) for t in lock.turns] + [anchor_number(r.anchor) for r in lock.removed]
    fresh = max(used, default=0)
    turns: list[LockedTurn] = []
    changed: list[str] = []
    added: list[str] = []
    for turn, index in zip(current, mapping, strict=False):
        if index is None:
            fresh += 1
            turns.append(replace(turn, anchor=f"t{fresh:03d}"))
            added.append(turns[-1].anchor)
            continue
        old = lock.turns[index]
        turns.append(replace(turn, anchor=old.anchor))
        if (old.label, old.text) != (turn.label, turn.text):
            changed.append(old.anchor)
    kept = {i for i in mapping if i is not None}
    removed = [RemovedTurn(t.anchor, _target(i, mapping, turns, t.text), t.label, today)
               for i, t in enumerate(lock.turns) if i not in kept]
    retarget = {r.anchor: r.target for r in removed}
    present = {t.anchor for t in turns}
    first = turns[0].anchor if turns else ""
    carried = [replace(r, target=t if (t := retarget.get(r.target, r.target)) in present else first)
               for r in lock.removed]
    corrections = lock.corrections
    if today is not None and (changed or added or removed):
        corrections = same_day_merged(
            (*corrections, Correction(today, tuple(changed), tuple(added), tuple(r.anchor for r in removed))))
    former = lock.former_slugs
    if lock.slug != briefing.slug:
        former = tuple(s for s in (*former, lock.slug) if s != briefing.slug)
    return Lock(source=source, digest=digest, slug=briefing.slug, date=briefing.date, created=lock.created,
                turns=tuple(turns), removed=tuple(sorted(carried + removed, key=lambda r: anchor_number(r.anchor))),
                corrections=corrections, former_slugs=former)


def same_day_merged(corrections: Sequence[Correction]) -> tuple[Correction, ...]:
    """The corrections with those of one day as one: an editor who saves a transcript ten times in a day made
    one correction of it, and its page says so once. A turn added that day is "added" however often it changed
    after; a turn removed that day is "removed" only (one added and removed the same day included: its anchor
    was published, and still lands on a neighbour)."""
    merged: list[Correction] = []
    for c in corrections:
        if not merged or merged[-1].date != c.date:
            merged.append(c)
            continue
        last = merged[-1]
        removed = {*last.removed, *c.removed}
        added = {*last.added, *c.added} - removed
        changed = {*last.changed, *c.changed} - added - removed
        merged[-1] = Correction(c.date, *(tuple(sorted(group, key=anchor_number)) for group in (changed, added, removed)))
    return tuple(merged)


def _target(index: int, mapping: Sequence[int | None], turns: Sequence[LockedTurn], lost: str) -> str:
    """The turn next to where old turn `index` was that took most of its words (the preceding on a tie)."""
    gap = 1 + max((j for j, i in enumerate(mapping) if i is not None and i < index), default=-1)
    before = turns[gap - 1] if gap > 0 else None
    after = turns[gap] if gap < len(turns) else None
    if before is None or after is None:
        found = before or after
        return found.anchor if found else ""
    lost_words = words(lost)
    return before.anchor if _contained(lost_words, before.text) >= _contained(lost_words, after.text) else after.anchor


def _contained(lost: tuple[str, ...], text: str) -> int:
    matcher = SequenceMatcher(None, lost, words(text), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def apply_lock(briefing: Briefing, lock: Lock) -> Briefing:
    """The briefing with the lock's anchors, removed anchors, corrections and former slugs."""
    if len(lock.turns) != len(briefing.turns):
        raise ValueError("the lock does not describe this version of the transcript")
    turns: tuple[Turn, ...] = tuple(replace(t, anchor=locked.anchor) for t, locked in zip(briefing.turns, lock.turns, strict=False))
    return replace(briefing, turns=turns, removed=lock.removed, corrections=same_day_merged(lock.corrections),
                   former_slugs=lock.former_slugs)


def lock_path(transcript: Path) -> Path:
    """`content/briefings/x.txt` → `content/briefings/x.anchors.json`."""
    return transcript.with_name(transcript.stem + LOCK_SUFFIX)


def lock_briefings(briefings: Sequence[tuple[Path, Briefing]], folder: Path, today: dt.date | None = None,
                   *, write: bool = True) -> tuple[list[Briefing], list[GeneratorError]]:
    """Apply (and where the transcript changed, update) every briefing's lock; `today` defaults to UTC today.

    With `write=False` (previews, checks) the locks on disk are left as they are: the briefings get the
    anchors a build would write."""
    today = today or dt.datetime.now(dt.timezone.utc).date()
    orphans = dict.fromkeys(orphaned_locks([path for path, _ in briefings], folder))
    out: list[Briefing] = []
    errors: list[GeneratorError] = []
    for path, briefing in briefings:
        try:
            out.append(lock_one(path, briefing, orphans, today, write=write))
        except GeneratorError as exc:
            errors.append(exc)
    return out, errors


def lock_one(path: Path, briefing: Briefing, orphans: dict[Path, None], today: dt.date,
              *, write: bool = True) -> Briefing:
    locking = plan_lock(path, briefing, orphans, today)
    if write:
        locking.commit()
    return locking.briefing


@dataclass(frozen=True)
class Locking:
    """What locking one transcript gives: the briefing with its anchors, and the lock to write once it is kept."""

    briefing: Briefing
    lock: LockWrite

    def commit(self) -> None:
        """Write the new lock (if any) and remove the lock it adopted."""
        self.lock.commit()


@dataclass(frozen=True)
class LockWrite:
    """A lock file to write (`new`, None when the lock on disk holds already) and the orphaned lock it adopted
    (removed once the new lock is written). Small: a build holds one per transcript it published until every
    slug is checked (holding the briefings instead took 2 GB at 10,000)."""

    path: Path
    """The lock file."""
    shown: str
    """The lock file as messages name it."""
    new: bytes | None = None
    adopted: Path | None = None

    def commit(self) -> None:
        """Write the new lock (if any) and remove the lock it adopted."""
        if self.adopted is not None:
            self.adopted.unlink(missing_ok=True)
            log.info("anchor lock %s adopted by a renamed transcript", self.adopted.name)
        if self.new is not None:
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_bytes(self.new)
            tmp.replace(self.path)
            log.info("anchor lock %s written", self.shown)


def plan_lock(path: Path, briefing: Briefing, orphans: dict[Path, None], today: dt.date) -> Locking:
    """Apply the transcript's lock, or the orphaned lock it adopts, or a new one, writing nothing: the
    lock to write, if any, is in the result (`Locking.commit`)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    where = lock_path(path)
    shown = str(Path(briefing.source).with_name(where.name))
    adopted = None
    if where.exists():
        lock: Lock | None = read_lock(where, shown)
    else:
        found = _adopt(briefing, digest, orphans)
        lock, adopted = (found[1], found[0]) if found else (None, None)
    if lock is not None and (lock.digest, lock.slug, lock.source) == (digest, briefing.slug, path.name):
        return Locking(apply_lock(briefing, relock(lock, briefing, source=path.name, digest=digest, today=None)
                                  if _differs(lock, briefing) else lock), LockWrite(where, shown))
    new = relock(lock, briefing, source=path.name, digest=digest, today=today)
    return Locking(apply_lock(briefing, new), LockWrite(where, shown, lock_bytes(new), adopted))


def _differs(lock: Lock, briefing: Briefing) -> bool:
    return [(t.speaker, t.text) for t in lock.turns] != [(t.speaker.id, t.text) for t in briefing.turns]


def _adopt(briefing: Briefing, digest: str, orphans: dict[Path, None]) -> tuple[Path, Lock] | None:
    """The lock of a transcript renamed on disk (and its file): same bytes, or same date and most turns alike.
    It leaves `orphans`, so no other transcript takes it."""
    best: tuple[float, Path, Lock] | None = None
    for path in list(orphans):
        try:
            lock = read_lock(path, path.name)
        except GeneratorError:
            continue
        if lock.digest == digest:
            score = 2.0
        elif lock.date == briefing.date:
            mapping = align([(t.speaker, t.text) for t in lock.turns],
                            [(t.speaker.id, t.text) for t in briefing.turns])
            score = sum(i is not None for i in mapping) / max(len(lock.turns), 1)
        else:
            continue
        if score >= 0.5 and (best is None or score > best[0]):
            best = (score, path, lock)
    if best is None:
        return None
    del orphans[best[1]]
    return best[1], best[2]


def lock_source_name(path: Path) -> str:
    try:
        return str(json.loads(path.read_text(encoding="utf-8")).get("source", ""))
    except (OSError, ValueError, AttributeError):
        return path.name.removesuffix(LOCK_SUFFIX)


def read_lock(path: Path, shown: str) -> Lock:
    """Parse a lock file; a damaged lock is an error, never silently replaced."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("lock_version") != LOCK_VERSION:
            raise ValueError(f"unknown lock_version {data.get('lock_version')!r}")
        lock = Lock(
            source=data["source"], digest=data["digest"], slug=data["slug"],
            date=dt.date.fromisoformat(data["date"]), created=dt.date.fromisoformat(data["created"]),
            turns=tuple(LockedTurn(t["anchor"], t["speaker"], t["label"], t["text"]) for t in data["turns"]),
            removed=tuple(RemovedTurn(r["anchor"], r["target"], r["label"],
                                      dt.date.fromisoformat(r["date"]) if r["date"] else None)
                          for r in data["removed"]),
            corrections=tuple(Correction(dt.date.fromisoformat(c["date"]), tuple(c["changed"]),
                                         tuple(c["added"]), tuple(c["removed"])) for c in data["corrections"]),
            former_slugs=tuple(data["former_slugs"]),
        )
        _check(lock)
        return lock
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TranscriptError(f"damaged anchor lock ({exc}); restore it from version control",
                              path=shown, line=1) from None


def _check(lock: Lock) -> None:
    """Anchors and slugs go into ids and paths: a lock may hold only the forms the generator writes."""
    anchors = [t.anchor for t in lock.turns] + [a for r in lock.removed for a in (r.anchor, r.target) if a] \
        + [a for c in lock.corrections for a in (*c.changed, *c.added, *c.removed)]
    if bad := next((a for a in anchors if not _ANCHOR.fullmatch(str(a))), None):
        raise ValueError(f"bad anchor {bad!r}")
    if bad := next((s for s in (lock.slug, *lock.former_slugs) if not _SLUG.fullmatch(str(s))), None):
        raise ValueError(f"bad slug {bad!r}")


def lock_bytes(lock: Lock) -> bytes:
    """A lock as stable, diff-friendly JSON (one turn per line)."""
    head = {
        "lock_version": LOCK_VERSION, "source": lock.source, "digest": lock.digest, "slug": lock.slug,
        "date": lock.date.isoformat(), "created": lock.created.isoformat(),
        "former_slugs": list(lock.former_slugs),
        "corrections": [{"date": c.date.isoformat(), "changed": list(c.changed), "added": list(c.added),
                         "removed": list(c.removed)} for c in lock.corrections],
        "removed": [{"anchor": r.anchor, "target": r.target, "label": r.label,
                     "date": r.date.isoformat() if r.date else None} for r in lock.removed],
    }
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    turns = [json.dumps({"anchor": t.anchor, "speaker": t.speaker, "label": t.label, "text": t.text},
                        ensure_ascii=False) for t in lock.turns]
    return ("{\n" + "\n".join(lines) + '\n  "turns": [\n    ' + ",\n    ".join(turns) + "\n  ]\n}\n").encode("utf-8")


def orphaned_locks(transcripts: list[Path], folder: Path) -> list[Path]:
    """The locks in `folder` whose transcript is gone, which one of `transcripts` could adopt (which one
    takes it depends on the order `lock_briefings` goes in)."""
    present = {lock_path(path) for path in transcripts}
    return [p for p in sorted(folder.rglob("*" + LOCK_SUFFIX)) if p not in present
            and not (p.parent / lock_source_name(p)).exists()] if folder.is_dir() else []


def has_orphaned_locks(transcripts: list[Path], folder: Path) -> bool:
    """True when a lock in `folder` lost its transcript and could be adopted by one of `transcripts`."""
    return bool(orphaned_locks(transcripts, folder))
