"""The GIFT reader against Moodle's behaviour: the import cases of Moodle's own
giftformat_test.php, then the file-level rules of qformat_default (blank lines, comments,
categories) and the cases Moodle refuses."""

from __future__ import annotations

import pytest

from nrgame.gift.parser import (
    FormattedText,
    GiftCategory,
    GiftError,
    GiftQuestion,
    idnumber_and_tags,
    parse_gift,
    read_question,
)


def read(gift: str) -> GiftQuestion:
    """As Moodle's tests do: split on line breaks, read one question."""
    question = read_question(gift.replace("\r\n", "\n").split("\n"))
    assert isinstance(question, GiftQuestion)
    return question


def texts(question: GiftQuestion) -> list[tuple[str, str]]:
    return [(a.text.text, a.text.format) for a in question.answers]


def test_essay() -> None:
    q = read("\n// essay\n::Q8:: How are you? {}")
    assert (q.qtype, q.name, q.questiontext) == ("essay", "Q8", FormattedText("How are you?"))
    assert q.generalfeedback == FormattedText("")


def test_match_with_formats_and_a_distractor() -> None:
    q = read(
        "\n// question: 2  name: Moodle activities\n"
        "::Moodle activities::[html]Match the <b>activity</b> to the description.{\n"
        "    =[html]An activity supporting asynchronous discussions. -> Forum\n"
        "    =[moodle]A teacher asks a question and specifies a choice of multiple responses. "
        "-> Choice\n"
        "    =[plain]A bank of record entries which participants can add to. -> Database\n"
        "    =[markdown]A collection of web pages that anyone can add to or edit. -> Wiki\n"
        "    = -> Chat\n"
        "}"
    )
    assert q.qtype == "match"
    assert q.questiontext == FormattedText("Match the <b>activity</b> to the description.", "html")
    assert q.generalfeedback.format == "html"
    assert [(left.text, left.format, right) for left, right in q.subquestions] == [
        ("An activity supporting asynchronous discussions.", "html", "Forum"),
        (
            "A teacher asks a question and specifies a choice of multiple responses.",
            "moodle",
            "Choice",
        ),
        ("A bank of record entries which participants can add to.", "plain", "Database"),
        ("A collection of web pages that anyone can add to or edit.", "markdown", "Wiki"),
        ("", "html", "Chat"),
    ]


def test_multichoice_single_with_feedback_formats() -> None:
    q = read(
        "\n// multiple choice with specified feedback for right and wrong answers\n"
        "::Q2:: What's between orange and green in the spectrum?\n"
        "{\n    =yellow # right; good!\n    ~red # [html]wrong, it's yellow\n"
        "    ~[plain]blue # wrong, it's yellow\n}"
    )
    assert (q.qtype, q.single, q.name) == ("multichoice", True, "Q2")
    assert q.questiontext.text == "What's between orange and green in the spectrum?"
    assert texts(q) == [("yellow", "moodle"), ("red", "moodle"), ("blue", "plain")]
    assert [a.fraction for a in q.answers] == [1, 0, 0]
    assert [a.feedback for a in q.answers] == [
        FormattedText("right; good!"),
        FormattedText("wrong, it's yellow", "html"),
        FormattedText("wrong, it's yellow"),
    ]


def test_multichoice_multiple_answers_with_weights() -> None:
    q = read(
        "\n::colours:: What's between orange and green in the spectrum?\n{\n"
        "    ~%50%yellow # right; good!\n    ~%-100%red # [html]wrong\n"
        "    ~%50%off-beige # right; good!\n    ~%-100%[plain]blue # wrong\n}"
    )
    assert (q.qtype, q.single) == ("multichoice", False)
    assert texts(q) == [
        ("yellow", "moodle"),
        ("red", "moodle"),
        ("off-beige", "moodle"),
        ("blue", "plain"),
    ]
    assert [a.fraction for a in q.answers] == [0.5, -1, 0.5, -1]
    assert [a.feedback.format for a in q.answers] == ["moodle", "html", "moodle", "moodle"]


def test_multichoice_multi_tricky() -> None:
    q = read(
        "::colours:: What's between orange and green in the spectrum?\n{\n"
        "    ~%100%yellow # right; good!\n    ~%-50%red # wrong\n    ~%-50%blue # wrong\n}"
    )
    assert q.single is False
    assert [a.fraction for a in q.answers] == [1, -0.5, -0.5]


def test_numerical_with_wrong_answer_feedback() -> None:
    q = read(
        "\n// math range question\n::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}"
    )
    assert q.qtype == "numerical"
    assert [a.text.text for a in q.answers] == ["3:2", "*"]
    assert [(a.value, a.tolerance, a.fraction) for a in q.answers] == [(3, 2, 1), (None, 0, 0)]
    assert [a.feedback.text for a in q.answers] == ["", "Completely wrong"]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ("#1822", [(1822, 0, 1)]),
        ("#1822:5", [(1822, 5, 1)]),
        ("#1..5", [(3, 2, 1)]),
        ("#-5..-1", [(-3, 2, 1)]),
        ("#=2030:0 =%50%2025:5 =%25%2020:10", [(2030, 0, 1), (2025, 5, 0.5), (2020, 10, 0.25)]),
        ("#\n=%100%4.4:0.5#juste\n=%50%2.5#ancien chiffre", [(4.4, 0.5, 1), (2.5, 0, 0.5)]),
    ],
)
def test_numerical_forms(answers: str, expected: list[tuple[float, float, float]]) -> None:
    q = read(f"Combien ? {{{answers}}}")
    assert [(a.value, a.tolerance, a.fraction) for a in q.answers] == expected


def test_numerical_value_that_is_no_number_means_any_answer_as_in_moodle() -> None:
    q = read("Combien ? {#beaucoup}")
    assert (q.answers[0].text.text, q.answers[0].value) == ("*", None)


@pytest.mark.parametrize(
    ("gift", "message"),
    [
        ("Combien ? {#}", "question numérique sans réponse"),
        ("Combien ? {#3:deux}", "tolérance « deux »"),
        ("Combien ? {#un..5}", "intervalle « un..5 »"),
        ("Couleur ? {~rouge}", "au moins deux réponses"),
        ("Associez {=a -> b =c}", "paire « c » sans « -> »"),
        ("Associez {=a -> b}", "au moins deux paires"),
        ("Sans fin { =a ~b", "accolade manquante"),
        ("Sans début =a ~b }", "accolade manquante"),
        ("Envers } puis {=a ~b}", "« } » avant « { »"),
        ("Deux {=a ~b} trous {=c ~d}", "plusieurs blocs de réponses"),
        ("Poids {~%--50%a =b}", "poids « %--50% » illisible"),
    ],
)
def test_refused_with_a_french_message(gift: str, message: str) -> None:
    with pytest.raises(GiftError, match=message) as caught:
        read_question([gift], line=7)
    assert caught.value.line == 7
    assert str(caught.value).startswith("ligne 7 : ")


def test_shortanswer_with_weights_and_general_feedback() -> None:
    q = read(
        "\n// question: 666  name: Shortanswer\n::Shortanswer::Which is the best animal?{\n"
        "    =Frog#Good!\n    =%50%Cat#What is it with Moodlers and cats?\n"
        "    =%0%*#Completely wrong\n    ####[html]Here is some general feedback!\n}"
    )
    assert q.qtype == "shortanswer"
    assert [a.text.text for a in q.answers] == ["Frog", "Cat", "*"]
    assert [a.fraction for a in q.answers] == [1, 0.5, 0]
    assert [a.feedback.text for a in q.answers] == [
        "Good!",
        "What is it with Moodlers and cats?",
        "Completely wrong",
    ]
    assert q.generalfeedback == FormattedText("Here is some general feedback!", "html")


def test_truefalse_false_with_both_feedbacks() -> None:
    q = read(
        "\n// true/false\n::Q1:: 42 is the Absolute Answer to everything.{\n"
        "FALSE#42 is the Ultimate Answer.#You gave the right answer.}"
    )
    assert (q.qtype, q.correctanswer) == ("truefalse", False)
    assert q.feedbacktrue.text == "42 is the Ultimate Answer."
    assert q.feedbackfalse.text == "You gave the right answer."


@pytest.mark.parametrize(("answer", "right"), [("T", True), ("TRUE", True), ("F", False)])
def test_truefalse_short_forms(answer: str, right: bool) -> None:
    q = read(f"// name 0-11\n::2-08 TSL::TSL is blablabla.{{{answer}}}")
    assert (q.qtype, q.name, q.correctanswer) == ("truefalse", "2-08 TSL", right)
    assert (q.feedbacktrue.text, q.feedbackfalse.text) == ("", "")


def test_lowercase_true_is_a_short_answer_as_in_moodle() -> None:
    assert read("Vrai ? {true}").qtype == "shortanswer"


def test_backslashes() -> None:
    q = read("\n// essay\n::double backslash:: A \\\\ B \\\\\\\\ C{}")
    assert q.questiontext.text == "A \\ B \\\\ C"


def test_escaped_braces_keep_lines_and_indentation() -> None:
    q = read(
        "\n::Q001::[html]<p>What would running the test method print?</p>\n<pre>\n"
        "    public void test() \\{\n        method1();\n    \\}\n</pre>\n{}"
    )
    assert q.questiontext == FormattedText(
        "<p>What would running the test method print?</p>\n<pre>\n"
        "    public void test() {\n        method1();\n    }\n</pre>",
        "html",
    )


def test_every_escape() -> None:
    q = read("::a\\:b:: 1 \\~ 2 \\= 3 \\# 4 \\{5\\} 6\\:7\\n8 {=oui\\~non ~non\\=oui}")
    assert q.name == "a:b"
    assert q.questiontext.text == "1 ~ 2 = 3 # 4 {5} 6:7\n8"
    assert [a.text.text for a in q.answers] == ["oui~non", "non=oui"]


def test_tags_and_idnumber_in_comments() -> None:
    q = read(
        "\n// This question is to test importing tags: [tag:tag] [tag:other-tag].\n"
        "// And an idnumber: [id:myid].\n::Question name:: How are you? {}"
    )
    assert (q.tags, q.idnumber) == (("tag", "other-tag"), "myid")


@pytest.mark.parametrize(
    ("comment", "idnumber", "tags"),
    [
        ("", "", []),
        ("// A basic comment.", "", []),
        ("// A comment with [id:frog] <-- an idnumber.", "frog", []),
        ("// Look tags: [tag:frog] [tag:toad].", "", ["frog", "toad"]),
        ("// [tag:add] [tag:basic] [id:four]", "four", ["add", "basic"]),
        (
            "// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion.",
            "four",
            ["basic", "add"],
        ),
        ("// Ceci n'est pas une [tag:\n\\ frog].", "", []),
        ("// [id:i\\]d].", "i]d", []),
        ("// [tag:t\\]ag].", "", ["t]ag"]),
    ],
)
def test_idnumber_and_tags(comment: str, idnumber: str, tags: list[str]) -> None:
    assert idnumber_and_tags(comment) == (idnumber, tags)


def test_unnamed_question_is_named_after_its_text() -> None:
    q = read("Le numérique pèse-t-il 4,4 % de l'empreinte carbone de la France ?{T}")
    assert q.name == "Le numérique pèse-t-il 4,4 % de l'empreinte carbone de la France ?"


def test_missing_word() -> None:
    q = read("Le numérique représente {~2,5 % =4,4 % ~11 %} de l'empreinte carbone.")
    assert q.missing_word
    assert q.questiontext.text == "Le numérique représente _____ de l'empreinte carbone."
    plain = read("Quelle part ? {~2,5 % =4,4 %}")
    assert not plain.missing_word and plain.questiontext.text == "Quelle part ?"


def test_general_feedback_is_after_the_last_four_hashes() -> None:
    q = read("Couleur ? {=jaune#bien ~rouge ####[markdown]**Jaune**, entre orange et vert.}")
    assert q.generalfeedback == FormattedText("**Jaune**, entre orange et vert.", "markdown")
    assert [a.feedback.text for a in q.answers] == ["bien", ""]


def test_unknown_format_name_stays_in_the_text() -> None:
    assert read("[latex]x² {}").questiontext == FormattedText("[latex]x²")


def test_description() -> None:
    q = read("::Intro:: Les questions suivantes portent sur la loi REEN.")
    assert q.qtype == "description"


def test_no_break_spaces_are_not_trimmed() -> None:
    q = read("Quelle part ?\u00a0{=4,4\u00a0%\u00a0 ~2,5\u00a0%}")
    assert q.questiontext.text == "Quelle part ?\u00a0"
    assert q.answers[0].text.text == "4,4\u00a0%\u00a0"


FILE = """// Banque d'essai
$CATEGORY: $course$/top/Numérique/Empreinte

// [id:q-part] [tag:cle]
::Part::Quelle part ?{
=4,4 %
// un commentaire au milieu ne termine pas la question
~2,5 %
} de l'empreinte

$CATEGORY: $course$/top/Numérique/Loi

::Seuil::Seuil ?{#50000}
0
::Après zéro::Une ligne « 0 » sépare aussi, comme dans Moodle.{F}


::Cassée:: {=a ~b
"""


def test_file_blocks_categories_and_lines() -> None:
    parsed = parse_gift(FILE)
    names = [(q.name, q.line, q.category) for q in parsed.questions]
    assert names == [
        ("Part", 5, "$course$/top/Numérique/Empreinte"),
        ("Seuil", 13, "$course$/top/Numérique/Loi"),
        ("Après zéro", 15, "$course$/top/Numérique/Loi"),
    ]
    part = parsed.questions[0]
    assert (part.idnumber, part.tags) == ("q-part", ("cle",))
    assert part.qtype == "multichoice" and part.missing_word
    assert [a.text.text for a in part.answers] == ["4,4 %", "2,5 %"]
    assert [(e.line, e.message[:18]) for e in parsed.errors] == [(18, "accolade manquante")]


def test_crlf_and_old_mac_line_breaks() -> None:
    for newline in ("\r\n", "\r"):
        parsed = parse_gift(FILE.replace("\n", newline))
        assert [q.line for q in parsed.questions] == [5, 13, 15]


def test_category_line() -> None:
    assert read_question(["$CATEGORY: tom/dick/harry"], 3) == GiftCategory("tom/dick/harry", 3)
    assert read_question(["// rien", "// que des commentaires"]) is None
