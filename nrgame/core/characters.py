"""Characters no content text may hold, and how a message names or quotes them safely.

Content reaches the terminal: a control character could rewrite the screen, a bidirectional
control reverse a line, an invisible one make two different options look the same.
"""

from __future__ import annotations

import re

from nrgame.core.french import format_number

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
"""Characters no content text may hold: C0 and C1 controls but tab, line feed, carriage return;
bidirectional controls (an U+202E reverses the rest of a terminal line); zero-width and other
invisible characters (two options differing by an U+200B look the same)."""


_INVISIBLE_NAMES = {
    "\u00a0": "espace insécable",
    "\u202f": "espace fine insécable",
    "\u2007": "espace tabulaire",
    "\u2009": "espace fine",
    "\u0020": "espace",
    "\u200b": "espace sans chasse",
    "\u200c": "antiliant sans chasse",
    "\u200d": "liant sans chasse",
    "\u2060": "gluon de mots",
    "\ufeff": "indicateur d'ordre des octets",
    "\u00ad": "trait d'union conditionnel",
}


_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def char_name(char: str) -> str:
    """« U+202E (contrôle de direction) », « U+00A0 (espace insécable) », « U+0041 »."""
    code = f"U+{ord(char):04X}"
    name = _INVISIBLE_NAMES.get(char)
    if name is None and char in _BIDI:
        name = "contrôle de direction"
    elif name is None and FORBIDDEN.fullmatch(char):
        name = "caractère de contrôle" if ord(char) < 0xA0 else "caractère invisible"
    return f"{code} ({name})" if name else code


def forbidden_character(char: str) -> str:
    """What the loader says of a character no text may hold."""
    if ord(char) < 0xA0:
        return f"caractère de contrôle interdit (U+{ord(char):04X})"
    return f"caractère invisible interdit : {char_name(char)}"


def shown(text: str) -> str:
    """A text safe to print: every control, bidirectional or invisible character as U+XXXX."""
    return FORBIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


EXCERPT = 60
"""Characters of a value a message quotes at most."""


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short, printable excerpt of a value, for a message: « abc… (10 000 caractères) »."""
    text = str(value)
    if len(text) > limit:
        text = f"{text[:limit]}… ({format_number(len(text))} caractères)"
    return shown(text)
