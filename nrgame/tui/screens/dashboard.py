"""The indicators at a glance: key figures in large digits, and charts over time."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Footer, Label, Static

from nrgame.core.catalog import Catalog
from nrgame.core.french import ending, format_number, month_label, plural
from nrgame.core.indicator_records import Period
from nrgame.core.indicators import Indicators
from nrgame.core.itemstats import FLAG_FEW, to_review
from nrgame.reports.markdown import period_phrase
from nrgame.reports.tables import kind_label, segment_label
from nrgame.reports.tables import months as report_months
from nrgame.tui.widgets.bars import bar_rows
from nrgame.tui.widgets.period import PeriodBar
from nrgame.usecases.open_store import Store
from nrgame.usecases.report import indicators

FIGURES = (
    ("actions", "actions menées"),
    ("people", "personnes touchées"),
    ("actors", "acteurs impliqués"),
    ("certified", "personnes certifiées"),
)


class DashboardScreen(Screen[None]):
    """REEN indicators of a period; the same numbers as `nrgame report`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Retour")]
    DEFAULT_CSS = """
    DashboardScreen #figures { grid-size: 4; height: auto; grid-gutter: 0 2; }
    DashboardScreen .figure { height: auto; border: round $primary; padding: 0 1; }
    DashboardScreen .figure Label { width: 100%; }
    DashboardScreen .chart-title { text-style: bold; margin: 1 1 0 1; }
    DashboardScreen .chart { padding: 0 1; }
    """

    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.indicators: Indicators | None = None

    def compose(self) -> ComposeResult:
        yield PeriodBar(id="period")
        with VerticalScroll():
            yield Static("", id="period-text", markup=False)
            with Grid(id="figures"):
                for key, label in FIGURES:
                    with Vertical(classes="figure"):
                        yield Digits("0", id=f"figure-{key}")
                        yield Label(label, id=f"label-{key}")
            yield Static("", id="detail", markup=False)
            yield Label("Actions par mois", classes="chart-title")
            yield Static("", id="chart-actions", classes="chart", markup=False)
            yield Label("Personnes touchées par mois", classes="chart-title")
            yield Static("", id="chart-people", classes="chart", markup=False)
            yield Label("Actions par type", classes="chart-title")
            yield Static("", id="chart-kinds", classes="chart", markup=False)
            yield Label("Personnes touchées par public", classes="chart-title")
            yield Static("", id="chart-segments", classes="chart", markup=False)
            yield Label("Questions", classes="chart-title")
            yield Static("", id="questions", classes="chart", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load(Period())

    @on(PeriodBar.Changed)
    def _period(self, event: PeriodBar.Changed) -> None:
        self.load(event.period)

    def load(self, period: Period) -> None:
        ind = indicators(self.store, self.catalog, period)
        self.indicators = ind
        reach = ind.reach
        values = {
            "actions": ind.actions.total,
            "people": reach.total,
            "actors": ind.actors.distinct,
            "certified": ind.certified.people,
        }
        for key, value in values.items():
            self.query_one(f"#figure-{key}", Digits).update(str(value))
        self.query_one("#period-text", Static).update(f"Période : {period_phrase(period)}")
        counted, estimated = reach.declared.counted, reach.declared.estimated
        self.query_one("#detail", Static).update(
            f"Personnes touchées : {format_number(counted)} comptée{ending(counted)}, "
            f"{format_number(estimated)} estimée{ending(estimated)}, "
            f"{plural(reach.distinct_learners, 'apprenant')} en autoformation "
            f"({plural(reach.learner_attendances, 'séance')}, à part des actions). "
            f"Attestations délivrées : {format_number(ind.certified.attestations)}."
        )
        months = report_months(ind)
        self.query_one("#chart-actions", Static).update(
            bar_rows([(month_label(m), ind.actions.by_month.get(m, 0)) for m in months])
        )
        self.query_one("#chart-people", Static).update(
            bar_rows([(month_label(m), reach.by_month.get(m, 0)) for m in months])
        )
        self.query_one("#chart-kinds", Static).update(
            bar_rows([(kind_label(k), n) for k, n in ind.actions.by_kind.items()])
        )
        self.query_one("#chart-segments", Static).update(
            bar_rows([(segment_label(s), r.total) for s, r in reach.by_segment.items()])
        )
        flagged = [item for item in ind.items if set(item.flags) - {FLAG_FEW}]
        lines = [
            f"{plural(len(ind.items), 'question')} jouée{ending(len(ind.items))}, "
            f"{format_number(to_review(ind.items))} à revoir."
        ]
        lines += [
            f"  {_short(item.prompt or item.question_id)} : {', '.join(item.flags)}"
            for item in flagged
        ]
        self.query_one("#questions", Static).update("\n".join(lines))


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
