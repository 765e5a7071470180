"""The loaded library: every figure, question and deck, with cross-references checked."""

from __future__ import annotations

import difflib
import gc
import hashlib
import os
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nrgame.core.characters import excerpt
from nrgame.core.content import (
    AXES,
    ContentFile,
    Deck,
    Figure,
    Question,
)
from nrgame.core.french import plural
from nrgame.core.kinds import KINDS
from nrgame.core.loader import ContentError, ContentFileError, parse_file, read_text
from nrgame.core.scenario import Scenario
from nrgame.core.scenario_checks import scenario_problems
from nrgame.core.validation import validate


@dataclass(frozen=True)
class Place:
    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}, ligne {self.line}" if self.line else self.file


@dataclass
class Catalog:
    """Everything the games can use, indexed by id."""

    figures: dict[str, Figure] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    decks: dict[str, Deck] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)
    refused: dict[str, Place] = field(default_factory=dict)
    """Items refused for an error of their own, by id, with the line of that error."""
    unreadable: list[ContentError] = field(default_factory=list)
    """The error of each file that could not be read at all."""
    files: list[Path] = field(default_factory=list)
    version: str = ""
    """Short hash of every file read: attestations and records name the content they used."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def deck_questions(self, deck_id: str) -> list[Question]:
        """The questions of a deck: listed ones first, then the seeded selection."""
        deck = self.decks[deck_id]
        chosen = [self.questions[qid] for qid in deck.questions if qid in self.questions]
        if deck.select is None:
            return chosen
        taken = {q.id for q in chosen}
        pool = [q for q in self.questions.values() if q.id not in taken and _selects(deck, q)]
        pool.sort(key=lambda q: q.id)
        count = min(deck.select.count, len(pool))
        return chosen + random.Random(deck.select.seed).sample(pool, count)

    def figures_of(self, question: Question) -> list[Figure]:
        return [self.figures[fid] for fid in question.figures if fid in self.figures]

    def summary(self) -> dict[str, object]:
        """The figures `nrgame check --json` prints."""
        kinds: Counter[str] = Counter(q.kind for q in self.questions.values())
        axes = Counter(q.axis for q in self.questions.values())
        return {
            "figures": len(self.figures),
            "questions": len(self.questions),
            "decks": len(self.decks),
            "scenarios": len(self.scenarios),
            "question_kinds": {kind: kinds.get(kind, 0) for kind in KINDS},
            "axes": {str(axis): axes.get(axis, 0) for axis in AXES},
            "deck_sizes": {
                deck_id: len(self.deck_questions(deck_id)) for deck_id in sorted(self.decks)
            },
            "version": self.version,
            "errors": [error.to_json() for error in self.errors],
        }


def _selects(deck: Deck, question: Question) -> bool:
    sel = deck.select
    assert sel is not None
    return (
        (not sel.axes or question.axis in sel.axes)
        and (not sel.themes or question.theme in sel.themes)
        and (not sel.tags or bool(set(sel.tags) & set(question.tags)))
        and (not sel.kinds or question.kind in sel.kinds)
        and (not sel.audiences or bool(set(sel.audiences) & set(question.audiences)))
    )


def content_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file under the given files and folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                # Not only regular files: a broken link or a pipe named *.yaml is reported.
                sorted(
                    p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and not p.is_dir()
                )
            )
        else:
            found.append(path)
    return found


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: parsed YAML and models are trees, freed by reference
    counting, yet every collection would walk all the objects loaded so far; with 100,000
    questions that was two thirds of the loading time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_catalog(paths: Sequence[Path]) -> Catalog:
    """Load and check the given files and folders; errors are collected, never raised."""
    with _without_cycle_collection():
        return _load_catalog(paths)


def leads_out(path: Path, root: Path) -> bool:
    """Whether a file found under a content folder (or given by name: under its own folder)
    is a link to somewhere else: a pack could hold a link to the system's password file."""
    folder = root if root.is_dir() else root.parent
    target = os.path.realpath(path)  # never raises, even on a loop of links
    return not Path(target).is_relative_to(os.path.realpath(folder))


def _load_catalog(paths: Sequence[Path]) -> Catalog:
    catalog = Catalog()
    digest = hashlib.sha256()
    for root, path in ((r, p) for r in paths for p in content_files([r])):
        catalog.files.append(path)
        if leads_out(path, root):
            catalog.errors.append(
                ContentError(
                    str(path),
                    None,
                    None,
                    "",
                    "lien vers un fichier hors du dossier de contenu : il n'est pas lu "
                    "(copiez le fichier dans le dossier plutôt)",
                )
            )
            continue
        try:
            parsed = parse_file(path)
        except ContentFileError as exc:
            catalog.errors.append(exc.error)
            catalog.unreadable.append(exc.error)
            continue
        digest.update(parsed.text.encode())
        validated = validate(parsed, ContentFile)
        catalog.errors.extend(validated.errors)
        for raw_item, line in validated.refused:
            if isinstance(raw_item, dict) and isinstance(raw_item.get("id"), str):
                catalog.refused.setdefault(raw_item["id"], Place(str(path), line))
        content = validated.content
        if content is None:
            continue
        raw = validated.kept
        for attr in ("figures", "questions", "decks", "scenarios"):
            store: dict[str, Any] = getattr(catalog, attr)
            for item, raw_item in zip(getattr(content, attr), raw.get(attr) or [], strict=True):
                _add(catalog, store, item, Place(str(path), parsed.line_of(raw_item)))
                if attr == "scenarios":
                    _add_scenario_parts(catalog, item.id, raw_item, str(path), parsed.line_of)
    catalog.version = digest.hexdigest()[:12]
    _check_references(catalog)
    catalog.errors.sort()
    return catalog


def _add(
    catalog: Catalog,
    store: dict[str, Any],
    item: Figure | Question | Deck | Scenario,
    place: Place,
) -> None:
    earlier = catalog.places.get(item.id)
    if earlier is not None:
        catalog.errors.append(
            ContentError(
                place.file,
                place.line,
                None,
                "id",
                f"identifiant « {item.id} » déjà utilisé ({earlier})",
            )
        )
        return
    catalog.places[item.id] = place
    store[item.id] = item


def _add_scenario_parts(
    catalog: Catalog,
    scenario_id: str,
    raw: dict[str, Any],
    file: str,
    line_of: Callable[[object], int | None],
) -> None:
    """Remember where each card, event, objective and indicator of a scenario starts."""
    for part in ("indicators", "cards", "events", "objectives"):
        for raw_part in raw.get(part) or []:
            catalog.places[f"{scenario_id}/{part}/{raw_part['id']}"] = Place(
                file, line_of(raw_part)
            )


def _error(catalog: Catalog, item_id: str, field_name: str, message: str) -> None:
    place = catalog.places[item_id]
    catalog.errors.append(ContentError(place.file, place.line, None, field_name, message))


class _References:
    """Says what a cross-reference misses, once per cause: an id refused for an error of its
    own points to that error, an id close to a known one is suggested, and each unknown id
    is located on its own line."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._trees: dict[str, yaml.Node | None] = {}

    def missing(
        self,
        item_id: str,
        field_name: str,
        ids: Iterable[str],
        known: dict[str, Any],
        word: str,
    ) -> None:
        catalog = self.catalog
        place = catalog.places[item_id]
        by_cause: dict[Place | ContentError, list[str]] = {}
        for ref in ids:
            if ref in known:
                continue
            cause: Place | ContentError | None = catalog.refused.get(ref)
            if cause is None:
                cause = next((e for e in catalog.unreadable if _mentions(e.file, ref)), None)
            if cause is not None:
                by_cause.setdefault(cause, []).append(ref)
                continue
            line, column = self._line_of(place, field_name, ref)
            message = f"{word} inconnu{'e' if word == 'question' else ''} « {excerpt(ref)} »"
            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.8)
            if close:
                message += f" : vouliez-vous dire « {close[0]} » ?"
            catalog.errors.append(ContentError(place.file, line, column, field_name, message))
        for cause, refs in by_cause.items():
            names = ", ".join(f"« {excerpt(ref)} »" for ref in refs[:3])
            if len(refs) > 3:
                names += f" et {len(refs) - 3} autres"
            words = f"{word}s {names}" if len(refs) > 1 else f"{word} {names}"
            gone = "écarté" + ("e" if word == "question" else "") + ("s" if len(refs) > 1 else "")
            if isinstance(cause, Place):
                where = f"ligne {cause.line}" if cause.line else "de ce fichier"
                if cause.file != place.file:
                    where = f"de {cause}"
                message = f"{words} {gone} : voir l'erreur {where}"
            else:
                message = f"{words} {gone} : voir l'erreur de {cause.file} (illisible)"
            catalog.errors.append(
                ContentError(place.file, place.line, None, field_name, message, consequence=True)
            )

    def _line_of(self, place: Place, key: str, value: str) -> tuple[int | None, int | None]:
        """The line of `value` in the list `key` of the object starting at place.line."""
        if place.file not in self._trees:
            try:
                text = read_text(Path(place.file))
                self._trees[place.file] = yaml.compose(text, Loader=yaml.CSafeLoader)
            except (ContentFileError, yaml.YAMLError):
                self._trees[place.file] = None
        stack = [self._trees[place.file]]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                if node.start_mark.line + 1 == place.line:
                    for key_node, value_node in node.value:
                        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
                            for child in value_node.value:
                                if getattr(child, "value", None) == value:
                                    mark = child.start_mark
                                    return mark.line + 1, mark.column + 1
                stack.extend(v for _, v in node.value)
        return place.line, None


def _mentions(file: str, item_id: str) -> bool:
    """Whether an unreadable file seems to define an id (`id: …` on a line of its own)."""
    try:
        text = read_text(Path(file))
    except ContentFileError:
        return False
    return re.search(rf"\bid:\s*[\"']?{re.escape(item_id)}[\"']?\s*$", text, re.M) is not None


def _check_references(catalog: Catalog) -> None:
    references = _References(catalog)
    for question in catalog.questions.values():
        references.missing(question.id, "figures", question.figures, catalog.figures, "chiffre")
        for fid in question.figures:
            figure = catalog.figures.get(fid)
            if figure is not None and not figure.verified and not question.misconception:
                _error(
                    catalog,
                    question.id,
                    "figures",
                    f"le chiffre « {fid} » n'est pas vérifié : il ne peut servir que dans une "
                    "question « idée reçue » (misconception: true)",
                )
    for scenario in catalog.scenarios.values():
        for problem in scenario_problems(scenario, catalog.figures):
            key = f"{scenario.id}/{problem.part}/{problem.part_id}" if problem.part else scenario.id
            place = catalog.places.get(key, catalog.places[scenario.id])
            where = f"{problem.part}.{problem.part_id}." if problem.part else ""
            catalog.errors.append(
                ContentError(place.file, place.line, None, where + problem.field, problem.message)
            )
    for deck in catalog.decks.values():
        references.missing(deck.id, "questions", deck.questions, catalog.questions, "question")
        if deck.select is not None:
            missing = [a for a in deck.select.axes if a not in AXES]
            if missing:
                _error(catalog, deck.id, "select.axes", f"axe inconnu {missing[0]} (1 à 6)")
            taken = set(deck.questions)
            pool = [
                q for q in catalog.questions.values() if q.id not in taken and _selects(deck, q)
            ]
            if len(pool) < deck.select.count:
                message = (
                    f"le tirage demande {plural(deck.select.count, 'question')} mais "
                    f"{'seule' if len(pool) == 1 else 'seules'} {len(pool)} "
                    f"{'correspond' if len(pool) == 1 else 'correspondent'} aux critères"
                )
                place = catalog.places[deck.id]
                follows = bool(catalog.refused or catalog.unreadable)
                if follows:  # perhaps only because of questions refused: after their errors
                    message += " (des questions ont été écartées : voir les erreurs plus haut)"
                catalog.errors.append(
                    ContentError(
                        place.file, place.line, None, "select.count", message, consequence=follows
                    )
                )
