"""`nrgame records export FILE` / `import FILE`: pool the sessions of several laptops.
`nrgame records forget ALIAS` / `purge --older-than N`: personal data, as
docs/donnees-personnelles.md explains.
`nrgame records minutes SESSION`: a room session's minutes, made again from the record.

The export format is imported when an action runs, not at every `nrgame` start.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nrgame import settings
from nrgame.cli.common import add_command, load, open_existing_store, open_store
from nrgame.core.french import plural
from nrgame.usecases.open_store import Store

if TYPE_CHECKING:
    from nrgame.usecases.export_import import ImportResult

SHARED_DEFAULT = "postgresql:///?service=nrgame"
"""The shared base when none is given: a libpq service, so no password is typed."""


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "records",
        "séances enregistrées : export, import, oubli d'un apprenant, purge des anciennes",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    export = add_command(
        actions,
        "export",
        "écrit toutes les séances, les apprenants et leurs révisions dans un fichier JSON",
    )
    export.add_argument("file", type=Path, metavar="FICHIER")
    export.set_defaults(run=run_export)
    load = add_command(
        actions,
        "import",
        "ajoute les séances et les apprenants d'un export ; une séance déjà présente n'est "
        "jamais écrasée",
    )
    load.add_argument("file", type=Path, metavar="FICHIER")
    load.add_argument("--json", action="store_true", help="résultat en JSON")
    load.set_defaults(run=run_import)
    forget = add_command(
        actions,
        "forget",
        "oublie un apprenant : son pseudonyme disparaît de la base, les indicateurs restent",
    )
    forget.add_argument("alias", metavar="PSEUDONYME")
    forget.set_defaults(run=run_forget)
    old = add_command(
        actions,
        "purge",
        "efface le détail des séances anciennes (réponses, pseudonymes, noms) en gardant les "
        "indicateurs",
    )
    old.add_argument(
        "--older-than",
        type=_months,
        required=True,
        metavar="MOIS",
        help="durée de conservation, en mois : ce qui est plus ancien est effacé",
    )
    old.set_defaults(run=run_purge)
    send = add_command(
        actions,
        "push",
        "envoie les séances terminées de cette base à la base partagée de la collectivité ; "
        "une séance déjà envoyée n'est jamais écrasée",
    )
    send.add_argument(
        "address",
        nargs="?",
        type=settings.base_target,
        default=SHARED_DEFAULT,
        metavar="ADRESSE",
        help=f"la base partagée (par défaut : {SHARED_DEFAULT}, le service décrit dans "
        "docs/base-partagee.md)",
    )
    send.set_defaults(run=run_push)
    _register_minutes(actions)
    parser.set_defaults(run=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print(
        "nrgame records : précisez une action (export, import, forget, purge, push ou minutes).",
        file=sys.stderr,
    )
    return 2


def run_export(args: argparse.Namespace) -> int:
    from nrgame.usecases.export_import import RecordsFileError, write_export

    store = open_existing_store(args, "nrgame records")
    try:
        count, learners = write_export(store, args.file, datetime.now())
    except RecordsFileError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    sessions = f"{plural(count, 'séance')} exportée{'s' if count > 1 else ''}"
    if learners:
        sessions = (
            f"{plural(count, 'séance')} et {plural(learners, 'apprenant')} "
            f"(avec {'ses' if learners == 1 else 'leurs'} révisions) exportés"
        )
    print(f"{sessions} dans {args.file}.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from nrgame.usecases.export_import import RecordsFileError, import_records, read_export

    try:
        data = read_export(args.file)
    except RecordsFileError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        print("Rien n'a été importé.", file=sys.stderr)
        return 2
    store = open_store(args)
    try:
        result = import_records(store, data, str(args.file))
    except RecordsFileError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        print("Rien n'a été importé.", file=sys.stderr)
        return 2
    finally:
        store.close()
    if args.json:
        print(json.dumps(vars(result), indent=2))
    else:
        added, same = len(result.added), len(result.unchanged)
        print(
            f"{args.file} : {plural(added, 'séance')} ajoutée{'s' if added > 1 else ''}, "
            f"{same} déjà présente{'s' if same > 1 else ''}, "
            f"{len(result.conflicts)} en conflit."
        )
        _print_learners(result)
    for sid in result.conflicts:
        print(
            f"Conflit : la séance {sid} existe ici avec un autre contenu ; "
            "elle est gardée telle quelle.",
            file=sys.stderr,
        )
    return 1 if result.conflicts else 0


def _print_learners(result: ImportResult) -> None:
    added, updated, same = (
        result.learners_added,
        result.learners_updated,
        result.learners_unchanged,
    )
    if added + updated + same + result.learners_forgotten == 0:
        return
    line = (
        f"Apprenants : {added} ajouté{'s' if added > 1 else ''}, "
        f"{updated} mis à jour, {same} déjà à jour ; "
        f"{plural(result.cards_added, 'carte')} de révision ajoutée"
        f"{'s' if result.cards_added > 1 else ''}, {result.cards_updated} remplacée"
        f"{'s' if result.cards_updated > 1 else ''} par une révision plus récente."
    )
    print(line)
    forgotten = result.learners_forgotten
    if forgotten == 1:
        print(
            "1 apprenant du fichier, oublié sur cet ordinateur, n'a pas été réimporté : "
            "son pseudonyme reste effacé."
        )
    elif forgotten:
        print(
            f"{forgotten} apprenants du fichier, oubliés sur cet ordinateur, n'ont pas été "
            "réimportés : leurs pseudonymes restent effacés."
        )


def _register_minutes(actions: Any) -> None:
    minutes = add_command(
        actions,
        "minutes",
        "refait le compte rendu d'une séance en salle à partir de ce qui est enregistré "
        "(public corrigé compris)",
    )
    minutes.add_argument(
        "session",
        metavar="SÉANCE",
        help="identifiant de la séance, ou ses premiers signes (liste des séances)",
    )
    minutes.add_argument(
        "--format",
        choices=["md", "odt"],
        default="md",
        help="md (Markdown, par défaut) ou odt (texte OpenDocument)",
    )
    minutes.add_argument(
        "--out",
        type=Path,
        metavar="FICHIER",
        help="fichier ou dossier où écrire ; par défaut, le dossier des téléchargements",
    )
    minutes.set_defaults(run=run_minutes)


def run_minutes(args: argparse.Namespace) -> int:
    from nrgame import settings
    from nrgame.usecases.minutes import (
        MinutesError,
        MinutesFormat,
        session_minutes,
        write_minutes,
    )

    catalog = load(args)
    store = open_existing_store(args, "nrgame records")
    try:
        minutes = session_minutes(store, catalog, args.session)
    except MinutesError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    out = args.out if args.out is not None else settings.downloads_dir()
    try:
        written = write_minutes(minutes, out, MinutesFormat(args.format))
    except MinutesError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        return 1
    print(f"Compte rendu écrit dans {written}.")
    return 0


def _months(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"« {text} » : un nombre de mois, 1 au moins")
    return int(text)


def run_forget(args: argparse.Namespace) -> int:
    from nrgame.usecases.forget import PrivacyError, forget_learner

    store = open_existing_store(args, "nrgame records")
    try:
        done = forget_learner(store, args.alias)
    except PrivacyError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"Le pseudonyme « {done.alias} » est oublié : il a disparu de "
        f"{plural(done.sessions, 'séance')} et de {plural(done.certifications, 'attestation')}, "
        f"{plural(done.reviews, 'carte')} de révision effacée{'s' if done.reviews > 1 else ''}. "
        "Les indicateurs comptent toujours cette personne, sans savoir qui elle est."
    )
    _after_erasure(store, done.scrubbed)
    return 0


def run_purge(args: argparse.Namespace) -> int:
    from nrgame.core.french import long_date
    from nrgame.usecases.forget import PrivacyError, purge

    store = open_existing_store(args, "nrgame records")
    try:
        done = purge(store, args.older_than, date.today())
    except PrivacyError as exc:
        print(f"nrgame records : {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"Données détaillées d'avant le {long_date(done.cutoff)} effacées : "
        f"{plural(done.answers, 'réponse')}, le détail de {plural(done.sessions, 'séance')}, "
        f"{plural(done.learners, 'pseudonyme')} d'apprenant{'s' if done.learners > 1 else ''} "
        "plus venu depuis. Les indicateurs (actions, publics, partenaires, attestations) ne "
        "changent pas."
    )
    _after_erasure(store, done.scrubbed)
    return 0


def _after_erasure(store: Store, scrubbed: bool) -> None:
    from nrgame.usecases.forget import backup_copies

    if not scrubbed:
        print(
            "Attention : les anciennes valeurs n'ont pas pu être effacées du journal de la "
            "base : un autre programme (l'application ?) l'a ouverte, ou, sur une base "
            "partagée, ce compte n'est pas propriétaire des tables. Fermez l'autre programme "
            "ou utilisez le compte propriétaire, puis relancez la commande.",
            file=sys.stderr,
        )
    copies = backup_copies(store)
    if copies:
        print(
            "Ces copies de sécurité, faites avant des mises à jour, gardent les données d'alors ; "
            "supprimez-les si elles ne servent plus :",
            file=sys.stderr,
        )
        for copy in copies:
            print(f"  {copy}", file=sys.stderr)


def run_push(args: argparse.Namespace) -> int:
    from nrgame.usecases.open_store import open_store as open_base
    from nrgame.usecases.push import push

    local = open_existing_store(args, "nrgame records")
    try:
        shared = open_base(args.address)
        try:
            done = push(local, shared, datetime.now())
        finally:
            shared.close()
    finally:
        local.close()
    added, same = len(done.added), len(done.unchanged)
    print(
        f"{shared.path} : {plural(added, 'séance')} envoyée{'s' if added > 1 else ''}, "
        f"{same} déjà présente{'s' if same > 1 else ''}, {len(done.conflicts)} en conflit."
    )
    _print_learners(done.learners)
    running = len(done.running)
    if running:
        print(
            f"{plural(running, 'séance')} en cours, envoyée{'s' if running > 1 else ''} "
            f"une fois terminée{'s' if running > 1 else ''}."
        )
    for sid in done.conflicts:
        print(
            f"Conflit : la séance {sid} est déjà sur la base partagée avec un autre contenu ; "
            "rien n'a été écrasé, ni ici ni là-bas.",
            file=sys.stderr,
        )
    return 1 if done.conflicts else 0
