"""French ways of writing numbers and dates, in one place for every screen and document."""

from __future__ import annotations

import re
from datetime import date

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class DateError(ValueError):
    """A date that cannot be read, said in French."""


class NumberError(ValueError):
    """A whole number that cannot be read, said in French."""


def format_number(value: float) -> str:
    """A number the French way: 29,5 ; 1 932 ; 0,4."""
    # A report formats hundreds of thousands of small counts: they need no separator.
    if type(value) is int and -1000 < value < 1000:
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        text = f"{int(value):,}".replace(",", "\u202f")
    else:
        text = f"{value:,.6g}" if abs(value) >= 1000 else f"{value:.6g}"
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def plural(count: int, word: str) -> str:
    """« 1 série », « 3 séries »: French plural of the regular nouns the app counts."""
    return f"{format_number(count)} {word}{'s' if count > 1 else ''}"


def ending(count: int) -> str:
    """The plural « s » of a word agreeing with a count: « 1 comptée », « 2 comptées »."""
    return "s" if count > 1 else ""


def long_date(day: date, year: bool = True) -> str:
    """« 1er mars 2026 », « 14 juillet 2026 » (« 14 juillet » without the year)."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def month_label(key: str) -> str:
    """« mars 2026 » from « 2026-03 »."""
    return f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}"


def parse_day(text: str) -> date:
    """`2026-03-02` or `02/03/2026` (also `2/3/2026`); raises DateError."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if found:
            day, month, year = (int(part) for part in found.groups())
            return date(year, month, day)
    except ValueError:
        raise DateError(f"« {text} » n'est pas une date qui existe") from None
    raise DateError(f"« {text} » n'est pas une date (jj/mm/aaaa ou aaaa-mm-jj)")


_SPACES = "[ \u00a0\u202f]"
_WHOLE = re.compile(rf"[0-9]+|[0-9]{{1,3}}(?:{_SPACES}[0-9]{{3}})+")
"""« 12 », « 1200 » or « 1 200 » (thousands apart by a space, as French writes them)."""


def parse_whole(text: str) -> int:
    """A whole number as a person types it, read strictly; raises NumberError saying why.

    Only digits, with spaces between thousands if wanted: « 1e9 », « 12,5 », « -3 » or
    « douze » are refused, never read as something else.
    """
    raw = text.strip()
    if _WHOLE.fullmatch(raw):
        return int(re.sub(r"[^0-9]", "", raw))
    if not raw:
        raise NumberError("rien n'est saisi : un nombre entier est attendu")
    if re.fullmatch(r"[-−–]\s*[0-9][0-9 \u00a0\u202f.,]*", raw):
        raise NumberError(f"« {raw} » : un nombre négatif n'a pas de sens ici")
    if re.fullmatch(r"[0-9][0-9 \u00a0\u202f]*[.,][0-9]+", raw):
        raise NumberError(f"« {raw} » n'est pas un nombre entier : pas de décimales ici")
    if re.fullmatch(r"[0-9.,]+\s*[eE]\s*[-+]?[0-9]+", raw):
        raise NumberError(
            f"« {raw} » : écrivez le nombre en chiffres, sans puissance de dix (pas de « e »)"
        )
    raise NumberError(f"« {raw} » n'est pas un nombre entier écrit en chiffres")
