"""Parsed YAML → validated models, each error located (file, line, column, field) and said in
French.

Validation runs once on the parsed data; only a file that fails is composed again into YAML
nodes, to find the line and column of each error.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from nrgame.core.characters import excerpt
from nrgame.core.loader import MAX_ERRORS_PER_FILE, ContentError, ParsedFile

M = TypeVar("M", bound=BaseModel)


@dataclass
class Validated(Generic[M]):
    """A file's content: what is valid in it, and the errors of the rest.

    An invalid item (a question, a figure…) removes only itself: `content` holds the others,
    `kept` the raw sections they were built from, and `refused` each refused item with the
    line of its first error, so that what depends on it can point there.
    """

    content: M | None
    errors: list[ContentError]
    kept: dict[str, Any]
    refused: list[tuple[Any, int | None]]


def validate(parsed: ParsedFile, model: type[M]) -> Validated[M]:
    """Validate parsed data against a model, collecting every error with its place."""
    if not isinstance(parsed.data, dict):
        error = ContentError(
            str(parsed.path),
            1,
            1,
            "",
            "le fichier doit être une suite de rubriques « clé: valeur » "
            "(figures:, questions:, decks:…)",
        )
        return Validated(None, [error], {}, [])
    try:
        return Validated(model.model_validate(parsed.data), [], parsed.data, [])
    except ValidationError as exc:
        root = yaml.compose(parsed.text, Loader=yaml.CSafeLoader)
        details = exc.errors(include_url=False)
        names = field_names(model)
        located = [(d, _locate(parsed, root, d, names)) for d in details[:MAX_ERRORS_PER_FILE]]
        errors = sorted(_one_per_mistake({error for _, error in located}))
        if len(details) > MAX_ERRORS_PER_FILE:
            errors.insert(
                0,
                ContentError(
                    str(parsed.path),
                    None,
                    None,
                    "",
                    f"{len(details)} erreurs dans ce fichier ; seules les "
                    f"{MAX_ERRORS_PER_FILE} premières sont détaillées",
                ),
            )
        return _salvage(parsed, model, details, located, errors)


_SUGGESTED = re.compile(r"vouliez-vous dire « (.+) » \?$")


def _one_per_mistake(errors: set[ContentError]) -> set[ContentError]:
    """A misspelt key is one mistake, not two: « promtp » unknown and « prompt » missing give
    only the first, which names both."""
    meant = set()
    for error in errors:
        found = _SUGGESTED.search(error.message)
        if found and "." in error.field:
            meant.add(f"{error.field.rsplit('.', 1)[0]}.{found.group(1)}")
    return {e for e in errors if not (e.message == _MISSING and e.field in meant)}


def _salvage(
    parsed: ParsedFile,
    model: type[M],
    details: list[ErrorDetails],
    located: list[tuple[ErrorDetails, ContentError]],
    errors: list[ContentError],
) -> Validated[M]:
    """Keep the valid items of a file whose other items are invalid."""
    data: dict[str, Any] = parsed.data
    bad: dict[str, set[int]] = {}
    whole: set[object] = set()
    for detail in details:
        loc = detail["loc"]
        if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data.get(str(loc[0])), list):
            bad.setdefault(str(loc[0]), set()).add(loc[1])
        else:
            whole.add(loc[0] if loc else None)
    if None in whole:
        return Validated(None, errors, {}, [])
    first_line: dict[tuple[str, int], int] = {}
    for detail, error in located:
        loc = detail["loc"]
        if len(loc) >= 2 and isinstance(loc[1], int) and error.line is not None:
            key = (str(loc[0]), loc[1])
            first_line[key] = min(first_line.get(key, error.line), error.line)
    kept: dict[str, Any] = {}
    refused: list[tuple[Any, int | None]] = []
    for section, value in data.items():
        if section in whole:
            continue
        if section in bad:
            kept[section] = [item for i, item in enumerate(value) if i not in bad[section]]
            refused.extend(
                (value[i], first_line.get((section, i), parsed.line_of(value[i])))
                for i in sorted(bad[section])
            )
        else:
            kept[section] = value
    try:
        return Validated(model.model_validate(kept), errors, kept, refused)
    except ValidationError:  # an error no single item explains: nothing is kept
        return Validated(None, errors, {}, refused)


@functools.cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every key a model and the models inside it accept: what a misspelt key is compared to."""
    names: set[str] = set()
    todo, seen = [model], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(info.alias or name)
            stack = [info.annotation]
            while stack:
                annotation = stack.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    todo.append(annotation)
                stack.extend(typing.get_args(annotation))
    return frozenset(names)


def _locate(
    parsed: ParsedFile,
    root: yaml.Node | None,
    detail: ErrorDetails,
    names: frozenset[str] = frozenset(),
) -> ContentError:
    """Follow an error's path through the node tree to the line it is about."""
    node = root
    steps: list[str] = []
    data: Any = parsed.data
    last_id = ""
    loc = detail["loc"]
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(part, int) and not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.SequenceNode) and part < len(node.value):
                node = node.value[part]
            data = data[part] if isinstance(data, list) and part < len(data) else None
            steps.append(f"[{part + 1}]")
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                last_id = excerpt(data["id"], 40)
                steps[-1] = f"[{part + 1}: {last_id}]"
            continue
        child = _mapping_child(node, str(part))
        if child is None:
            is_tag = isinstance(data, dict) and data.get("kind") == part
            if last and not is_tag:  # a missing field: point at the object that lacks it
                steps.append(f".{excerpt(part, 40)}")
            continue  # otherwise a discriminator tag such as "choice" in a union's path
        key_node, value_node = child
        node = (
            key_node
            if last and detail["type"] in ("extra_forbidden", "invalid_key")
            else value_node
        )
        data = data.get(part) if isinstance(data, dict) else None
        steps.append(f".{excerpt(part, 40)}")
    mark = node.start_mark if node is not None else None
    field = "".join(steps).lstrip(".")
    message = french_message(detail)
    if detail["type"] == "extra_forbidden" and loc:
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.75)
        if close:
            message = f"champ inconnu : vouliez-vous dire « {close[0]} » ?"
    return ContentError(
        str(parsed.path),
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
        field,
        message,
    )


def _mapping_child(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def french_message(detail: ErrorDetails) -> str:
    """Pydantic's error, said in French."""
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    given = detail.get("input")
    messages = {
        "missing": _MISSING,
        "extra_forbidden": "champ inconnu (faute de frappe ?)",
        "string_type": "texte attendu",
        "int_type": "nombre entier attendu",
        "int_parsing": "nombre entier attendu",
        "int_from_float": "nombre entier attendu (sans décimale)",
        "float_type": "nombre attendu (avec un point décimal : 4.4)",
        "float_parsing": "nombre attendu (avec un point décimal : 4.4)",
        "bool_type": "true ou false attendu",
        "bool_parsing": "true ou false attendu",
        "list_type": "liste attendue (lignes commençant par « - »)",
        "dict_type": "rubrique « clé: valeur » attendue",
        "model_type": "rubrique « clé: valeur » attendue",
        "model_attributes_type": "rubrique « clé: valeur » attendue",
        "union_tag_not_found": "champ « kind » manquant (choice, multi, truefalse, estimate, "
        "order ou match)",
        "string_pattern_mismatch": "format invalide",
        "finite_number": "nombre fini attendu",
        "invalid_key": "clé inattendue : une clé est un mot (faute de frappe ?)",
        "date_type": "date attendue (AAAA-MM-JJ)",
        "date_parsing": "date attendue au format AAAA-MM-JJ (jour, mois ou année impossible ?)",
        "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ "
        "(jour, mois ou année impossible ?)",
        "date_from_datetime_inexact": "date sans heure attendue (AAAA-MM-JJ)",
        "none_required": "null attendu",
        "string_unicode": "texte attendu",
    }
    if kind in messages:
        text = messages[kind]
        if kind in ("int_parsing", "float_parsing") and given in _BOOLEAN_TEXTS:
            text += " : true et false ne sont pas des nombres"
        if kind == "string_pattern_mismatch" and "[a-z0-9]" in str(ctx.get("pattern", "")):
            text = "identifiant invalide : minuscules, chiffres et tirets seulement"
        elif kind == "string_pattern_mismatch" and "http" in str(ctx.get("pattern", "")):
            text = "adresse web invalide (elle doit commencer par https://)"
        return text
    if kind == "union_tag_invalid":
        return (
            f"type de question inconnu « {ctx.get('tag')} » : choice, multi, truefalse, "
            "estimate, order ou match"
        )
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " ou ")
        return f"valeur « {excerpt(given, 40)} » inconnue ; valeurs possibles : {expected}"
    if kind == "too_short":
        return f"au moins {ctx.get('min_length')} élément(s) ou caractère(s) attendu(s)"
    if kind == "too_long":
        return f"au plus {ctx.get('max_length')} élément(s) ou caractère(s)"
    if kind == "string_too_short":
        return "texte vide"
    if kind == "string_too_long":
        return f"texte trop long (au plus {ctx.get('max_length')} caractères)"
    bounds = {
        "greater_than_equal": "supérieure ou égale à",
        "greater_than": "strictement supérieure à",
        "less_than_equal": "inférieure ou égale à",
        "less_than": "strictement inférieure à",
    }
    if kind in bounds:
        limit = next(iter(ctx.values()), "")
        return f"valeur {excerpt(given, 40)} : elle doit être {bounds[kind]} {limit}"
    if kind in ("value_error", "assertion_error") and ctx.get("error"):
        return str(ctx["error"])  # our own validators, already in French
    # Any other check of pydantic's: its English text is never shown, only what was given.
    return f"valeur invalide ici (reçu : {_type_name(given)})"


_MISSING = "champ obligatoire manquant"


_BOOLEAN_TEXTS = ("true", "false")
"""What Strict puts in place of a boolean given to a number field (see fields.py)."""


def _type_name(value: object) -> str:
    names = {
        bool: "un booléen (true ou false)",
        int: "un nombre",
        float: "un nombre",
        str: "un texte",
        list: "une liste",
        dict: "une rubrique « clé: valeur »",
        type(None): "null",
    }
    return names.get(type(value), "une valeur de ce type")
