"""`nrgame scenario check|simulate|play`: tools for board-scenario authors and facilitators.

The rules engine, simulator and exports are imported by the actions that use them: every
`nrgame` start registers this command, and the app's start-up need not load them.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nrgame import settings
from nrgame.cli import declare
from nrgame.cli.common import add_command, open_store, print_errors
from nrgame.core.catalog import Catalog, load_catalog
from nrgame.core.declare import DeclareError
from nrgame.core.files import write_atomic
from nrgame.core.french import DateError, format_number, parse_day, plural
from nrgame.core.loader import ContentFileError, read_text
from nrgame.core.scenario import Scenario
from nrgame.core.sessions import SessionKind, SessionSetup

if TYPE_CHECKING:
    from nrgame.core.board_game import Game
    from nrgame.core.simulate import Report

SCENARIO_HELP = "fichier de scénario (YAML) ou identifiant d'un scénario fourni"


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, "scenario", "vérifie, simule ou rejoue un jeu de plateau")
    commands = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    parser.set_defaults(run=lambda args: _usage(parser))

    check = add_command(commands, "check", "vérifie un scénario au-delà du schéma")
    check.add_argument("scenario", metavar="SCÉNARIO", help=SCENARIO_HELP)
    check.add_argument("--json", action="store_true", help="résultat en JSON")
    check.set_defaults(run=run_check)

    sim = add_command(commands, "simulate", "joue des parties avec des stratégies simples")
    sim.add_argument("scenario", metavar="SCÉNARIO", help=SCENARIO_HELP)
    sim.add_argument(
        "--games", type=int, default=1000, metavar="N", help="parties par stratégie (1000)"
    )
    sim.add_argument("--seed", type=int, default=0, metavar="S", help="graine des tirages (0)")
    sim.add_argument("--json", action="store_true", help="résultat en JSON")
    sim.set_defaults(run=run_simulate)

    printed = add_command(
        commands, "print", "écrit le jeu à imprimer (règles, plateau, feuille de tours, cartes)"
    )
    printed.add_argument("scenario", metavar="SCÉNARIO", help=SCENARIO_HELP)
    printed.add_argument(
        "--out",
        type=Path,
        metavar="FICHIER",
        help="page HTML à écrire (défaut : <scénario>-a-imprimer.html dans le dossier courant)",
    )
    printed.set_defaults(run=run_print)

    play = add_command(commands, "play", "rejoue une partie notée dans un fichier de coups")
    play.add_argument("scenario", metavar="SCÉNARIO", help=SCENARIO_HELP)
    play.add_argument(
        "--moves",
        type=Path,
        required=True,
        metavar="FICHIER",
        help="fichier de coups : « tour N : cartes » par ligne (voir docs/scenarios.md)",
    )
    play.add_argument(
        "--seed",
        type=int,
        metavar="S",
        help="graine, si le fichier n'en donne pas (défaut : celle du scénario)",
    )
    play.add_argument(
        "--out",
        type=Path,
        metavar="CHEMIN",
        help="écrit la feuille de route en CHEMIN.md, CHEMIN.csv et CHEMIN.odt",
    )
    play.add_argument("--no-record", action="store_true", help="rejoue sans enregistrer la séance")
    declare.add_setup_arguments(
        play.add_argument_group("qui a joué (pour le bilan de la loi REEN)"),
        [SessionKind.JEU_PLATEAU],
    )
    play.add_argument("--json", action="store_true", help="résultat en JSON")
    play.set_defaults(run=run_play)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def find_scenarios(args: argparse.Namespace) -> tuple[Catalog, list[Scenario]] | None:
    """The catalog and the scenarios the argument names (a file's, or one bundled id)."""
    extra: list[Path] = list(getattr(args, "content", []))
    bundled = [settings.bundled_content(), settings.bundled_scenarios()]
    path = Path(args.scenario)
    if path.is_file():
        inside = any(_within(path, folder) for folder in bundled + extra)
        # A scenario file is read with the content of its own folder: the figures it cites
        # usually sit beside it.
        own = [bundled[0], *extra, path.parent]
        catalog = load_catalog(bundled + extra if inside else own)
        chosen = [
            s
            for s in catalog.scenarios.values()
            if Path(catalog.places[s.id].file).resolve() == path.resolve()
        ]
        if catalog.ok and not chosen:
            print(
                f"nrgame : {path} ne contient aucun scénario (rubrique scenarios:)", file=sys.stderr
            )
            return None
    else:
        catalog = load_catalog(bundled + extra)
        chosen = [catalog.scenarios[args.scenario]] if args.scenario in catalog.scenarios else []
        if catalog.ok and not chosen:
            known = ", ".join(sorted(catalog.scenarios)) or "aucun"
            print(
                f"nrgame : « {args.scenario} » n'est ni un fichier ni un scénario connu "
                f"(scénarios : {known})",
                file=sys.stderr,
            )
            return None
    if not catalog.ok:
        print_errors(catalog)
        return None
    return catalog, chosen


def _within(path: Path, folder: Path) -> bool:
    return folder.is_dir() and path.resolve().is_relative_to(folder.resolve())


def run_check(args: argparse.Namespace) -> int:
    found = find_scenarios(args)
    if found is None:
        return 2
    _, scenarios = found
    if args.json:
        print(json.dumps([_facts(s) for s in scenarios], ensure_ascii=False, indent=2))
        return 0
    for s in scenarios:
        facts = _facts(s)
        print(f"Scénario « {s.id} » valide : {s.title}")
        print(
            f"  {plural(len(s.cards), 'carte')}, {plural(len(s.events), 'événement')}, "
            f"{plural(len(s.objectives), 'objectif')}, {plural(s.turns.count, 'tour')} "
            f"(1 tour = 1 {s.turns.unit}), environ {s.duration} minutes"
        )
        print(
            f"  Ressources de la partie : {format_number(facts['budget'])} k€ et "
            f"{format_number(facts['days'])} jours-agents ; toutes les cartes coûtent "
            f"{format_number(facts['cards_budget'])} k€ et "
            f"{format_number(facts['cards_days'])} jours-agents"
        )
    return 0


def _facts(s: Scenario) -> dict[str, Any]:
    resources = s.authority.resources
    return {
        "id": s.id,
        "title": s.title,
        "cards": len(s.cards),
        "events": len(s.events),
        "objectives": len(s.objectives),
        "turns": s.turns.count,
        "duration": s.duration,
        "budget": resources.budget * s.turns.count,
        "days": resources.days * s.turns.count,
        "cards_budget": sum(c.cost.budget for c in s.cards),
        "cards_days": sum(c.cost.days for c in s.cards),
    }


def run_simulate(args: argparse.Namespace) -> int:
    from nrgame.core.board_rules import Rules
    from nrgame.core.simulate import STRATEGIES, simulate

    if not 1 <= args.games <= 10_000_000:
        print("nrgame : --games : entre 1 et 10 000 000 parties", file=sys.stderr)
        return 2
    if args.seed < 0:
        print("nrgame : --seed : nombre entier positif attendu", file=sys.stderr)
        return 2
    found = find_scenarios(args)
    if found is None:
        return 2
    reports = [simulate(Rules(s), args.games, args.seed, STRATEGIES) for s in found[1]]
    if args.json:
        data = [r.to_json() for r in reports]
        print(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        return 0
    for report in reports:
        _print_report(report)
    return 0


def _percent(value: float) -> str:
    return format_number(round(value * 100, 1)) + " %"


def _print_report(report: Report) -> None:
    from nrgame.core.simulate import STRATEGY_LABELS

    print(
        f"Scénario « {report.scenario} » : {plural(report.games, 'partie')} par stratégie, "
        f"graine {report.seed}"
    )
    width = max(len(STRATEGY_LABELS[r.name]) for r in report.results)
    print(f"  {'Stratégie':<{width}} {'Victoires':>10} {'Score moyen':>12}")
    for r in report.results:
        print(
            f"  {STRATEGY_LABELS[r.name]:<{width}} {_percent(r.win_rate):>10} "
            f"{format_number(round(r.mean_score, 1)):>12}"
        )
    always = [STRATEGY_LABELS[r.name] for r in report.results if r.wins == r.games]
    never = [STRATEGY_LABELS[r.name] for r in report.results if r.wins == 0]
    if always:
        print("  Gagne toujours : " + ", ".join(always))
    if never:
        print("  Ne gagne jamais : " + ", ".join(never))
    if not always and not never:
        print("  Aucune stratégie ne gagne toujours, aucune ne perd toujours.")
    total = report.total_games
    print("  Cartes engagées (part des parties, toutes stratégies) :")
    for card_id, plays in sorted(report.plays.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {card_id:<32} {_percent(plays / total):>8}")
    unplayed = ", ".join(report.never_played) or "aucune"
    print(f"  Cartes jamais jouées : {unplayed}")
    if report.warnings:
        print("  À surveiller avant de jouer :")
        for warning in report.warnings:
            print(f"  ⚠ {warning}")
    print(
        f"  {plural(total, 'partie')} en {format_number(round(report.seconds, 2))} s : "
        f"{format_number(round(report.games_per_second))} parties par seconde"
    )


def one_scenario(args: argparse.Namespace, verb: str) -> tuple[Catalog, Scenario] | None:
    """The one scenario the argument names; a file holding several is refused, in French."""
    found = find_scenarios(args)
    if found is None:
        return None
    catalog, scenarios = found
    if len(scenarios) != 1:
        ids = ", ".join(s.id for s in scenarios)
        print(
            f"nrgame : {args.scenario} contient plusieurs scénarios ({ids}) : donnez "
            f"l'identifiant de celui à {verb}",
            file=sys.stderr,
        )
        return None
    return catalog, scenarios[0]


def run_print(args: argparse.Namespace) -> int:
    from nrgame.reports.printable import printable_html

    found = one_scenario(args, "imprimer")
    if found is None:
        return 2
    catalog, scenario = found
    out: Path = args.out or Path(f"{scenario.id}-a-imprimer.html")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, printable_html(scenario, catalog.figures))
    except OSError as exc:
        print(f"nrgame : écriture impossible dans {out} ({exc.strerror})", file=sys.stderr)
        return 1
    print(
        f"Écrit : {out} ({len(scenario.cards)} cartes, {len(scenario.events)} événements). "
        "Ouvrez-le dans un navigateur pour l'imprimer (A4)."
    )
    return 0


def run_play(args: argparse.Namespace) -> int:
    from nrgame.core.moves import read_moves, replay
    from nrgame.reports.roadmap import result_text, roadmap_lines, write_exports

    found = one_scenario(args, "rejouer")
    if found is None:
        return 2
    _, scenario = found
    try:
        text = read_text(args.moves)
    except ContentFileError as exc:
        print(f"nrgame : {exc.error}", file=sys.stderr)
        return 2
    moves, errors = read_moves(text, scenario)
    seed = moves.seed if moves.seed is not None else args.seed
    if seed is None:
        seed = scenario.seed
    game: Game | None = None
    if not errors:
        game, errors = replay(scenario, moves, seed)
    if errors or game is None:
        for error in errors:
            print(f"{args.moves}, {error}", file=sys.stderr)
        print("Rien n'a été enregistré.", file=sys.stderr)
        return 2
    session_id = None
    if not args.no_record:
        try:
            setup = declare.setup_from(args, SessionKind.JEU_PLATEAU)
        except (DeclareError, DateError) as exc:
            return declare.setup_error(exc)
        digest = declare.run_digest(
            "board", scenario.id, seed, declare.normal_sheet(text), declare.setup_key(setup)
        )
        session_id, refused = _record(args, scenario, game, setup, digest)
        if refused:
            print(f"nrgame : {refused}", file=sys.stderr)
            return 2
    try:  # the roadmap is dated from the day played: --date, or today
        played_on = parse_day(args.date) if args.date else datetime.now().date()
    except DateError as exc:
        return declare.setup_error(exc)
    exports: list[Path] = []
    if args.out is not None:
        try:
            exports = list(write_exports(game, args.out, played_on))
        except OSError as exc:
            print(f"nrgame : écriture impossible dans {args.out} ({exc.strerror})", file=sys.stderr)
            return 1
    if args.json:
        data = {
            "scenario": scenario.id,
            "seed": seed,
            "session": session_id,
            "teams": [{"name": name, **game.state(team)} for team, name in enumerate(game.teams)],
            "roadmap": [
                {
                    "team": line.team,
                    "axis": line.axis,
                    "action": line.action,
                    "start": line.start.isoformat(),
                    "due": line.due.isoformat(),
                    "owner": line.owner,
                    "budget": line.budget,
                    "days": line.days,
                    "measure": line.measure,
                    "target": line.target,
                    "status": line.status,
                }
                for line in roadmap_lines(game, played_on)
            ],
            "exports": [str(p) for p in exports],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(
        f"Partie rejouée : « {scenario.title} », graine {seed}, "
        f"{plural(len(game.history), 'tour')} sur {scenario.turns.count} "
        f"(1 tour = 1 {scenario.turns.unit})."
    )
    for team, name in enumerate(game.teams):
        prefix = f"{name} : " if name else ""
        print(prefix + result_text(game, team) + ".")
        for objective in scenario.objectives:
            status = game.objective_status(objective, team)
            mark = {"atteint": "✔", "manqué": "✘"}.get(status, "…")
            print(f"  {mark} {objective.text} : {status}")
    print(f"Feuille de route : {plural(len(game.roadmap()), 'action')}.")
    for path in exports:
        print(f"Écrit : {path}")
    if session_id:
        print(f"Séance enregistrée ({session_id}).")
    return 0


def _record(
    args: argparse.Namespace, scenario: Scenario, game: Game, setup: SessionSetup, digest: str
) -> tuple[str | None, str | None]:
    """Record the replayed game as a board-game session, one transaction per turn; a run cut
    off earlier is completed from its last confirmed turn. Returns the session id, or a
    French refusal when the same moves file was already recorded."""
    from nrgame.usecases.play_board import BoardResumeError, RecordedBoard
    from nrgame.usecases.recorded_sessions import delete_session

    store = open_store(args)
    try:
        cut, refused = declare.earlier_run(store, digest, args.again, f"Le fichier {args.moves}")
        if refused:
            return None, refused
        recorded = None
        if cut is not None:
            try:
                recorded = RecordedBoard.resume(store, scenario, cut, datetime.now)
            except BoardResumeError:
                delete_session(store, cut.id)
        if recorded is not None and len(recorded.game.history) >= len(game.history):
            # Every turn of the file is there (a game stopped before its end): recorded.
            return None, declare.already_recorded(f"Le fichier {args.moves}", cut)
        if recorded is None:
            recorded = RecordedBoard.start(
                store, scenario, datetime.now, game.seed, game.teams, setup, digest
            )
        for moves in game.history[len(recorded.game.history) :]:
            for team, cards in enumerate(moves):
                for card_id in cards:
                    recorded.game.play(card_id, team)
            recorded.confirm()
    finally:
        store.close()
    return recorded.session_id, None
