"""GIFT, Moodle's text format for question banks, read the way Moodle reads it.

Moodle's `question/format/gift/format.php` (class `qformat_gift`, with the block splitting of
`qformat_default::readquestions`) is the reference, followed case by case:

- questions are separated by blank lines; each line is trimmed; a line that starts with `//`
  is a comment, whose `[id:…]` and `[tag:…]` give the question's idnumber and tags;
- `\\: \\# \\= \\{ \\} \\~` are literal characters, `\\n` a new line and `\\\\` a backslash;
- `$CATEGORY: a/b` sets the category of the questions after it;
- `::name::` names a question; `[html]`, `[moodle]`, `[plain]` or `[markdown]` at the start
  of a text gives its format (answers and feedback default to the question text's format);
- the answers sit between the first `{` and the first `}`; text after the `}` makes a
  missing-word question, whose blank is `_____`; `####` starts the general feedback;
- no braces: a description; empty braces: an essay; `{#…}`: numerical (`v`, `v:tol`,
  `min..max`, several `=` answers with `%weight%`, `~` wrong-answer feedback); a `~`: multiple
  choice (single answer when some answer starts with `=`; `%weight%` for partial credit);
  `=` and `->`: matching; `T`, `TRUE`, `F`, `FALSE`: true/false (then `#wrong#right`
  feedback); anything else: short answer; `#` gives an answer's feedback.

Where Moodle would crash or store nonsense (a `}` before the `{`, bounds that are not
numbers, a second answer block), the question is refused with a French message instead.
Nothing here knows nrgame's content model: see gift/mapping.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

FORMATS = ("moodle", "html", "plain", "markdown")
"""The text formats GIFT can name between brackets; Moodle's default is `moodle`."""

_PHP_SPACE = " \t\n\r\0\x0b"
"""What PHP's trim() removes: no-break spaces, frequent in French, are kept."""


def _trim(text: str) -> str:
    return text.strip(_PHP_SPACE)


class GiftError(Exception):
    """A question Moodle would not import (or would import wrongly), with its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"ligne {line} : {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class FormattedText:
    text: str
    format: str = "moodle"


NO_TEXT = FormattedText("")


@dataclass(frozen=True)
class GiftAnswer:
    """One answer: its text, its share of the mark (1 = right, 0.5, -1…) and its feedback.

    For a numerical answer, `text` is the number as written (`*` for « any other answer »),
    `value` its value and `tolerance` the accepted gap either side.
    """

    text: FormattedText
    fraction: float
    feedback: FormattedText = NO_TEXT
    value: float | None = None
    tolerance: float = 0.0


@dataclass(frozen=True)
class GiftQuestion:
    """A question as Moodle's importer would build it (its field names, in short)."""

    qtype: str
    """description, essay, multichoice, match, truefalse, shortanswer or numerical."""
    line: int
    name: str
    questiontext: FormattedText
    generalfeedback: FormattedText = NO_TEXT
    category: str = ""
    idnumber: str = ""
    tags: tuple[str, ...] = ()
    single: bool = True
    """multichoice: one answer to pick (some answer starts with `=`), else several."""
    answers: tuple[GiftAnswer, ...] = ()
    subquestions: tuple[tuple[FormattedText, str], ...] = ()
    """match: (left text, right text) pairs; an empty left text is a distractor."""
    correctanswer: bool = False
    feedbacktrue: FormattedText = NO_TEXT
    feedbackfalse: FormattedText = NO_TEXT
    missing_word: bool = False
    """Text followed the answers: the question text holds `_____` where they were."""


@dataclass(frozen=True)
class GiftCategory:
    name: str
    line: int


@dataclass
class GiftFile:
    """Every question of a file, in order, and every question refused, with its line."""

    questions: list[GiftQuestion] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)


# Escapes become private-use characters while the structure is parsed, then are put back.
_ESCAPES = {":": "\ue000", "#": "\ue001", "=": "\ue002", "{": "\ue003", "}": "\ue004"}
_ESCAPES["~"] = "\ue005"
_ESCAPES["n"] = "\ue006"
_UNESCAPE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()})


def _protect_escapes(text: str) -> str:
    """`\\\\` is a backslash, `\\:` `\\#` `\\=` `\\{` `\\}` `\\~` literal characters, `\\n` a
    line break; any other backslash stays as it is (Moodle's escapedchar_pre)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            following = text[i + 1]
            if following == "\\":
                out.append("\\")
                i += 2
                continue
            if following in _ESCAPES:
                out.append(_ESCAPES[following])
                i += 2
                continue
        out.append(char)
        i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return text.translate(_UNESCAPE)


def parse_text_with_format(text: str, default: str = "moodle") -> FormattedText:
    """`[html]texte` → the text and its format; an unknown name stays part of the text."""
    text_format = default
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMATS:
            text_format = text[1:end]
            text = text[end + 1 :]
    return FormattedText(_trim(_restore(text)), text_format)


_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]")


def idnumber_and_tags(comment: str) -> tuple[str, list[str]]:
    """`// [id:q1] [tag:loi]` → ("q1", ["loi"]); `\\]` is a bracket inside a value. A token
    cut by a line break is not one (Moodle's extract_idnumber_and_tags_from_comment)."""
    found = _ID.search(comment)
    idnumber = _trim(found.group(1)).replace("\\]", "]") if found else ""
    tags = [_trim(raw).replace("\\]", "]") for raw in _TAG.findall(comment)]
    return idnumber, tags


_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
_NUMERIC = re.compile(
    r"[ \t\n\r\x0b\x0c]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r\x0b\x0c]*"
)


def _numeric(text: str) -> float | None:
    """PHP's is_numeric, then the value (no `inf`, `nan` or `1_000` as Python would read)."""
    if not _NUMERIC.fullmatch(text):
        return None
    value = float(text)
    return value if abs(value) < 1e300 else None


def _weight(answer: str, line: int) -> tuple[float | None, str]:
    """`%50%texte` → (0.5, "texte"); no weight → (None, answer unchanged)."""
    if not _WEIGHT.match(answer):
        return None, answer
    end = answer.index("%", 1)
    value = _numeric(answer[1:end])
    if value is None:  # `%--50%`: Moodle's regular expression takes it, its arithmetic fails
        raise GiftError(line, f"poids « {_restore(answer[: end + 1])} » illisible")
    return value / 100, answer[end + 1 :]


def _comment(answer: str, default: str) -> tuple[FormattedText, FormattedText]:
    """`texte # retour` → the answer and its feedback."""
    text, _, feedback = answer.partition("#")
    has_feedback = "#" in answer
    return (
        parse_text_with_format(_trim(text), default),
        parse_text_with_format(_trim(feedback), default)
        if has_feedback
        else FormattedText("", default),
    )


def _drop_leading_empty(parts: list[str]) -> list[str]:
    if parts:
        parts[0] = _trim(parts[0])
        if not parts[0]:
            parts.pop(0)
    return parts


_TRUE_FALSE = ("T", "TRUE", "F", "FALSE")


def read_question(lines: Sequence[str], line: int = 1) -> GiftQuestion | GiftCategory | None:
    """One block of lines → a question, a category change, or None (only comments).

    `line` is the number of the block's first line in its file. Raises GiftError.
    """
    comments = ""
    kept: list[str] = []
    first = None
    for number, raw in enumerate(lines, start=line):
        if _trim(raw).startswith("//"):
            comments += _trim(raw) + "\n"
            kept.append(" ")
        else:
            kept.append(raw)
            if first is None and _trim(raw):
                first = number
    text = _trim("\n".join(kept))
    if not text:
        return None
    where = first or line
    text = _protect_escapes(text)

    if text.startswith("$CATEGORY:"):
        return GiftCategory(_trim(_restore(text[10:])), where)

    name: str | None = None
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end >= 0:
            name = _clean_name(_restore(text[:end]))
            text = _trim(text[end + 2 :])

    start, finish = text.find("{"), text.find("}")
    missing_word = False
    description = start < 0 and finish < 0
    if description:
        answertext = ""
        questiontext = text
    elif start < 0 or finish < 0:
        raise GiftError(where, "accolade manquante : il faut une « { » et une « } » (ou \\{ \\})")
    elif finish < start:
        raise GiftError(where, "« } » avant « { » : écrivez \\} pour une accolade dans le texte")
    else:
        answertext = _trim(text[start + 1 : finish])
        after = text[finish + 1 :]
        if "{" in after or "}" in after:
            raise GiftError(
                where,
                "plusieurs blocs de réponses { } : une question à trous multiples (cloze) "
                "ne s'écrit pas en GIFT",
            )
        missing_word = not text.endswith("}")
        questiontext = text[:start] + ("_____" if missing_word else "") + after

    generalfeedback = ""
    separator = answertext.rfind("####")
    if separator >= 0:
        generalfeedback = answertext[separator + 4 :]
        answertext = _trim(answertext[:separator])

    question_text = parse_text_with_format(questiontext)
    default = question_text.format
    base = GiftQuestion(
        qtype="",
        line=where,
        name=_default_name(question_text.text) if name is None else name,
        questiontext=question_text,
        generalfeedback=parse_text_with_format(generalfeedback, default),
        missing_word=missing_word,
    )
    idnumber, tags = idnumber_and_tags(comments)
    base = _replace(base, idnumber=idnumber, tags=tuple(tags))

    if description:
        return _replace(base, qtype="description")
    if answertext == "":
        return _replace(base, qtype="essay")
    if answertext.startswith("#"):
        return _numerical(base, answertext[1:], default)
    if "~" in answertext:
        return _multichoice(base, answertext, default)
    if "=" in answertext and "->" in answertext:
        return _match(base, answertext, default)
    check = answertext
    if answertext.find("#") > 0:
        check = _trim(answertext[: answertext.find("#")])
    if check in _TRUE_FALSE:
        return _truefalse(base, answertext, default)
    return _shortanswer(base, answertext, default)


def _replace(question: GiftQuestion, **changes: object) -> GiftQuestion:
    values = {name: getattr(question, name) for name in question.__dataclass_fields__}
    values.update(changes)
    return GiftQuestion(**values)


def _multichoice(base: GiftQuestion, answertext: str, default: str) -> GiftQuestion:
    single = "=" in answertext
    parts = _drop_leading_empty(answertext.replace("=", "~=").split("~"))
    if len(parts) < 2:
        raise GiftError(base.line, "il faut au moins deux réponses (« = » juste, « ~ » fausse)")
    answers = []
    for part in parts:
        answer = _trim(part)
        if answer.startswith("="):
            fraction: float | None = 1.0
            answer = answer[1:]
        else:
            fraction, answer = _weight(answer, base.line)
        text, feedback = _comment(answer, default)
        answers.append(GiftAnswer(text, fraction or 0.0, feedback))
    return _replace(base, qtype="multichoice", single=single, answers=tuple(answers))


def _match(base: GiftQuestion, answertext: str, default: str) -> GiftQuestion:
    parts = _drop_leading_empty(answertext.split("="))
    if len(parts) < 2:
        raise GiftError(base.line, "il faut au moins deux paires « =gauche -> droite »")
    pairs = []
    for part in parts:
        answer = _trim(part)
        marker = answer.find("->")
        if marker < 0:
            raise GiftError(
                base.line, f"paire « {_restore(answer)} » sans « -> » : écrivez =gauche -> droite"
            )
        left = parse_text_with_format(answer[:marker], default)
        pairs.append((left, _trim(_restore(answer[marker + 2 :]))))
    return _replace(base, qtype="match", subquestions=tuple(pairs))


def _truefalse(base: GiftQuestion, answertext: str, default: str) -> GiftQuestion:
    bits = answertext.split("#", 2)
    answer = parse_text_with_format(_trim(bits[0]), default).text
    wrong, right = (
        parse_text_with_format(_trim(bits[n]), default)
        if len(bits) > n
        else FormattedText("", default)
        for n in (1, 2)
    )
    true = answer in ("T", "TRUE")
    return _replace(
        base,
        qtype="truefalse",
        correctanswer=true,
        feedbacktrue=right if true else wrong,
        feedbackfalse=wrong if true else right,
    )


def _shortanswer(base: GiftQuestion, answertext: str, default: str) -> GiftQuestion:
    answers = []
    for part in _drop_leading_empty(answertext.split("=")):
        fraction, answer = _weight(_trim(part), base.line)
        text, feedback = _comment(answer, default)
        answers.append(GiftAnswer(text, 1.0 if fraction is None else fraction, feedback))
    if not answers:
        raise GiftError(base.line, "il faut au moins une réponse")
    return _replace(base, qtype="shortanswer", answers=tuple(answers))


def _numerical(base: GiftQuestion, answertext: str, default: str) -> GiftQuestion:
    wrong_feedback = ""
    tilde = answertext.find("~")
    if tilde >= 0:
        wrong_feedback = answertext[tilde:]
        answertext = answertext[:tilde]
    parts = _drop_leading_empty(answertext.split("="))
    if not parts:
        raise GiftError(base.line, "question numérique sans réponse : écrivez {#valeur}")
    answers = []
    for part in parts:
        fraction, answer = _weight(_trim(part), base.line)
        text, feedback = _comment(answer, default)
        written = text.text
        value, tolerance = _number_and_tolerance(written, base.line)
        answers.append(
            GiftAnswer(
                FormattedText(written if value is not None else "*", text.format),
                1.0 if fraction is None else fraction,
                feedback,
                value,
                tolerance,
            )
        )
    if wrong_feedback:
        _, feedback = _comment(wrong_feedback, default)
        answers.append(GiftAnswer(FormattedText("*", default), 0.0, feedback))
    return _replace(base, qtype="numerical", answers=tuple(answers))


def _number_and_tolerance(written: str, line: int) -> tuple[float | None, float]:
    """`3:2` → (3, 2); `1..5` → (3, 2); `3` → (3, 0). A value that is no number is, as in
    Moodle, « any answer » (None); a tolerance or a bound that is no number is refused."""
    if written.find("..") > 0:
        low_text, high_text = written.split("..", 1)
        low, high = _numeric(_trim(low_text)), _numeric(_trim(high_text))
        if low is None or high is None:
            raise GiftError(line, f"intervalle « {written} » : min..max attendu, en chiffres")
        middle = (low + high) / 2
        return middle, high - middle
    if written.find(":") > 0:
        value_text, tolerance_text = written.split(":", 1)
        tolerance = _numeric(_trim(tolerance_text))
        if tolerance is None:
            raise GiftError(line, f"tolérance « {_trim(tolerance_text)} » : un nombre attendu")
        return _numeric(_trim(value_text)), tolerance
    return _numeric(_trim(written)), 0.0


_TAGS = re.compile(r"<[^>]*>")


def _clean_name(name: str) -> str:
    """A question name as Moodle keeps it: no markup, trimmed, 255 characters at most."""
    return _trim(_TAGS.sub("", name))[:255]


def _default_name(text: str) -> str:
    """Moodle names an unnamed question after the start of its text (80 characters)."""
    flat = _trim(re.sub(r"[ \t\n\r]+", " ", _TAGS.sub(" ", text)))
    return _clean_name(flat[:80]) or "Question"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def parse_gift(text: str) -> GiftFile:
    """A whole file: blocks between blank lines, each read by read_question."""
    result = GiftFile()
    category = ""
    block: list[str] = []
    start = 1
    lines = _LINE_BREAK.split(text)
    for number, raw in enumerate([*lines, ""], start=1):
        line = _trim(raw)
        if line and line != "0":  # PHP's empty() holds "0" blank too, so Moodle does
            if not block:
                start = number
            block.append(line)
            continue
        if not block:
            continue
        try:
            item = read_question(block, start)
        except GiftError as exc:
            result.errors.append(exc)
        else:
            if isinstance(item, GiftCategory):
                category = item.name
            elif item is not None:
                result.questions.append(_replace(item, category=category))
        block = []
    return result
