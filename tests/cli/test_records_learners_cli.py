"""`nrgame records export/import` carry the learners and their review plan; read-only commands
refuse a base that does not exist."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from nrgame.cli import main
from nrgame.core.catalog import Catalog
from nrgame.core.content import Audience
from nrgame.core.quiz import correct_response
from nrgame.core.sessions import AudienceCount, SessionKind, SessionSetup
from nrgame.core.training import LearningPath, local_time, plan_day
from nrgame.storage.records import delete_session
from nrgame.storage.sqlite import SqliteStore
from nrgame.storage.training import add_learner, cards, get_learner, save_path
from nrgame.usecases.train import open_learner, overview, start_day, start_exam
from tests.conftest import FIXTURES, FixedClock

MONDAY = datetime(2026, 3, 2, 9, 0)

LEARNERS: dict[str, tuple[LearningPath, tuple[int, ...], Callable[[int], bool]]] = {
    # alias: (path, days of practice after MONDAY, which answers are right on each day)
    "Hirondelle 12": (LearningPath(), (0, 1, 3), lambda n: n % 2 == 0),
    "castor-42": (LearningPath(axes=frozenset({4})), (0, 2), lambda n: True),
    "Loutre": (LearningPath(minutes=5), (1,), lambda n: n % 3 != 0),
}


def train(store: SqliteStore, catalog: Catalog) -> None:
    """Three learners practising on several days, one passing the final test, and a
    workshop: what a laptop holds after a fortnight."""
    for alias, (path, days, right) in LEARNERS.items():
        add_learner(store, alias, MONDAY)
        save_path(store, alias, path)
        answered = 0
        for offset in days:
            clock = FixedClock(MONDAY + timedelta(days=offset))
            learner = get_learner(store, alias)
            assert learner is not None
            open_learner(store, learner, clock)
            played = start_day(store, catalog, learner, clock)
            assert played is not None
            for question in played.quiz.questions:
                played.answer(correct_response(question) if right(answered) else None)
                played.quiz.advance()
                answered += 1
            played.finish()
    learner = get_learner(store, "castor-42")
    assert learner is not None
    exam = start_exam(store, catalog, learner, "mini", FixedClock(MONDAY + timedelta(days=4)))
    for question in exam.quiz.questions:
        exam.answer(correct_response(question))
        exam.quiz.advance()
    exam.finish()
    assert exam.certification is not None
    workshop = store.start_session(kind="atelier", question_ids=["t-choice"], started_at=MONDAY)
    store.save_setup(
        workshop,
        SessionSetup(
            SessionKind.ATELIER,
            MONDAY.date(),
            "Mairie",
            audience=[AudienceCount(Audience.AGENTS, 9)],
        ),
    )
    store.finish_session(workshop, MONDAY)


def review_plan(db: Path, catalog: Catalog) -> dict[str, Any]:
    """What each learner is shown, and will be: today's plan, the next review days, every
    card's due date, the plan of each of the next 60 days, the attestations."""
    store = SqliteStore(db)
    try:
        plans: dict[str, Any] = {}
        questions = list(catalog.questions.values())
        for alias in LEARNERS:
            learner = get_learner(store, alias)
            assert learner is not None
            today = MONDAY.date() + timedelta(days=5)
            seen = overview(store, catalog, learner, today)
            known = cards(store, alias)
            plans[alias] = {
                "learner": learner,
                "today": [q.id for q in seen.plan.questions],
                "upcoming": [(day, [q.id for q in qs]) for day, qs in seen.upcoming],
                "streak": seen.streak,
                "due": {qid: local_time(card.due) for qid, card in known.items()},
                "cards": {qid: card.to_dict() for qid, card in known.items()},
                "days": [
                    [
                        q.id
                        for q in plan_day(
                            questions, known, today + timedelta(days=n), learner.path
                        ).questions
                    ]
                    for n in range(60)
                ],
                "certifications": seen.certifications,
            }
        return plans
    finally:
        store.close()


def nrgame(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], db: Path) -> Any:
    code, out, err = nrgame(
        capsys,
        "report",
        "--db",
        str(db),
        "--content",
        str(FIXTURES / "content"),
        "--format",
        "json",
    )
    assert code == 0, err
    return json.loads(out)


def dump(db: Path) -> dict[str, list[str]]:
    """Every row of every table, to see that nothing moved."""
    conn = sqlite3.connect(db)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: sorted(map(repr, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        conn.close()


@pytest.fixture
def laptop(tmp_path: Path, mini_catalog: Catalog) -> Path:
    db = tmp_path / "portable.sqlite3"
    store = SqliteStore(db)
    train(store, mini_catalog)
    store.close()
    return db


def test_a_fresh_base_gets_the_same_report_and_the_same_next_reviews(
    capsys: pytest.CaptureFixture[str], laptop: Path, mini_catalog: Catalog, tmp_path: Path
) -> None:
    export = tmp_path / "export.json"
    code, out, err = nrgame(capsys, "records", "export", str(export), "--db", str(laptop))
    assert code == 0, err
    sessions = len(json.loads(export.read_text(encoding="utf-8"))["sessions"])
    assert (
        out
        == f"{sessions} séances et 3 apprenants (avec leurs révisions) exportés dans {export}.\n"
    )
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert sorted(e["learner"]["alias"] for e in data["learners"]) == sorted(LEARNERS)

    fresh = tmp_path / "neuf.sqlite3"
    code, out, err = nrgame(capsys, "records", "import", str(export), "--db", str(fresh), "--json")
    assert code == 0, err
    result = json.loads(out)
    expected_cards = sum(len(e["cards"]) for e in data["learners"])
    assert expected_cards > 6  # every learner has cards
    assert (result["learners_added"], result["cards_added"]) == (3, expected_cards)
    assert len(result["added"]) == sessions

    before = review_plan(laptop, mini_catalog)
    assert report(capsys, fresh) == report(capsys, laptop)
    assert review_plan(fresh, mini_catalog) == before
    # the plans differ between learners and over the days: the comparison compares something
    assert len({json.dumps(p["days"]) for p in before.values()}) == 3
    assert any(
        days != before["Hirondelle 12"]["days"][0] for days in before["Hirondelle 12"]["days"]
    )
    assert before["castor-42"]["certifications"]
    assert report(capsys, fresh)["certified"]["people"] == 1

    # Twice: nothing changes, not a row.
    rows = dump(fresh)
    code, out, err = nrgame(capsys, "records", "import", str(export), "--db", str(fresh))
    assert code == 0, err
    assert f"0 séance ajoutée, {sessions} déjà présentes, 0 en conflit." in out
    assert "Apprenants : 0 ajouté, 0 mis à jour, 3 déjà à jour ; 0 carte de révision ajoutée" in out
    assert dump(fresh) == rows


def test_the_later_review_wins_when_both_laptops_trained(
    capsys: pytest.CaptureFixture[str], laptop: Path, mini_catalog: Catalog, tmp_path: Path
) -> None:
    """Hirondelle 12 moves to a second laptop, trains there a week later, then the first laptop
    imports the second's export: its plan is the second's. The other way round, the older
    export changes nothing."""
    first = tmp_path / "premier.json"
    assert nrgame(capsys, "records", "export", str(first), "--db", str(laptop))[0] == 0
    other = tmp_path / "autre.sqlite3"
    assert nrgame(capsys, "records", "import", str(first), "--db", str(other))[0] == 0
    store = SqliteStore(other)
    later = FixedClock(MONDAY + timedelta(days=9))
    learner = get_learner(store, "Hirondelle 12")
    assert learner is not None
    save_path(store, "Hirondelle 12", LearningPath(minutes=15))
    learner = get_learner(store, "Hirondelle 12")
    assert learner is not None
    open_learner(store, learner, later)
    played = start_day(store, mini_catalog, learner, later)
    assert played is not None
    for question in played.quiz.questions:
        played.answer(correct_response(question))
        played.quiz.advance()
    played.finish()
    moved = {q.id for q in played.quiz.questions}
    store.close()

    second = tmp_path / "second.json"
    assert nrgame(capsys, "records", "export", str(second), "--db", str(other))[0] == 0
    code, out, err = nrgame(capsys, "records", "import", str(second), "--db", str(laptop), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["learners_updated"], result["learners_unchanged"]) == (1, 2)
    assert result["cards_updated"] == len(
        moved & set(review_plan(laptop, mini_catalog)["Hirondelle 12"]["due"])
    )
    assert result["cards_updated"] + result["cards_added"] == len(moved)
    assert review_plan(laptop, mini_catalog) == review_plan(other, mini_catalog)
    merged = get_learner(SqliteStore(laptop), "Hirondelle 12")
    assert merged is not None
    assert merged.path.minutes == 15 and merged.created_at == MONDAY
    assert merged.last_seen.date() == later.now.date()

    rows = dump(other)
    code, out, err = nrgame(capsys, "records", "import", str(first), "--db", str(other), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["learners_updated"], result["cards_updated"], result["cards_added"]) == (0, 0, 0)
    assert dump(other) == rows


def test_a_version_1_file_still_imports(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path
) -> None:
    export = tmp_path / "export.json"
    assert nrgame(capsys, "records", "export", str(export), "--db", str(laptop))[0] == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    del data["learners"]
    data["version"] = 1
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "neuf.sqlite3"
    code, out, err = nrgame(capsys, "records", "import", str(old), "--db", str(fresh))
    assert code == 0, err
    assert f"{len(data['sessions'])} séances ajoutées, 0 déjà présente, 0 en conflit." in out
    assert "Apprenants" not in out
    assert report(capsys, fresh) == report(capsys, laptop)
    assert SqliteStore(fresh).query("SELECT COUNT(*) FROM learners") == [(0,)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda e: e["learner"].update(alias="camille@mairie.fr"),
            "apprenant n° 1, champ « alias » : pseudonyme refusé (Pas d'adresse électronique",
        ),
        (
            lambda e: e["learner"].update(minutes="dix"),
            "champ « minutes » : nombre entier de minutes attendu (1 à 240)",
        ),
        (
            lambda e: e["learner"].update(last_seen="hier"),
            "champ « last_seen » : date et heure attendues (AAAA-MM-JJTHH:MM:SS), pas 'hier'",
        ),
        (
            lambda e: e["learner"].update(axes='["quatre"]'),
            "champ « axes » : liste JSON de nombres entiers attendue",
        ),
        (lambda e: e["learner"].update(colour="bleu"), "champ « colour » inconnu"),
        (lambda e: e["cards"][1].update(due="demain"), "« cards » n° 2, champ « due » : date"),
        (lambda e: e["cards"][0].update(state=7), "« cards » n° 1, champ « state » : 1, 2, 3"),
        (lambda e: e["cards"][0].update(stability=-1), "champ « stability » : nombre positif"),
        (lambda e: e.pop("learner"), "apprenant n° 1 : un objet avec un champ « learner »"),
    ],
)
def test_a_bad_learner_row_is_refused_and_nothing_is_imported(
    capsys: pytest.CaptureFixture[str],
    laptop: Path,
    tmp_path: Path,
    change: Any,
    message: str,
) -> None:
    export = tmp_path / "export.json"
    assert nrgame(capsys, "records", "export", str(export), "--db", str(laptop))[0] == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    data["learners"].sort(key=lambda e: e["learner"]["alias"] != "Hirondelle 12")
    change(data["learners"][0])
    bad = tmp_path / "mauvais.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "cible.sqlite3"
    code, _, err = nrgame(capsys, "records", "import", str(bad), "--db", str(target))
    assert code == 2
    assert err.startswith(f"nrgame records : {bad}, apprenant n° 1")
    assert message in err
    assert "Rien n'a été importé." in err
    assert "Traceback" not in err
    assert SqliteStore(target).query("SELECT COUNT(*) FROM sessions") == [(0,)]


def test_a_forgotten_learner_does_not_come_back_from_an_old_export(
    capsys: pytest.CaptureFixture[str], laptop: Path, mini_catalog: Catalog, tmp_path: Path
) -> None:
    old = tmp_path / "ancien.json"
    assert nrgame(capsys, "records", "export", str(old), "--db", str(laptop))[0] == 0
    # A second laptop imported it before the forget.
    other = tmp_path / "autre.sqlite3"
    assert nrgame(capsys, "records", "import", str(old), "--db", str(other))[0] == 0
    code, _, err = nrgame(capsys, "records", "forget", "hirondelle 12", "--db", str(laptop))
    assert code == 0, err
    store = SqliteStore(laptop)
    (token,) = {
        t for (t,) in store.query("SELECT learner FROM sessions WHERE learner LIKE 'anonyme-%'")
    }
    # One of the learner's sessions is deleted here: the import must not bring it back named.
    (gone,) = store.query(
        "SELECT id FROM sessions WHERE learner = ? ORDER BY started_at LIMIT 1", (token,)
    )[0]
    store.close()
    figures = report(capsys, laptop)
    store = SqliteStore(laptop)
    assert delete_session(store, gone)
    store.close()
    assert report(capsys, laptop) != figures

    code, out, err = nrgame(capsys, "records", "import", str(old), "--db", str(laptop), "--json")
    assert code == 0, err  # no conflict: the forgotten sessions are the same as here
    result = json.loads(out)
    assert (result["learners_forgotten"], result["learners_unchanged"]) == (1, 2)
    assert result["added"] == [gone] and result["conflicts"] == []
    store = SqliteStore(laptop)
    assert store.query("SELECT learner FROM sessions WHERE id = ?", (gone,)) == [(token,)]
    assert store.query("SELECT COUNT(*) FROM learners WHERE alias = 'Hirondelle 12'") == [(0,)]
    assert store.query("SELECT COUNT(*) FROM review_cards WHERE learner = 'Hirondelle 12'") == [
        (0,)
    ]
    store.close()
    on_disk = b"".join(p.read_bytes() for p in laptop.parent.glob(laptop.name + "*"))
    assert b"Hirondelle 12" not in on_disk
    # The deleted session counts again, under the same token: the same person, once.
    assert report(capsys, laptop) == figures

    # The second laptop never forgot: its export brings nothing back either.
    later = tmp_path / "autre.json"
    assert nrgame(capsys, "records", "export", str(later), "--db", str(other))[0] == 0
    code, out, err = nrgame(capsys, "records", "import", str(later), "--db", str(laptop), "--json")
    assert code == 0, err
    assert json.loads(out)["learners_forgotten"] == 1
    assert report(capsys, laptop) == figures
    store = SqliteStore(laptop)
    assert store.query("SELECT COUNT(*) FROM learners WHERE alias = 'Hirondelle 12'") == [(0,)]
    store.close()

    # Someone new takes the alias after the forget: they are not the forgotten one.
    fresh = tmp_path / "nouveau.sqlite3"
    store = SqliteStore(fresh)
    add_learner(store, "Hirondelle 12", datetime.now() + timedelta(minutes=1))
    store.close()
    newcomer = tmp_path / "nouveau.json"
    assert nrgame(capsys, "records", "export", str(newcomer), "--db", str(fresh))[0] == 0
    code, out, err = nrgame(
        capsys, "records", "import", str(newcomer), "--db", str(laptop), "--json"
    )
    assert code == 0, err
    assert json.loads(out)["learners_added"] == 1


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["report", "--format", "csv"],
        ["records", "export", "{tmp}/export.json"],
        ["records", "forget", "Hirondelle 12"],
        ["records", "purge", "--older-than", "12"],
    ],
)
def test_a_read_only_command_on_a_missing_base_says_so_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "mal-tape" / "base.sqlite3"
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--db", str(missing), "--content", str(FIXTURES / "content")])
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    prog = "nrgame report" if args[0] == "report" else "nrgame records"
    assert err == (
        f"{prog} : la base {missing} n'existe pas ; vérifiez --db ou NRGAME_DB. "
        "Aucun fichier n'a été créé.\n"
    )
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_command_on_a_missing_default_base(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nrgame.sqlite3"
    monkeypatch.setenv("NRGAME_DB", str(missing))
    with pytest.raises(SystemExit) as stopped:
        main(["records", "export", str(tmp_path / "x.json")])
    assert stopped.value.code == 2
    assert f"la base {missing} n'existe pas" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
