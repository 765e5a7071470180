"""Reading and writing what a facilitator declares about a session: date, audience, partners.

The same syntax serves the set-up form and the command line:

- a date: `2026-03-02` or `02/03/2026`;
- an audience: `agents=12,elus=3~` — a count per segment, `~` marking an estimate;
  segments may be written with or without accents (`élus`, `elus`);
- partners: `Repair café du quartier (association); Lycée Jean-Moulin` — separated by `;`,
  the kind of organisation in brackets if wanted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from nrgame.core.content import AUDIENCE_LABELS, Audience
from nrgame.core.french import NumberError, format_number, parse_whole
from nrgame.core.sessions import AudienceCount, Partner


class DeclareError(ValueError):
    """A declaration that cannot be read, said in French."""


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def find_segment(text: str) -> Audience:
    """`élus`, `Elus` or `elus` → Audience.ELUS."""
    wanted = _plain(text)
    for segment in Audience:
        if wanted in (segment.value, _plain(AUDIENCE_LABELS[segment])):
            return segment
    known = ", ".join(segment.value for segment in Audience)
    raise DeclareError(f"public « {text.strip()} » inconnu (publics : {known})")


PLAUSIBLE: dict[Audience, int] = {
    Audience.AGENTS: 500,
    Audience.ELUS: 150,
    Audience.CITOYENS: 1_000,
    Audience.SCOLAIRES: 500,
    Audience.ASSOCIATIONS: 200,
    Audience.ENTREPRISES: 200,
    Audience.PARTENAIRES: 200,
}
"""Above these, one session's count is asked to be confirmed: a hall seldom holds more, and
a typing slip (an extra zero) is likelier. A full-council session with all élus of a big EPCI
stays below 150; a citizens' stand on a market day may reach a thousand passers-by."""

MAXIMUM = 100_000
"""Never accepted for one segment of one session, confirmed or not."""


def parse_count(text: str, segment: Audience) -> AudienceCount:
    """`12` (counted) or `12~` (estimated): a whole number read strictly (core/french.py).

    « 1e9 », « 12,5 », « -3 » or « douze » are refused with what to type instead, never read
    as something else.
    """
    raw = text.strip()
    estimated = raw.endswith("~")
    label = segment.label.capitalize()
    try:
        count = parse_whole(raw.rstrip("~"))
    except NumberError as exc:
        # « « 1e9 » : écrivez… » → « écrivez… »: the value is quoted once, by this message.
        why = re.sub(r"^« .*? » (?:: )?", "", str(exc))
        if why.startswith("n'est pas "):
            why = why.removeprefix("n'est pas ") + " attendu"
        raise DeclareError(f"{label} : « {raw} » n'est pas un effectif ({why})") from None
    if count > MAXIMUM:
        raise DeclareError(
            f"{label} : {format_number(count)}, c'est plus que le maximum accepté pour une "
            f"séance ({format_number(MAXIMUM)})"
        )
    return AudienceCount(segment, count, estimated)


def implausible(audience: Iterable[AudienceCount]) -> list[str]:
    """The counts above their plausible bound, said in French, for a confirmation."""
    return [
        f"{format_number(a.count)} {a.segment.label} (au-delà de "
        f"{format_number(PLAUSIBLE[a.segment])} pour une séance)"
        for a in audience
        if a.count > PLAUSIBLE[a.segment]
    ]


def parse_audience(specs: Iterable[str]) -> list[AudienceCount]:
    """`agents=12,elus=3~` (several specs may be given); a segment may appear once."""
    counts: dict[Audience, AudienceCount] = {}
    for spec in specs:
        for part in spec.split(","):
            if not part.strip():
                continue
            name, equals, value = part.partition("=")
            if not equals and counts and part.strip().isascii() and part.strip().isdigit():
                last = list(counts.values())[-1]
                raise DeclareError(
                    f"{last.segment.label.capitalize()} : « {last.count},{part.strip()} » n'est "
                    "pas un effectif (un effectif est un nombre entier de personnes, sans virgule)"
                )
            if not equals:
                raise DeclareError(f"« {part.strip()} » : public=effectif attendu (agents=12)")
            segment = find_segment(name)
            if segment in counts:
                raise DeclareError(f"le public « {segment.label} » est donné deux fois")
            counts[segment] = parse_count(value, segment)
    return [counts[segment] for segment in Audience if segment in counts]


_PARTNER = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<kind>[^()]*)\))?$")


def parse_partners(text: str) -> list[Partner]:
    """`Repair café (association); Lycée Jean-Moulin` → two partners."""
    partners: list[Partner] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        found = _PARTNER.match(part.strip())
        assert found is not None  # the pattern matches any text
        name = found.group("name").strip()
        if not name:
            raise DeclareError(f"« {part.strip()} » : le nom du partenaire manque")
        if any(p.name == name for p in partners):
            raise DeclareError(f"le partenaire « {name} » est donné deux fois")
        partners.append(Partner(name, (found.group("kind") or "").strip()))
    return partners


def describe_partner(partner: Partner) -> str:
    return f"{partner.name} ({partner.kind})" if partner.kind else partner.name


def describe_count(count: AudienceCount) -> str:
    """« 12 agents (compté) », « 3 élus (estimation) »."""
    how = "estimation" if count.estimated else "compté"
    return f"{format_number(count.count)} {count.segment.label} ({how})"


def describe_audience(audience: list[AudienceCount]) -> str:
    """« 15 personnes : 12 agents (compté), 3 élus (estimation) », segments in a fixed order."""
    if not audience:
        return "non déclaré"
    people = sum(a.count for a in audience)
    word = "personne" if people <= 1 else "personnes"
    order = list(Audience)
    in_order = sorted(audience, key=lambda a: order.index(a.segment))
    details = ", ".join(describe_count(a) for a in in_order)
    return f"{format_number(people)} {word} : {details}"
