"""Small server-rendered SVG charts, styled by classes from app.css (the CSP allows no styles)."""

from markupsafe import Markup, escape

from ..core.display import day

WIDTH = 320
ROW = 34
SERIES_CLASSES = 6  # app.css colours .series-0 … .series-5


def bars(chart_id, title, rows):
    """A horizontal bar chart of (label, value) rows, labels above bars: legible at 360 px."""
    top = max([value for _label, value in rows] + [1])
    height = ROW * len(rows) + 4
    summary = "; ".join(f"{label}: {value}" for label, value in rows)
    parts = [
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = index * ROW
        length = round((WIDTH - 40) * value / top)
        parts.append(f'<text class="chart-label" x="0" y="{y + 12}">{escape(label)}</text>')
        parts.append(f'<rect class="bar" x="0" y="{y + 16}" width="{max(length, 1)}" height="12"/>')
        parts.append(f'<text class="chart-value" x="{length + 6}" y="{y + 27}">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def trend(assessments, labels, last=8):
    """My ratings over time per rubric row: the chart and its text alternative, or None."""
    dates = sorted({a.date for a in assessments})[-last:]
    if not dates:
        return None
    series = {}
    for unit in sorted(assessments, key=lambda a: (a.date, a.id)):
        if unit.date in dates:
            series.setdefault(unit.row, {})[unit.date] = unit.score
    height, left, bottom = 150, 24, 20
    step = (WIDTH - left - 10) / max(len(dates) - 1, 1)

    def point(date, score):
        x = left + dates.index(date) * step
        y = (height - bottom) - (score - 1) * ((height - bottom - 12) / 3)
        return round(x, 1), round(y, 1)

    parts = [
        f'<svg id="trend-chart" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        'aria-labelledby="trend-title">',
        '<title id="trend-title">My ratings over time, from 1 (not yet) to 4 (confident)</title>',
    ]
    for score in range(1, 5):
        _x, y = point(dates[0], score)
        parts.append(f'<line class="grid" x1="{left}" y1="{y}" x2="{WIDTH - 4}" y2="{y}"/>')
        parts.append(f'<text class="chart-value" x="0" y="{y + 4}">{score}</text>')
    described = []
    for index, (row, scores) in enumerate(series.items()):
        css = f"series-{index % SERIES_CLASSES}"
        points = [point(d, s) for d, s in scores.items()]
        parts.append(
            f'<polyline class="line {css}" points="'
            + " ".join(f"{x},{y}" for x, y in points)
            + '"/>'
        )
        parts += [f'<circle class="dot {css}" cx="{x}" cy="{y}" r="3"/>' for x, y in points]
        steps = ", ".join(f"{s} on {day(d)}" for d, s in scores.items())
        described.append({"css": css, "label": labels.get(row, "A removed row"), "text": steps})
    parts.append(
        f'<text class="chart-label" x="{left}" y="{height - 4}">{escape(day(dates[0]))}</text>'
    )
    if len(dates) > 1:
        parts.append(
            f'<text class="chart-label end" x="{WIDTH - 4}" y="{height - 4}">'
            f"{escape(day(dates[-1]))}</text>"
        )
    parts.append("</svg>")
    return {"svg": Markup("".join(parts)), "series": described}
