"""The report's charts as vector graphics, rendered offline in one Chromium session.

Plotly figures (built by ``dashboard.charts``) are printed to PDF by kaleido's Chromium, then
turned into SVG by ``pdftocairo`` with the text as glyph outlines. Why not kaleido's own SVG:
WeasyPrint draws SVG text one character at a time, which breaks Thai and Lao (tone marks and
vowels above or below a consonant land on dotted circles); Chromium shapes them correctly and
the outlines keep that shape. The chart titles are in the HTML, where the text stays text.

Nothing is fetched: MathJax is off, plotly.js is the copy shipped with plotly, and Chromium is
given a proxy nobody listens on, so any request it might make fails on the spot.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
NO_NETWORK_PROXY = "http://127.0.0.1:9"  # the discard port: nothing answers there
WIDTH = 1000  # px; the PDF shows a chart 170 mm wide, so 18 px type prints at about 9 pt
# kaleido prints with a 0.1 in margin on every side of a page the figure's size, so the
# figure is shifted by 0.1 in and its right and bottom edges are cut: each figure is printed
# PAD px larger (blank margin on the right and bottom) and the SVG cropped back to the figure.
PAD = 24  # px
PRINT_MARGIN_PT = 7.2  # 0.1 in
PT_PER_PX = 0.75
TIMEOUT = 120  # s, for all the charts of a package together

_LOCK = threading.Lock()  # one kaleido session at a time in a process (the dashboard's too)


@dataclass
class Chart:
    figure: go.Figure
    height: int
    width: int = WIDTH


def chromium_path() -> str | None:
    """Chromium to use: $BROWSER_PATH, else the system's (kaleido looks further if None)."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return explicit
    for path in CHROMIUM:
        if Path(path).is_file():
            return path
    return None


def render(charts: list[Chart]) -> list[str]:
    """SVG text of each chart, in order, from a single Chromium session."""
    if not charts:
        return []
    pio.defaults.mathjax = None  # plotly's own image export fetches nothing either
    with _LOCK, concurrent.futures.ThreadPoolExecutor(1) as pool:
        # Its own thread and event loop: the caller may be inside one (Streamlit, tests).
        pdfs = pool.submit(asyncio.run, _print_all(charts)).result(timeout=TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="tipmon-charts-") as tmp:
        return [crop(pdf_to_svg(pdf, Path(tmp) / f"chart{i}"), c.width, c.height)
                for i, (pdf, c) in enumerate(zip(pdfs, charts, strict=True))]


async def _print_all(charts: list[Chart]) -> list[bytes]:
    import kaleido  # imported here: it starts nothing, but is slow to import

    # One tab: more tabs each load plotly.js at start and render no faster (measured).
    options: dict[str, object] = {"n": 1, "mathjax": False,
                                  "proxy_server": NO_NETWORK_PROXY}
    if path := chromium_path():
        options["path"] = path
    async with kaleido.Kaleido(**options) as browser:
        return [await browser.calc_fig(_padded(c), opts={"format": "pdf",
                                                         "width": c.width + PAD,
                                                         "height": c.height + PAD})
                for c in charts]


def _padded(chart: Chart) -> go.Figure:
    figure = go.Figure(chart.figure)
    margin = figure.layout.margin
    figure.update_layout(width=chart.width + PAD, height=chart.height + PAD,
                         margin={"r": (margin.r or 0) + PAD, "b": (margin.b or 0) + PAD})
    return figure


_SVG_ROOT = re.compile(r"<svg\b[^>]*>")


def crop(svg: str, width: int, height: int) -> str:
    """The printed page cut back to the figure: drop the print margin and the padding."""
    w, h = width * PT_PER_PX, height * PT_PER_PX
    root = _SVG_ROOT.search(svg)
    if root is None:
        raise ValueError("not an SVG document")
    tag = re.sub(r'\s(width|height|viewBox)="[^"]*"', "", root.group(0))
    tag = tag.replace("<svg", f'<svg width="{w:g}pt" height="{h:g}pt" '
                              f'viewBox="{PRINT_MARGIN_PT:g} {PRINT_MARGIN_PT:g} {w:g} {h:g}"', 1)
    return svg[:root.start()] + tag + svg[root.end():]


def pdf_to_svg(pdf: bytes, stem: Path) -> str:
    """One PDF page as SVG, the text as outlines (poppler's pdftocairo)."""
    tool = shutil.which("pdftocairo")
    if tool is None:
        raise RuntimeError("pdftocairo not found: install poppler-utils")
    source, target = stem.with_suffix(".pdf"), stem.with_suffix(".svg")
    source.write_bytes(pdf)
    subprocess.run([tool, "-svg", str(source), str(target)], check=True, capture_output=True,
                   timeout=60)
    return target.read_text("utf-8")


# ---------------------------------------------------------------------------- print layout

def for_print(figure: go.Figure, height: int, top: int = 10, legend: str | None = None
              ) -> Chart:
    """A dashboard chart laid out for the page: no title (the HTML caption carries it), room
    for the axis titles, white paper; ``legend`` "below" or "above" the plot."""
    figure.update_layout(title=None, height=height, width=WIDTH,
                         margin={"t": top, "l": 10, "r": 30, "b": 56},
                         paper_bgcolor="#FFFFFF", plot_bgcolor="#F4F6F8")
    figure.update_xaxes(automargin=True, title_standoff=12)
    figure.update_yaxes(automargin=True)
    if legend == "below":
        below = -min(0.3, 80 / max(height - top - 60, 100))  # under the axis title
        figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": below,
                                     "x": 0, "xanchor": "left"})
    elif legend == "above":
        figure.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.02,
                                     "x": 0, "xanchor": "left", "traceorder": "normal"})
    return Chart(figure, height)
