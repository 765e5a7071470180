"""YAML files → parsed data, read defensively, with each refusal located (file, line, column).

Reading is defensive because content packs travel by e-mail between authorities: only regular
files are opened (never a pipe or a device, which could block or never end), they are
size-capped, must be UTF-8 text without control characters, are parsed by libyaml's safe
loader (no tag can build a Python object), and YAML aliases are refused outright, which
defuses "billion laughs" bombs before validation could walk an exponentially large tree.
No text can carry a control character, not even through an escape such as "\\e": content
reaches the terminal, and an escape sequence could rewrite the screen. The fast path parses
once; only a file that fails validation (core/validation.py) is composed again to find the
line of each error.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nrgame.core.characters import FORBIDDEN, excerpt, forbidden_character, shown

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger files are refused unread: the largest bundled file is under 100 kB."""

MAX_NODES = 100_000
"""Values (texts, numbers, lists, mappings) in one file. The byte cap alone is not enough: a
2 MB flow list `[1,1,1,…]` holds a million values, and a parsed value costs over 1 kB. The
largest bundled file holds about 2 300; 3 300 questions (about 80 000 values) load in under
a second and 100 MB."""

MAX_DEPTH = 64
"""Content nests a handful of levels; deeper is refused before any recursion can overflow."""

MAX_ERRORS_PER_FILE = 50
"""Errors located in one file; beyond, only their number is given (locating each one costs a
walk of the file's tree, and nobody reads the 10 000th)."""


@functools.total_ordering
@dataclass(frozen=True)
class ContentError:
    """One problem in a content file, in words an author can act on.

    Errors sort causes first, then by file, line and column (a file-wide error, without a
    line, first).
    """

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    consequence: bool = False
    """An error that only follows from another one (« écartée : voir l'erreur ligne N »):
    listed after every cause, so that the first line is always something to correct."""

    def __str__(self) -> str:
        # Every part is shown with its invisible characters spelt out: a file name or a
        # message can quote what an author wrote, and it must not rewrite the terminal.
        where = shown(self.file)
        if self.line is not None:
            where += f", ligne {self.line}"
            if self.column is not None:
                where += f", colonne {self.column}"
        field = f" [{shown(self.field)}]" if self.field else ""
        return f"{where}{field} : {shown(self.message)}"

    def _key(self) -> tuple[bool, str, int, int, str, str]:
        return (
            self.consequence,
            self.file,
            self.line or 0,
            self.column or 0,
            self.field,
            self.message,
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ContentError):
            return NotImplemented
        return self._key() < other._key()

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class ContentFileError(Exception):
    """Raised when a single file cannot be read at all."""

    def __init__(self, error: ContentError) -> None:
        super().__init__(str(error))
        self.error = error


class _Refused(yaml.MarkedYAMLError):
    """What the loader itself refuses (alias, duplicate key, depth, size, unreadable value,
    control character), already said in French."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


_IMPLICIT = "\x00"
"""Prefix of the tags resolve() gives: a tag written in the file (`!!binary`, `!!set`, `!foo`)
cannot hold it, so every node without it carries an explicit tag, and is refused."""

_ALIAS = "les ancres et alias YAML (&nom, *nom) ne sont pas acceptés : recopiez le texte"


def _core_schema() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """YAML 1.2's core schema: true/false are the only booleans (not yes, no, on, off), numbers
    are decimal (010 is ten, 1:30 is a text), and dates are texts until a field reads them."""
    rules = [
        ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
        ("null", r"~|null|Null|NULL|", "~nN"),
        ("int", r"[-+]?[0-9]+", "-+0123456789"),
        (
            "float",
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
            "-+.0123456789",
        ),
    ]
    resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {"": []}
    for name, pattern, first in rules:
        compiled = re.compile(f"^(?:{pattern})$")
        for char in first:
            resolvers.setdefault(char, []).append((f"tag:yaml.org,2002:{name}", compiled))
    resolvers[""].append(("tag:yaml.org,2002:null", re.compile("^$")))
    return resolvers


class _Loader(yaml.CSafeLoader):
    """libyaml's safe loader, limited to YAML's core schema, without explicit tags, anchors,
    aliases or duplicate keys, plus the line of each mapping.

    Plain mappings, lists and strings (nearly all of a content file) are built by one direct
    walk of the node tree, about three times faster than PyYAML's generic constructor; the
    other plain values (numbers, booleans, null) go through the safe constructor.
    """

    yaml_implicit_resolvers = _core_schema()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.mapping_lines: dict[int, int] = {}
        self._seen: set[int] = set()

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        # Most scalars are text whose first character no implicit type (number, boolean,
        # null) can start with: skip the regular expressions for them.
        if kind is yaml.ScalarNode:
            if implicit[0] and (value or "")[:1] in self.yaml_implicit_resolvers:
                return _IMPLICIT + str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]
            return _STR
        return _MAP if kind is yaml.MappingNode else _SEQ

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers in a safe loader: skip the call's bookkeeping

    def ascend_resolver(self) -> None:
        pass

    def construct_document(self, node: yaml.Node) -> Any:
        try:
            return self._build(node, 0)
        finally:
            self._seen.clear()
            self.constructed_objects = {}

    def _build(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused(None, None, "imbrication trop profonde", node.start_mark)
        # A node reached twice can only come from an alias (*name).
        if id(node) in self._seen:
            raise _Refused(None, None, _ALIAS, node.start_mark)
        self._seen.add(id(node))
        kind, tag = node.__class__, node.tag
        if isinstance(node, yaml.ScalarNode) and tag is _STR:
            # The raw text holds no control character (read_text); only a double-quoted
            # escape such as "\e" can make one.
            if node.style == '"':
                _refuse_control(node.value, node)
            return node.value
        if kind is yaml.MappingNode and tag is _MAP:
            data: dict[Any, Any] = {}
            self.mapping_lines[id(data)] = node.start_mark.line + 1
            for key_node, value_node in node.value:
                key = self._key(key_node, depth + 1)
                if key in data:
                    raise _Refused(
                        None,
                        None,
                        f"la clé « {excerpt(key, 40)} » apparaît deux fois",
                        key_node.start_mark,
                    )
                data[key] = self._build(value_node, depth + 1)
            return data
        if kind is yaml.SequenceNode and tag is _SEQ:
            return [self._build(child, depth + 1) for child in node.value]
        if isinstance(node, yaml.ScalarNode) and tag.startswith(_IMPLICIT):
            return self._scalar(node, tag[len(_IMPLICIT) :])
        # Bytes (!!binary) would become text past the character checks, a set (!!set) would
        # be ordered by the hash seed, and every other tag is worse: none is read.
        raise _Refused(
            None,
            None,
            f"étiquette YAML non autorisée « {excerpt(tag.replace(_CORE, '!!'), 40)} » : "
            "rien n'est lu ni exécuté ; "
            "retirez-la (mettez le texte entre guillemets si besoin)",
            node.start_mark,
        )

    def _key(self, node: yaml.Node, depth: int) -> str:
        """A key is always its text: `yes:`, `true:` or `4:` give "yes", "true" and "4" (a
        field keyed by number, such as a card's maturity by axis, reads "4" as 4)."""
        if not isinstance(node, yaml.ScalarNode):
            raise _Refused(None, None, "une clé doit être un simple mot", node.start_mark)
        self._build(node, depth)  # an explicit tag or a forbidden character is refused
        return str(node.value)

    def _scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        try:
            if tag == _INT:
                return int(node.value)
            return self.yaml_constructors[tag](self, node)
        except (ValueError, OverflowError) as exc:
            # A scalar that matches a type's pattern but not its range: a 5000-digit integer.
            raise _Refused(
                None,
                None,
                f"valeur « {excerpt(node.value, 40)} » illisible (nombre ?) : "
                "mettez-la entre guillemets si c'est un texte",
                node.start_mark,
            ) from exc


_CORE = "tag:yaml.org,2002:"
_INT = _CORE + "int"


def _refuse_control(text: str, node: yaml.Node) -> None:
    control = FORBIDDEN.search(text)
    if control:
        raise _Refused(
            None,
            None,
            f"{forbidden_character(control.group())} dans un texte",
            node.start_mark,
        )


@dataclass
class ParsedFile:
    """A file's raw data and the line where each of its mappings starts."""

    path: Path
    data: Any
    mapping_lines: dict[int, int]
    text: str

    def line_of(self, obj: object) -> int | None:
        return self.mapping_lines.get(id(obj))


def read_text(path: Path) -> str:
    """Read a content file as UTF-8 text, refusing what cannot be content."""
    name = str(path)

    def refuse(message: str, line: int | None = None) -> ContentFileError:
        return ContentFileError(ContentError(name, line, None, "", message))

    try:
        # Non-blocking, so that a named pipe cannot hang the open; only then is it looked at.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise refuse(_os_problem(path, exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise refuse("c'est un dossier, pas un fichier")
            if not stat.S_ISREG(info.st_mode):
                raise refuse("ce n'est pas un fichier ordinaire (tube, périphérique…)")
            if info.st_size > MAX_FILE_BYTES:
                raise refuse(_too_big(info.st_size))
            raw = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since fstat
        except OSError as exc:
            raise refuse(_os_problem(path, exc)) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise refuse(_too_big(len(raw)))
    encoding = _wide_encoding(raw)
    if encoding:
        raise refuse(f"le fichier est encodé en {encoding} : enregistrez-le en UTF-8", 1)
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise refuse("fichier binaire (octet nul) : ce n'est pas un fichier texte", line)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise refuse(
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02X}) ; "
            f"{_guess_encoding(raw)} : enregistrez-le en UTF-8",
            line,
        ) from exc
    control = FORBIDDEN.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise refuse(forbidden_character(control.group()), line)
    return text


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32, told by a byte-order mark or, without one, by where the NUL bytes of
    mostly Latin text fall (« a » is 61 00 in UTF-16LE, 00 61 in UTF-16BE)."""
    for mark, name in (
        (b"\xff\xfe\x00\x00", "UTF-32LE"),
        (b"\x00\x00\xfe\xff", "UTF-32BE"),
        (b"\xff\xfe", "UTF-16LE"),
        (b"\xfe\xff", "UTF-16BE"),
    ):
        if raw.startswith(mark):
            return name
    head = raw[:256]
    if len(head) < 8 or head.count(0) < len(head) // 4:
        return None

    def zeros(offset: int, step: int) -> float:
        part = head[offset::step]
        return part.count(0) / len(part)

    if zeros(2, 4) == zeros(3, 4) == 1 and zeros(0, 4) < 0.5:
        return "UTF-32LE"
    if zeros(0, 4) == zeros(1, 4) == 1 and zeros(3, 4) < 0.5:
        return "UTF-32BE"
    if zeros(1, 2) >= 0.75 and zeros(0, 2) < 0.25:
        return "UTF-16LE"
    if zeros(0, 2) >= 0.75 and zeros(1, 2) < 0.25:
        return "UTF-16BE"
    return None


def _guess_encoding(raw: bytes) -> str:
    """Name the likely encoding of a file that is not UTF-8."""
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "encodage inconnu"
    return "il semble encodé en Windows-1252 (Latin-1), comme l'enregistrent certains éditeurs"


def _too_big(size: int) -> str:
    return (
        f"fichier trop volumineux ({size / 1_048_576:.1f} Mo ; maximum "
        f"{MAX_FILE_BYTES // 1_048_576} Mo) : découpez-le en plusieurs fichiers"
    )


_OS_PROBLEMS = {
    errno.ENOENT: "fichier introuvable",
    errno.EACCES: "lecture refusée (droits insuffisants)",
    errno.EPERM: "lecture refusée (droits insuffisants)",
    errno.ELOOP: "lien symbolique qui tourne en boucle",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "chemin invalide (un élément du chemin n'est pas un dossier)",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur de lecture du disque",
}


def _os_problem(path: Path, exc: OSError) -> str:
    """An operating-system error in French (strerror comes in the system's language)."""
    if exc.errno == errno.ENOENT and path.is_symlink():
        return "lien symbolique cassé : sa cible n'existe pas"
    return _OS_PROBLEMS.get(exc.errno or 0, f"lecture impossible (erreur système {exc.errno})")


def parse_file(path: Path) -> ParsedFile:
    """Parse one YAML file; raise ContentFileError with a located French message."""
    text = read_text(path)
    loader = _Loader(text)
    try:
        _check_size(text)
        _check_anchors(text)
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise ContentFileError(_yaml_error(str(path), text, exc)) from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ContentFileError(
            ContentError(str(path), line, None, "", _translate_yaml_problem(exc.reason))
        ) from exc
    except yaml.YAMLError as exc:
        raise ContentFileError(
            ContentError(str(path), None, None, "", _translate_yaml_problem(str(exc)))
        ) from exc
    finally:
        loader.dispose()
    if data is None:
        raise ContentFileError(ContentError(str(path), None, None, "", "le fichier est vide"))
    return ParsedFile(path, data, loader.mapping_lines, text)


def _check_size(text: str) -> None:
    """Count values on the event stream, before any tree is built, and refuse too many.

    Every value but the first needs one of these indicators before it, so twice their number
    bounds the values: ordinary files stay far below and skip the extra parse.
    """
    indicators = sum(text.count(c) for c in ":-,[{?")
    if 2 * indicators + 1 <= MAX_NODES:
        return
    count = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.NodeEvent):
            count += 1
            if count > MAX_NODES:
                raise _Refused(
                    None,
                    None,
                    f"trop de valeurs dans un seul fichier (plus de "
                    f"{MAX_NODES:,}) : découpez-le en plusieurs fichiers".replace(",", "\u202f"),
                    event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark, same fields
                )


def _check_anchors(text: str) -> None:
    """Refuse an anchor (&name) even without its alias: the composer forgets anchors, so the
    events are read again, only for a file where one can be."""
    if "&" not in text:
        return
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if getattr(event, "anchor", None) is not None:
            raise _Refused(None, None, _ALIAS, event.start_mark)  # type: ignore[arg-type]


def _yaml_error(file: str, text: str, exc: yaml.MarkedYAMLError) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntaxe invalide"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    if isinstance(exc, _Refused):
        return ContentError(file, line, column, "", problem)
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        problem = "'\\t'"  # libyaml does not name the character; a tab is the usual culprit
    return ContentError(file, line, column, "", _translate_yaml_problem(problem))


_YAML_PROBLEMS = (
    ("'\\t'", "tabulation interdite : indentez avec des espaces"),
    ("mapping values are not allowed", "« : » inattendu : mettez ce texte entre guillemets"),
    ("could not find expected ':'", "« : » attendu après la clé (ou guillemet non fermé)"),
    ("expected <block end>", "indentation incohérente"),
    ("expected <document start>", "contenu inattendu (indentation ?)"),
    ("did not find expected key", "indentation incohérente : une clé était attendue ici"),
    ("did not find expected '-' indicator", "indentation incohérente dans une liste"),
    ("found undefined alias", "les alias YAML (*nom) ne sont pas acceptés"),
    ("could not determine a constructor", "étiquette YAML non autorisée (rien n'est exécuté)"),
    ("found unknown escape character", "séquence d'échappement inconnue (\\) dans un texte"),
    ("maximum nesting depth", "imbrication trop profonde"),
    ("unexpected end of stream", "fin de fichier inattendue : guillemet ou crochet non fermé ?"),
    ("expected a single document", "un seul document par fichier : retirez les « --- » en trop"),
    ("found another document", "un seul document par fichier : retirez les « --- » en trop"),
    ("expected node content", "valeur attendue : crochet ou accolade non fermé ?"),
    ("found unhashable key", "une clé doit être un simple mot"),
    ("control characters are not allowed", "caractère de contrôle interdit"),
    ("special characters are not allowed", "caractère spécial interdit"),
    ("invalid Unicode character escape code", "code de caractère invalide après \\u ou \\U"),
    ("found incompatible YAML document", "version de YAML non prise en charge (%YAML)"),
    ("found duplicate %YAML directive", "directive %YAML en double"),
    ("found duplicate %TAG directive", "directive %TAG en double"),
    ("expected ',' or ']'", "« , » ou « ] » attendu : crochet non fermé ?"),
    ("expected ',' or '}'", "« , » ou « } » attendu : accolade non fermée ?"),
    ("found character '@'", "« @ » ne peut pas commencer un texte : mettez-le entre guillemets"),
    ("found character '`'", "« ` » ne peut pas commencer un texte : mettez-le entre guillemets"),
)


def _translate_yaml_problem(problem: str) -> str:
    for needle, french in _YAML_PROBLEMS:
        if needle in problem:
            return french
    return f"syntaxe YAML invalide ({problem})"
