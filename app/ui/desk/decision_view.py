"""One decision of the analytics page: its figures in words, and a bar chart of its
choices built only once it is first painted.

The words carry every figure (reached, each choice's count and percentage,
stopped, facility, discrimination, the flag), so the chart is never the only
place a figure is; the chart's bars are labelled with the choice's first words
and its percentage too. A scenario may have thirty decisions or more, and a
QChartView costs a few milliseconds and a good deal of layout: each chart is
made when its place first scrolls into view (Qt paints only what is shown),
so opening a large scenario costs what the visible decisions cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QFrame, QSizePolicy, QVBoxLayout, QWidget

from alongside.ui.text import tr
from alongside.ui.themes import Theme
from alongside.ui.widgets import label, panel

if TYPE_CHECKING:
    from alongside.store.analytics import ChoiceShare, NodeStats

WORDS = 8  # a prompt or a choice is shown by its first words
BAR_LINES = 2.4  # room, in lines of text, for each choice's bar
AXIS_LINES = 6.5  # room for the value axis, its title and the margins


def first_words(text: str, words: int = WORDS) -> str:
    """The first `words` words of `text`, with "…" where some were left out."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def bar_label(choice: ChoiceShare) -> str:
    """The words beside a bar: the choice's first words and its share."""
    return tr("{0} ({1})").format(first_words(choice.text, 5), percent(choice.share))


def choice_line(choice: ChoiceShare, answered: int) -> str:
    quality = "" if choice.quality is None else tr("; quality {0}").format(figure(choice.quality))
    return tr("“{0}”: {1} of {2} answers, {3}{4}").format(
        first_words(choice.text), choice.count, answered, percent(choice.share), quality)


def summary_line(node: NodeStats) -> str:
    discrimination = tr("discrimination {0}").format(figure(node.discrimination)) \
        if node.discrimination is not None else tr(
            "no discrimination to work out (the answers here, or the rest of the attempts, "
            "were all equally good, or too few attempts had other decisions)")
    return tr("Reached by {0} attempts; {1} answered, {2} stopped here. Facility {3}; {4}.") \
        .format(node.reached, node.answered, node.stopped, figure(node.facility),
                discrimination)


def flag_line(node: NodeStats, below: float) -> str:
    return tr("Check this decision: its discrimination, {0}, is under {1}, so answering it "
              "well says little about (or goes against) answering the rest of the scenario "
              "well. Read its choices and their feedback again.").format(
        figure(node.discrimination), f"{below:.2f}")


class LazyChart(QWidget):
    """Stands where a chart goes, as tall as the chart will be, and makes the chart the
    first time any of it is painted (that is, scrolled into view)."""

    def __init__(self, node: NodeStats, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node, self.theme = node, theme
        self.view: QChartView | None = None
        self._asked = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fit()

    def fit(self) -> None:
        """As tall as the bars and the axis need at the application's text size."""
        line = self.fontMetrics().height()
        self.setFixedHeight(round(line * (BAR_LINES * len(self.node.choices) + AXIS_LINES)))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().paintEvent(event)
        if self.view is None and not self._asked:
            self._asked = True
            QTimer.singleShot(0, self, self.build)

    def build(self) -> None:
        if self.view is not None:
            return
        chart = QChart()
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        bars = QBarSet(tr("Share of answers"))
        choices = list(reversed(self.node.choices))  # the first choice at the top
        # Whole percentages, as the words beside the bars and in the lines above say them.
        bars.append([float(round(c.share * 100)) for c in choices])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPrecision(4)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([bar_label(c) for c in choices])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d%%")
        values.setTitleText(tr("Share of the answers at this decision"))
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        view = QChartView(chart, self)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setFrameShape(QChartView.Shape.NoFrame)
        view.setAccessibleName(tr("Chart of the choices at “{0}”").format(
            first_words(self.node.prompt, 5)))
        view.setAccessibleDescription("; ".join(bar_label(c) for c in self.node.choices))
        self.view = view
        self.layout().addWidget(view)
        self.style_chart(self.theme)

    def style_chart(self, theme: Theme) -> None:
        """Colours from the theme and text at the application's (scaled) size."""
        self.theme = theme
        self.fit()
        if self.view is None:
            return
        chart = self.view.chart()
        font = QFont(QApplication.font())
        self.view.setBackgroundBrush(QColor(theme.panel))
        chart.setBackgroundBrush(QColor(theme.surface))
        for series in chart.series():
            series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
            for bars in series.barSets():
                bars.setColor(QColor(theme.accent))
                bars.setBorderColor(QColor(theme.accent))
                bars.setLabelColor(QColor(theme.accent_text))
                bars.setLabelFont(font)
        for axis in chart.axes():
            axis.setLabelsColor(QColor(theme.text))
            axis.setTitleBrush(QColor(theme.text))
            axis.setGridLineColor(QColor(theme.border))
            axis.setLabelsFont(font)
            axis.setTitleFont(font)


class DecisionView(QFrame):
    """A panel for one decision: heading, figures in words, the flag, and the chart."""

    def __init__(self, number: int, total: int, node: NodeStats, below: float, theme: Theme,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node = node
        _, layout = panel("panel", frame=self)
        heading = label(tr("Decision {0} of {1}: “{2}”").format(
            number, total, first_words(node.prompt)), "heading")
        heading.setAccessibleName(tr("Decision {0}").format(number))
        layout.addWidget(heading)
        self.chart: LazyChart | None = None
        if node.hidden:
            layout.addWidget(label(tr("Fewer than 10 attempts reached this decision, so its "
                                      "figures are not shown."), "muted"))
            return
        self.summary = label(summary_line(node))
        layout.addWidget(self.summary)
        if node.check:
            self.flag = label(flag_line(node, below), "bad")
            self.flag.setAccessibleName(tr("Check this decision"))
            layout.addWidget(self.flag)
        self.lines = [label(choice_line(c, node.answered)) for c in node.choices]
        for line in self.lines:
            layout.addWidget(line)
        if node.answered:
            self.chart = LazyChart(node, theme, self)
            layout.addWidget(self.chart)

    def style_chart(self, theme: Theme) -> None:
        if self.chart is not None:
            self.chart.style_chart(theme)
