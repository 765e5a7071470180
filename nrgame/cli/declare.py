"""What every scripted group session declares, and how it is recorded only once.

`nrgame quiz … --teams/--vote/--salle` and `nrgame scenario play` take the same flags for
the set-up (kind, date, place, facilitator, audience, partners) that the app's forms ask for,
checked the same way (core/declare.py). A scripted run is known by the digest of what it
plays: run again, a finished run is refused (unless --again) and a cut-off one is completed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from datetime import datetime

from nrgame.core.declare import DeclareError, implausible, parse_audience, parse_partners
from nrgame.core.french import DateError, long_date, parse_day
from nrgame.core.sessions import SessionKind, SessionSetup
from nrgame.usecases.open_store import SessionRecord, Store
from nrgame.usecases.scripted_runs import earlier_runs

CONFIRM_HELP = "accepte les effectifs et les votes au-delà des bornes de vraisemblance"


def add_setup_arguments(group: argparse._ArgumentGroup, kinds: Sequence[SessionKind]) -> None:
    """The set-up flags; --kind only when the command allows several kinds."""
    if len(kinds) > 1:
        group.add_argument(
            "--kind",
            choices=[kind.value for kind in kinds],
            default=None,
            help=f"sorte de séance (par défaut : {kinds[0].value})",
        )
    group.add_argument(
        "--date", metavar="DATE", help="jj/mm/aaaa ou aaaa-mm-jj (par défaut : ce jour)"
    )
    group.add_argument("--place", metavar="LIEU", default="", help="lieu de la séance")
    group.add_argument("--facilitator", metavar="NOM", default="", help="animateur ou animatrice")
    group.add_argument(
        "--audience",
        action="append",
        default=[],
        metavar="PUBLICS",
        help="public par segment : agents=12,elus=3~ (~ : effectif estimé) ; répétable",
    )
    group.add_argument(
        "--partner",
        action="append",
        default=[],
        metavar="PARTENAIRE",
        help="organisation partenaire, son type entre parenthèses : « Repair café (association) »",
    )
    group.add_argument("--confirm", action="store_true", help=CONFIRM_HELP)
    group.add_argument(
        "--again",
        action="store_true",
        help="enregistre de nouveau une feuille déjà enregistrée (une autre séance, jouée avec "
        "les mêmes réponses)",
    )


def setup_from(args: argparse.Namespace, default: SessionKind) -> SessionSetup:
    """The declared set-up; raises DeclareError or DateError with a French message."""
    audience = parse_audience(args.audience)
    too_many = implausible(audience)
    if too_many and not args.confirm:
        raise DeclareError(
            "--audience : " + ", ".join(too_many) + ". Vérifiez l'effectif, ou ajoutez "
            "--confirm s'il est juste."
        )
    return SessionSetup(
        kind=SessionKind(getattr(args, "kind", None) or default.value),
        day=parse_day(args.date) if args.date else datetime.now().date(),
        place=args.place.strip(),
        facilitator=args.facilitator.strip(),
        audience=audience,
        partners=[p for spec in args.partner for p in parse_partners(spec)],
    )


def setup_error(exc: DeclareError | DateError) -> int:
    print(f"nrgame : {exc}", file=sys.stderr)
    return 2


def run_digest(*parts: object) -> str:
    """What a scripted run plays, as a digest: the command, the deck or scenario, the rules,
    the answer sheet or moves file (line endings and trailing spaces aside), the set-up."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def normal_sheet(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()


def setup_key(setup: SessionSetup) -> dict[str, object]:
    return {
        "kind": setup.kind.value,
        "day": setup.day.isoformat(),
        "place": setup.place,
        "facilitator": setup.facilitator,
        "audience": [[a.segment.value, a.count, a.estimated] for a in setup.audience],
        "partners": [[p.name, p.kind] for p in setup.partners],
    }


def earlier_run(
    store: Store, digest: str, again: bool, source: object
) -> tuple[SessionRecord | None, str | None]:
    """The cut-off run to complete, if any, or a French refusal if this run was recorded.

    With `again`, the run is another session played the same way: always a new one."""
    if again:
        return None, None
    done, cut = earlier_runs(store, digest)
    if done is not None:
        return None, already_recorded(source, done)
    return cut, None


def already_recorded(source: object, record: SessionRecord | None) -> str:
    when = ""
    if record is not None:
        when = (
            f" le {long_date(record.started_at.date())} à {record.started_at:%H:%M} "
            f"(séance {record.id})"
        )
    return (
        f"{source} a déjà été enregistré{when} ; rien n'a été ajouté. S'il s'agit d'une autre "
        "séance jouée de la même façon, ajoutez --again."
    )
