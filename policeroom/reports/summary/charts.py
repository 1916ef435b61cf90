"""Small charts of a work summary (reportlab.graphics): horizontal bars by category, a trend line.

Labels are drawn in the shipped CJK font; every chart is a ``Drawing`` that goes into the story.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from policeroom.services.summary.types import TrendPoint

BLUE = colors.HexColor("#1565C0")
ORANGE = colors.HexColor("#EF6C00")
GREY = colors.HexColor("#9E9E9E")
MAX_BARS = 8


def _nice_max(value: int) -> int:
    """An axis end a little above ``value`` on a round step (at least 4)."""
    top = max(value, 4)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return (top + step - 1) // step * step
    return top


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return max(top // 5, 1)


def bar_chart(title: str, items: list[tuple[str, int]], width: float, height: float, font: str,
              color=BLUE) -> Drawing:  # noqa: ANN001
    """Counts by label as horizontal bars (most first, at most ``MAX_BARS``; the rest as 其他)."""
    items = list(items)
    if len(items) > MAX_BARS:
        rest = sum(n for _, n in items[MAX_BARS - 1:])
        items = items[: MAX_BARS - 1] + [("其余各类", rest)]
    d = Drawing(width, height, initialFontName=font)  # else the renderer starts in Helvetica (not embedded)
    d.add(String(width / 2, height - 12, title, fontName=font, fontSize=10, textAnchor="middle"))
    if not items:
        d.add(String(width / 2, height / 2, "本期无数据", fontName=font, fontSize=9, textAnchor="middle",
                     fillColor=GREY))
        return d
    chart = HorizontalBarChart()
    label_w = 16 + 9 * max(len(label) for label, _ in items)
    chart.x, chart.y = label_w, 18
    chart.width, chart.height = width - label_w - 26, height - 40
    rows = list(reversed(items))  # the chart draws from the bottom: most at the top
    chart.data = [[n for _, n in rows]]
    chart.categoryAxis.categoryNames = [label for label, _ in rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    top = _nice_max(max(n for _, n in rows))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, _step(top)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = color
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d


def trend_chart(title: str, points: list[TrendPoint], width: float, height: float, font: str) -> Drawing:
    """Requests received and disputes screened over the last periods, two lines with a legend."""
    d = Drawing(width, height, initialFontName=font)  # else the renderer starts in Helvetica (not embedded)
    d.add(String(width / 2, height - 12, title, fontName=font, fontSize=10, textAnchor="middle"))
    chart = HorizontalLineChart()
    chart.x, chart.y = 36, 24
    chart.width, chart.height = width - 150, height - 48
    chart.data = [[p.requests for p in points], [p.disputes for p in points]]
    chart.categoryAxis.categoryNames = [p.label for p in points]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dy = -2
    top = _nice_max(max([p.requests for p in points] + [p.disputes for p in points] + [0]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, _step(top)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.joinedLines = 1
    for i, color in enumerate((BLUE, ORANGE)):
        chart.lines[i].strokeColor = color
        chart.lines[i].strokeWidth = 1.6
    chart.lineLabelFormat = "%d"
    chart.lineLabels.fontName = font
    chart.lineLabels.fontSize = 7
    chart.lineLabels.dy = 5
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 100, height / 2 + 10
    legend.fontName, legend.fontSize = font, 8
    legend.alignment = "right"
    legend.colorNamePairs = [(BLUE, "群众求助（件）"), (ORANGE, "排查纠纷（件）")]
    d.add(legend)
    return d
