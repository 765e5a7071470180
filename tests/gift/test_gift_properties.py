"""Property tests: no text or file makes the GIFT import raise, and whatever an author can
write in an nrgame question (braces, hashes, colons, backslashes, brackets, percent signs,
line breaks…) comes back unchanged through a GIFT export and import."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nrgame.cli import main
from nrgame.core.catalog import Catalog
from nrgame.core.content import (
    ChoiceQuestion,
    Deck,
    EstimateQuestion,
    MatchQuestion,
    MultiQuestion,
    Question,
    TrueFalseQuestion,
)
from nrgame.gift.export import export_deck
from nrgame.gift.mapping import import_gift, to_yaml
from nrgame.gift.parser import parse_gift

EXAMPLES = int(os.environ.get("NRGAME_EXAMPLES", "150"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

GIFT_CHARS = "\\#=~{}:[]%->/$*. \t\nTFRUEALSabc0123456789é«»\u00a0"
gift_text = st.text(
    alphabet=st.one_of(st.sampled_from(GIFT_CHARS), st.characters(codec="utf-8")), max_size=300
)
gift_words = st.lists(
    st.sampled_from(
        [
            "::n::",
            "{",
            "}",
            "=",
            "~",
            "#",
            "####",
            "->",
            "%50%",
            "%-100%",
            "[html]",
            "[plain]",
            "<b>",
            "</p>",
            "<![x[",
            "<!--",
            "&amp;",
            "&#x;",
            "T",
            "FALSE",
            "#3:2",
            "#1..5",
            "..",
            ":",
            "\\",
            "\\{",
            "\\n",
            "\n",
            "\n\n",
            "// [id:x] [tag:y]",
            "$CATEGORY: a/b",
            "0",
            "texte",
            " ",
            "\r\n",
            "\r",
        ]
    ),
    max_size=40,
).map("".join)


@FAST
@given(st.one_of(gift_text, gift_words))
def test_any_text_is_imported_or_refused_never_raises(text: str) -> None:
    parsed = parse_gift(text)
    for error in parsed.errors:
        assert error.line >= 1 and error.message
    result = import_gift(text, "banque.gift")
    for skipped in result.skipped:
        assert str(skipped).startswith(f"ligne {skipped.line}")
    assert len(result.questions) + len(result.skipped) >= len(parsed.questions)
    to_yaml(result)


@FAST
@given(st.binary(max_size=300))
def test_any_file_gets_a_french_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    source = tmp_path / "banque.gift"
    source.write_bytes(data)
    out = tmp_path / "sortie"
    for old in out.glob("*"):
        old.unlink()
    code = main(["import", "gift", str(source), "--out", str(out)])
    printed = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in printed.err
    if code == 2:
        assert printed.err.startswith("nrgame import : ")


nasty = (
    st.text(
        alphabet=st.one_of(
            st.sampled_from("\\#=~{}:[]%->/$*. \nTRUE0é«»\u00a0"),
            st.characters(
                codec="utf-8",
                exclude_categories=("Cc", "Cs", "Co"),  # what content can hold
                include_characters="\n",
            ),
        ),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)

COMMON: dict[str, Any] = {
    "explanation": "x",
    "axis": 4,
    "theme": "t",
    "audiences": ["agents"],
    "source": {"publisher": "p", "title": "t", "year": 2025},
}


@st.composite
def questions(draw: st.DrawFn) -> Question:
    kind = draw(st.sampled_from(["choice", "multi", "truefalse", "match", "estimate"]))
    fields: dict[str, Any] = {**COMMON, "id": "q", "prompt": draw(nasty)}
    fields["explanation"] = draw(nasty)
    # A category path writes "/" as "//": a theme cannot start or end with one, nor be one of
    # the names Moodle makes up (« top », « Défaut pour … », « $course$ »), and a category
    # stays on one line.
    fields["theme"] = draw(
        nasty.filter(
            lambda t: t[0] not in "/$" and t[-1] != "/" and t.lower() != "top" and "\n" not in t
        )
    )
    if kind == "choice":
        options = draw(st.lists(nasty, min_size=2, max_size=6, unique=True))
        return ChoiceQuestion(kind="choice", options=options, answer=options[0], **fields)
    if kind == "multi":
        options = draw(st.lists(nasty, min_size=3, max_size=8, unique=True))
        right = options[: draw(st.integers(1, len(options)))]
        return MultiQuestion(kind="multi", options=options, answers=right, **fields)
    if kind == "truefalse":
        return TrueFalseQuestion(kind="truefalse", answer=draw(st.booleans()), **fields)
    if kind == "match":
        lefts = draw(
            st.lists(nasty.filter(lambda t: "->" not in t), min_size=2, max_size=8, unique=True)
        )
        rights = draw(st.lists(nasty, min_size=len(lefts), max_size=len(lefts), unique=True))
        pairs = [{"left": left, "right": right} for left, right in zip(lefts, rights, strict=True)]
        return MatchQuestion(kind="match", pairs=pairs, **fields)
    answer = draw(st.floats(0.001, 1e9))
    tolerance = {"absolute": draw(st.floats(0.001, 1e6))}
    assume("\nUnité : " not in fields["prompt"])
    return EstimateQuestion(
        kind="estimate",
        answer=answer,
        unit=draw(nasty.filter(lambda t: "\n" not in t)),
        tolerance=tolerance,
        **fields,
    )


def key(data: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "kind",
        "prompt",
        "options",
        "answer",
        "answers",
        "pairs",
        "unit",
        "theme",
        "explanation",
    )
    return {k: data[k] for k in keys if k in data}


@FAST
@given(questions())
def test_export_then_import_keeps_the_question(question: Question) -> None:
    deck = Deck(id="d", title="Série", audience="a", description="d", duration=5, questions=["q"])
    catalog = Catalog(questions={"q": question}, decks={"d": deck})
    exported = export_deck(catalog, "d")
    result = import_gift(exported.text, "d.gift")
    assert result.skipped == []
    [back] = result.questions
    want = question.model_dump(mode="json")
    want["explanation"] = f"{question.explanation}\nSource : p, « t », 2025"
    got = dict(back.data)
    if question.kind == "estimate":
        assert got.pop("answer") == pytest.approx(want.pop("answer"), rel=1e-9)
        assert got["tolerance"]["absolute"] == pytest.approx(question.tolerance.absolute, rel=1e-9)
    assert key(got) == key(want)
