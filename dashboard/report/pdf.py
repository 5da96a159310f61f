"""HTML to PDF with WeasyPrint: offline, and with Thai and Lao text that can be searched.

Offline: the URL fetcher takes ``file:`` and ``data:`` URLs only and stops the rendering on
anything else, so a stray link to a web font or stylesheet fails loudly instead of fetching.

Searchable Thai and Lao: WeasyPrint maps each glyph to one piece of text for the whole file.
The shaper decomposes SARA AM (ำ, ຳ) into NIKHAHIT + SARA AA, so the SARA AA glyph stands
for "า" in one word and "ำ" in another and extraction gets one of them wrong ("ประจำ" comes out
"ประจา"; tone marks inside the cluster vanish too). While rendering, each line that holds Thai
or Lao is wrapped in a marked-content span whose ``/ActualText`` is the line's text, which PDF
readers (poppler, pdfium, Acrobat) use for extraction and search; and glyphs that are a Thai or
Lao character's own glyph are mapped to that character, so copying in a reader that ignores
ActualText still gives the decomposed (NFKC-equivalent) text rather than a wrong letter.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pydyf
from fontTools.ttLib import TTFont
from weasyprint import HTML
from weasyprint.draw import text as draw_text
from weasyprint.urls import URLFetcher

ALLOWED_SCHEMES = ("file", "data")
_COMPLEX = ((0x0E00, 0x0E7F), (0x0E80, 0x0EFF))  # Thai, Lao
_LOCK = threading.Lock()
_NOMINAL: dict[tuple[str, int, int], dict[int, str]] = {}


def offline_fetcher() -> URLFetcher:
    """file: and data: only; anything else is a fatal error, never a request."""
    return URLFetcher(allowed_protocols=ALLOWED_SCHEMES, fail_on_errors=True)


def write_pdf(html: str, base_url: str | None = None) -> bytes:
    with _LOCK, _searchable_thai_lao():
        document = HTML(string=html, base_url=base_url, url_fetcher=offline_fetcher())
        return document.write_pdf(pdf_variant=None, uncompressed_pdf=False)


def _complex(text: str) -> bool:
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _COMPLEX)


def _nominal_glyphs(font: object) -> dict[int, str]:
    """Glyph id → the Thai or Lao character whose own glyph it is (from the font's cmap)."""
    key = (getattr(font, "family", b"").decode("utf-8", "replace")
           if isinstance(getattr(font, "family", None), bytes) else str(font.family),
           len(font.file_content), font.index)
    if key not in _NOMINAL:
        mapping: dict[int, str] = {}
        try:
            ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
            cmap = ttfont.getBestCmap() or {}
            order = ttfont.getGlyphOrder()
            ids = {name: i for i, name in enumerate(order)}
            for codepoint, name in sorted(cmap.items()):
                if any(lo <= codepoint <= hi for lo, hi in _COMPLEX) and name in ids:
                    mapping.setdefault(ids[name], chr(codepoint))
        except Exception:  # noqa: BLE001 - a font fontTools cannot read keeps WeasyPrint's map
            mapping = {}
        _NOMINAL[key] = mapping
    return _NOMINAL[key]


@contextmanager
def _searchable_thai_lao() -> Iterator[None]:
    original = getattr(draw_text, "draw_first_line", None)
    if original is None:  # another WeasyPrint: render as it is (tests check the text)
        yield
        return

    def draw_first_line(stream, textbox, *args, **kwargs):  # noqa: ANN001, ANN202
        text = textbox.text
        if not (text and text.strip() and _complex(text)):
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content(
            "Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}).data)
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()
            for font in getattr(stream, "_fonts", {}).values():
                if not hasattr(font, "to_unicode") or not hasattr(font, "file_content"):
                    continue
                nominal = _nominal_glyphs(font)
                for glyph, mapped in list(font.to_unicode.items()):
                    if glyph in nominal and mapped != nominal[glyph]:
                        font.to_unicode[glyph] = nominal[glyph]

    draw_text.draw_first_line = draw_first_line
    try:
        yield
    finally:
        draw_text.draw_first_line = original
