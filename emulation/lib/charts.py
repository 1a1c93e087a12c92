"""Charts drawn on the server as inline SVG: no script, no CDN, and they print like the rest of the page.

``bar_chart`` draws horizontal bars (a ranking: one bar per unit); ``line_chart`` draws one or more
series over the years (a unit's total or rank; ranks are drawn with 1 at the top). Every label is
escaped; the result is safe to insert into a template with ``{{ chart }}``.
"""

from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe

FONT = "font-family:inherit;font-size:12px"
COLOURS = ["#1d4f91", "#c0392b", "#2e7d32", "#8e44ad", "#d35400", "#00838f", "#6d4c41", "#546e7a"]


def _num(value):
    return float(value) if isinstance(value, (int, float, Decimal)) else None


def _fmt(value):
    """Numbers as Vietnamese readers write them: comma for decimals, no trailing zeros."""
    if value is None:
        return "—"
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _svg(width, height, body, title):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def bar_chart(items, *, title="", max_value=None, highlight=None, width=640, bar_height=22, label_width=220):
    """Horizontal bars. ``items``: (label, value) pairs in display order; ``highlight``: labels drawn in red."""
    items = [(str(label), _num(value)) for label, value in items]
    highlight = set(highlight or ())
    top = max_value if max_value is not None else max((v for _, v in items if v is not None), default=0)
    top = float(top) or 1.0
    gap, pad = 6, 8
    plot = width - label_width - 70
    height = pad * 2 + len(items) * (bar_height + gap)
    parts = []
    for i, (label, value) in enumerate(items):
        y = pad + i * (bar_height + gap)
        mid = y + bar_height / 2 + 4
        shown = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{mid:.1f}" text-anchor="end" style="{FONT}">'
            f"<title>{escape(label)}</title>{escape(shown)}</text>"
        )
        length = 0 if value is None else max(0.0, min(value / top, 1.0)) * plot
        colour = COLOURS[1] if label in highlight else COLOURS[0]
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}" rx="2"/>'
        )
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{mid:.1f}" style="{FONT}">{_fmt(value)}</text>')
    return _svg(width, height, "".join(parts), title)


def line_chart(series, *, title="", invert=False, width=640, height=260, y_label=""):
    """Lines over the years. ``series``: {name: [(year, value), ...]}; ``invert`` puts the smallest value
    (rank 1) at the top. Missing values (None) break the line."""
    series = {str(name): [(int(x), _num(y)) for x, y in points] for name, points in series.items()}
    xs = sorted({x for points in series.values() for x, _ in points})
    ys = [y for points in series.values() for _, y in points if y is not None]
    left, right, top, bottom = 48, 16, 16, 40 + 18 * ((len(series) + 2) // 3)
    plot_w, plot_h = width - left - right, height - top - bottom
    if not xs or not ys:
        return _svg(width, 40, f'<text x="8" y="24" style="{FONT}">{escape(title)}: —</text>', title)
    lo, hi = min(ys), max(ys)
    if invert:
        lo = min(lo, 1)
    if hi == lo:
        hi = lo + 1

    def px(x):
        return left + (plot_w / 2 if len(xs) == 1 else (xs.index(x) / (len(xs) - 1)) * plot_w)

    def py(y):
        share = (y - lo) / (hi - lo)
        return top + (share if invert else 1 - share) * plot_h

    parts = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#999"/>']
    for tick in (lo, (lo + hi) / 2, hi):
        y = py(tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" style="{FONT}">{_fmt(tick)}</text>')
    if y_label:
        parts.append(f'<text x="4" y="{top - 4}" style="{FONT}">{escape(y_label)}</text>')
    for x in xs:
        parts.append(
            f'<text x="{px(x):.1f}" y="{top + plot_h + 16}" text-anchor="middle" style="{FONT}">{x}</text>'
        )
    for i, (name, points) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        runs, run = [], []
        for x, y in sorted(points):
            if y is None:
                runs, run = runs + ([run] if run else []), []
            else:
                run.append((px(x), py(y), y))
        runs += [run] if run else []
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in run)
                parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
            for x, y, value in run:
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>{escape(name)}: '
                    f"{_fmt(value)}</title></circle>"
                )
        lx = left + (i % 3) * (plot_w / 3)
        ly = top + plot_h + 34 + 18 * (i // 3)
        shown = name if len(name) <= 30 else name[:29] + "…"
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14:.1f}" y="{ly}" style="{FONT}">{escape(shown)}</text>')
    return _svg(width, height, "".join(parts), title)
