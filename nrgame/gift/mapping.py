"""GIFT questions → nrgame questions, for an author to review before anyone plays them.

Moodle banks carry no sources, so nothing imported passes for sourced fact: every question
gets `source` placeholders (publisher, title, year) that `nrgame check` refuses until they are
filled (core/content.py, PLACEHOLDER), and so do the fields GIFT cannot give (the unit of an
estimate, a theme or an axis nothing suggests, an explanation when there was no feedback).
Questions nrgame has no kind for (essay, description, short answer) and questions that break
one of its rules (7 options, a negative number to estimate…) are listed with their line,
never dropped silently.

Mapping:
- multiple choice with an `=` answer → `choice`; without (`~%50%…`) → `multi`, the answers
  with a positive weight being the right ones;
- true/false → `truefalse`; matching → `match`;
- numerical → `estimate`: the best-weighted answer, its band as an absolute tolerance (an
  exact answer, tolerance 0, gets half a unit of its last digit); outside it, nrgame's
  order-of-magnitude half point replaces Moodle's partial-credit answers;
- general feedback, then each answer's feedback → `explanation`;
- the last part of the category → `theme`; `[tag:…]` → `tags`; an `axe-N` tag, or words of
  the category and tags, → an `axis` suggestion.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any

import yaml

from nrgame.core.content import AXES, PLACEHOLDER
from nrgame.core.french import format_number, plural
from nrgame.gift.parser import FormattedText, GiftQuestion, parse_gift

UNSUPPORTED = {
    "essay": "composition (réponse libre)",
    "description": "description (un texte sans question)",
    "shortanswer": "réponse courte (texte à taper)",
}
"""Moodle question types nrgame has no kind for, named in French."""

UNIT_LINE = re.compile(r"\n[ \t]*Unité : ([^\n]+)$")
"""A last line « Unité : % » in a numerical question's text gives the estimate's unit: that
is how `nrgame export gift` writes it, since Moodle has no field for it."""

AXIS_TAG = re.compile(r"^axe-([1-6])$")

AXIS_WORDS: dict[int, tuple[str, ...]] = {
    1: ("achat", "commande publique", "marche public", "marches publics"),
    2: ("materiel", "reemploi", "recycl", "dechet", "deee", "equipement", "duree de vie"),
    3: ("ecoconception", "rgesn", "site web", "service numerique", "services numeriques"),
    4: ("agent", "elu", "sensibilisation", "formation"),
    5: ("citoyen", "habitant", "grand public"),
    6: ("territoire", "donnee", "hebergement", "centre de donnees", "data"),
}
"""Words (lowercase, without accents) of a category or a tag that suggest an axis."""

GENERIC_CATEGORIES = ("default for ", "défaut pour ", "par défaut pour ")
"""Category names Moodle makes up (« Défaut pour Cours 1 »), which say nothing of a theme;
`top` is the root of every path."""


@dataclass
class Imported:
    """A question ready to be written as YAML, and what its author must look at."""

    id: str
    line: int
    name: str
    data: dict[str, Any]
    review: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    line: int
    name: str
    reason: str

    def __str__(self) -> str:
        named = f" « {self.name} »" if self.name else ""
        return f"ligne {self.line}{named} : {self.reason}"


@dataclass
class ImportResult:
    file: str
    questions: list[Imported] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class _Refused(Exception):
    """A question that cannot become valid nrgame content, said in French."""


def import_gift(text: str, file: str) -> ImportResult:
    """Parse a GIFT text and map each question; never raises on any text."""
    parsed = parse_gift(text)
    result = ImportResult(file)
    result.skipped.extend(Skipped(e.line, "", e.message) for e in parsed.errors)
    taken: set[str] = set()
    for question in parsed.questions:
        if question.qtype in UNSUPPORTED:
            result.skipped.append(
                Skipped(
                    question.line,
                    question.name,
                    f"question de type {UNSUPPORTED[question.qtype]} : nrgame n'a pas de sorte "
                    "de question pour elle, elle n'est pas importée",
                )
            )
            continue
        try:
            imported = _map(question, file)
        except _Refused as exc:
            result.skipped.append(Skipped(question.line, question.name, str(exc)))
            continue
        imported.id = _unique(imported.id, taken)
        imported.data["id"] = imported.id
        result.questions.append(imported)
    result.skipped.sort(key=lambda s: s.line)
    return result


def _map(question: GiftQuestion, file: str) -> Imported:
    review: list[str] = []
    prompt = _text(question.questiontext, review, "énoncé")
    if not prompt:
        raise _Refused("énoncé vide")
    if question.missing_word:
        review.append("question à trou : l'énoncé garde « _____ » à la place de la réponse")
    kind_fields = _KINDS[question.qtype](question, review)
    if question.qtype == "numerical":
        prompt, unit = _unit(prompt)
        kind_fields["unit"] = unit
        if unit == PLACEHOLDER:
            review.append("unité de l'estimation à écrire (unit)")
    _limit(prompt, 4000, "l'énoncé")
    explanation = _explanation(question, review)
    theme = _theme(question.category)
    if theme is None:
        review.append("thème à choisir (theme) : la question n'avait pas de catégorie")
    axis, why = _axis(question.category, question.tags)
    if axis is None:
        review.append("axe de la stratégie à choisir (axis, 1 à 6)")
    else:
        review.append(f"axe {axis} ({AXES[axis]}) suggéré d'après {why} : à confirmer")
    review.append("publics (audiences) mis à « agents » : à ajuster")
    review.append(
        "source à renseigner (publisher, title, year) : un chiffre sans source ne se joue pas"
    )
    data: dict[str, Any] = {
        "id": "",
        "kind": kind_fields.pop("kind"),
        "prompt": prompt,
        **kind_fields,
        "explanation": explanation,
        "source": {"publisher": PLACEHOLDER, "title": PLACEHOLDER, "year": PLACEHOLDER},
        "axis": PLACEHOLDER if axis is None else axis,
        "theme": PLACEHOLDER if theme is None else theme,
        "audiences": ["agents"],
    }
    tags = _tags(question.tags)
    if tags:
        data["tags"] = tags
    ident = _slug(question.idnumber) or _slug(question.name) or _slug(prompt) or "question"
    return Imported(ident, question.line, question.name, data, review)


def _choice(question: GiftQuestion, review: list[str]) -> dict[str, Any]:
    options = [_text(a.text, review, "réponse") for a in question.answers]
    _check_options(options)
    if not question.single:
        right = [o for o, a in zip(options, question.answers, strict=True) if a.fraction > 0]
        if not right:
            raise _Refused("aucune réponse n'a un poids positif : aucune n'est juste")
        if not 3 <= len(options) <= 8:
            raise _Refused(
                f"{plural(len(options), 'proposition')} : une question à plusieurs réponses "
                "en demande de 3 à 8"
            )
        share = 1 / len(right)
        if any(abs(abs(a.fraction) - share) > 1e-4 for a in question.answers):
            review.append(
                "poids Moodle non repris : nrgame compte (bonnes cochées − mauvaises cochées) "
                "÷ nombre de bonnes"
            )
        return {"kind": "multi", "options": options, "answers": right}
    if not 2 <= len(options) <= 6:
        raise _Refused(
            f"{plural(len(options), 'réponse')} proposée{'s' if len(options) > 1 else ''} : "
            "une question à choix unique en "
            "demande de 2 à 6"
        )
    best = max(a.fraction for a in question.answers)
    right = [o for o, a in zip(options, question.answers, strict=True) if a.fraction == best]
    if len(right) > 1:
        others = ", ".join(f"« {o} »" for o in right[1:])
        review.append(f"Moodle acceptait aussi {others} : nrgame ne garde qu'une bonne réponse")
    partial = [
        f"« {o} » ({format_number(a.fraction * 100)} %)"
        for o, a in zip(options, question.answers, strict=True)
        if 0 < a.fraction < best
    ]
    if partial:
        review.append(f"crédit partiel non repris ({', '.join(partial)}) : nrgame compte 1 ou 0")
    return {"kind": "choice", "options": options, "answer": right[0]}


def _check_options(options: list[str]) -> None:
    for option in options:
        if not option:
            raise _Refused("une réponse proposée est vide")
        _limit(option, 300, "une réponse")
    seen: set[str] = set()
    for option in options:
        if option in seen:
            raise _Refused(f"la réponse « {option} » apparaît deux fois")
        seen.add(option)


def _truefalse(question: GiftQuestion, review: list[str]) -> dict[str, Any]:
    return {"kind": "truefalse", "answer": question.correctanswer}


def _match(question: GiftQuestion, review: list[str]) -> dict[str, Any]:
    pairs = []
    for left_text, right in question.subquestions:
        left = _text(left_text, review, "paire")
        right = right.strip()
        if not left:
            review.append(f"réponse leurre « {right} » non reprise : nrgame associe des paires")
            continue
        if not right:
            raise _Refused(f"la paire « {left} » n'a pas de texte à droite")
        pairs.append({"left": left, "right": right})
    if not 2 <= len(pairs) <= 8:
        raise _Refused(f"{plural(len(pairs), 'paire')} : une association en demande de 2 à 8")
    for side in ("left", "right"):
        _check_options([p[side] for p in pairs])
    return {"kind": "match", "pairs": pairs}


def _estimate(question: GiftQuestion, review: list[str]) -> dict[str, Any]:
    usable = [a for a in question.answers if a.value is not None and a.fraction > 0]
    if not usable:
        raise _Refused("aucune réponse numérique juste (un nombre avec un poids positif)")
    best = max(usable, key=lambda a: a.fraction)
    assert best.value is not None
    if best.value <= 0:
        raise _Refused(
            f"réponse {format_number(best.value)} : nrgame n'estime que des valeurs "
            "strictement positives"
        )
    tolerance = best.tolerance
    if tolerance <= 0:
        tolerance = _half_last_digit(best.text.text)
        review.append(
            f"réponse exacte dans Moodle : tolérance de ± {format_number(tolerance)} proposée "
            "(la moitié du dernier chiffre écrit), à ajuster"
        )
    others = [a for a in question.answers if a is not best and a.value is not None]
    if others:
        listed = ", ".join(
            f"{format_number(a.value or 0)} ± {format_number(a.tolerance)} "
            f"({format_number(a.fraction * 100)} %)"
            for a in others
        )
        review.append(
            f"autres réponses Moodle non reprises ({listed}) : hors de la tolérance, nrgame "
            "donne un demi-point qui décroît avec l'écart en ordres de grandeur"
        )
    return {
        "kind": "estimate",
        "answer": _plain_number(best.value),
        "tolerance": {"absolute": _plain_number(tolerance)},
    }


def _half_last_digit(written: str) -> float:
    try:
        exponent = Decimal(written.strip()).as_tuple().exponent
    except InvalidOperation:
        return 0.5
    return 0.5 * 10.0 ** int(exponent) if isinstance(exponent, int) else 0.5


def _plain_number(value: float) -> float | int:
    rounded = float(f"{value:.12g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) < 1e15 else rounded


_KINDS = {
    "multichoice": _choice,
    "truefalse": _truefalse,
    "match": _match,
    "numerical": _estimate,
}


def _unit(prompt: str) -> tuple[str, str]:
    found = UNIT_LINE.search(prompt)
    if found is None:
        return prompt, PLACEHOLDER
    return prompt[: found.start()].rstrip(), found.group(1).strip()


def _explanation(question: GiftQuestion, review: list[str]) -> str:
    parts = [_text(question.generalfeedback, review, "correction")]
    if question.qtype == "truefalse":
        for label, feedback in (("Vrai", question.feedbacktrue), ("Faux", question.feedbackfalse)):
            text = _text(feedback, review, "retour")
            if text:
                parts.append(f"Réponse « {label} » : {text}")
    for answer in question.answers:
        text = _text(answer.feedback, review, "retour")
        if text:
            shown = "toute autre réponse" if answer.text.text == "*" else answer.text.text
            parts.append(f"« {shown} » : {text}")
    explanation = "\n".join(p for p in parts if p)
    if not explanation:
        review.append("correction à écrire (explanation) : la question n'avait aucun retour")
        return PLACEHOLDER
    _limit(explanation, 4000, "la correction")
    return explanation


def _limit(text: str, most: int, what: str) -> None:
    if len(text) > most:
        raise _Refused(f"{what} dépasse {format_number(most)} caractères")


class _TextOnly(HTMLParser):
    BREAKS = frozenset(("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "pre"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_MARKUP = re.compile(r"<[a-zA-Z/!]|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _text(text: FormattedText, review: list[str], what: str) -> str:
    """nrgame shows plain text: HTML (and Moodle's own format, which allows it) loses its
    tags, and the author is told so. Plain text and Markdown are kept as written."""
    value = text.text
    if text.format in ("html", "moodle") and _MARKUP.search(value):
        reader = _TextOnly()
        try:
            reader.feed(value)
            reader.close()
            flat = "".join(reader.parts)
        except AssertionError:  # html.parser gives up on `<![foo[`: drop the tags bluntly
            flat = html.unescape(re.sub(r"<[^<>]*>", " ", value))
        flat = re.sub(r"[ \t\r\n]*\n[ \t\r\n]*", "\n", re.sub(r"[ \t\r]+", " ", flat))
        value = flat.strip(" \t\r\n")
        note = f"balisage HTML retiré ({what}) : vérifiez le texte"
        if note not in review:
            review.append(note)
    return value.strip()


def _theme(category: str) -> str | None:
    """The last meaningful part of a category path, where `//` is a slash in a name."""
    parts = [p.replace("\ue000", "/") for p in category.replace("//", "\ue000").split("/")]
    for part in reversed(parts):
        part = part.strip()
        generic = part.lower() == "top" or part.lower().startswith(GENERIC_CATEGORIES)
        if not part or part.startswith("$") or generic:
            continue
        return part[:300]
    return None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _axis(category: str, tags: tuple[str, ...]) -> tuple[int | None, str]:
    for tag in tags:
        found = AXIS_TAG.match(_slug(tag))
        if found:
            return int(found.group(1)), f"l'étiquette « {tag} »"
    words = _fold(" ".join((category, *tags)))
    for axis, needles in AXIS_WORDS.items():
        for needle in needles:
            if needle in words:
                return axis, f"le mot « {needle} » de la catégorie ou des étiquettes"
    return None, ""


def _tags(tags: tuple[str, ...]) -> list[str]:
    kept: list[str] = []
    for tag in tags:
        slug = _slug(tag)
        if slug and not AXIS_TAG.match(slug) and slug not in kept:
            kept.append(slug)
    return kept


def _slug(text: str) -> str:
    """An nrgame identifier: lowercase letters without accents, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")
    return slug[:80].rstrip("-")


def _unique(ident: str, taken: set[str]) -> str:
    candidate, number = ident, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = ident[: 80 - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # nrgame refuses YAML aliases


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text and text == text.strip() and " \n" not in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def to_yaml(result: ImportResult) -> str:
    """The imported questions as an nrgame content file, each under a comment that says
    where it came from and what to review."""
    out = [
        f"# Questions importées de Moodle ({result.file}) par « nrgame import gift » : à relire.",
        f"# nrgame check les refuse tant qu'un champ vaut « {PLACEHOLDER} » : renseignez la",
        "# source (auteur, titre, année de publication), puis relisez chaque question.",
        "questions:",
    ]
    for question in result.questions:
        out.append("")
        out.append(f"  # ligne {question.line} de {result.file} (« {question.name} ») :")
        out.extend(f"  #   - {item}" for item in question.review)
        dumped = yaml.dump(
            [question.data], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=96
        )
        out.extend(f"  {line}" if line else line for line in dumped.splitlines())
    return "\n".join(out) + "\n"


def report(result: ImportResult) -> str:
    """What needs review, in French, for the terminal and a file beside the YAML."""
    count = len(result.questions)
    out = [
        f"Import de {result.file} : {plural(count, 'question')} "
        f"importée{'s' if count > 1 else ''} pour relecture, "
        f"{plural(len(result.skipped), 'question')} non importée"
        f"{'s' if len(result.skipped) > 1 else ''}.",
    ]
    if result.skipped:
        out.append("")
        out.append("Non importées :")
        out.extend(f"- {skipped}" for skipped in result.skipped)
    if result.questions:
        out.append("")
        out.append("À relire :")
        for question in result.questions:
            out.append(f"- {question.id} (ligne {question.line}) :")
            out.extend(f"  - {item}" for item in question.review)
    return "\n".join(out) + "\n"
