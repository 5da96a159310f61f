"""Codes and column names of the published tables in words (English, Thai, Lao), from the
dashboard's catalogues and the report's own (``strings``)."""

from __future__ import annotations

from dashboard import i18n
from dashboard.i18n import en
from dashboard.report import strings
from dashboard.report.tables import LABEL, TOTAL, Table

# Label columns' names where the dashboard has no ``col.<name>`` key.
DIMENSION_KEYS = {
    "year": "common.year", "reason": "dim.fine_reason", "band": "debt.band",
    "agencies": "coordination.agencies", "pair": "durations.steps", "figure": "col.figure",
    "rule": "report.col.rule", "seq": "report.col.seq",
}


def code(vocabulary: str, value: object, lang: str) -> str:
    """A code of a published table's labels in words."""
    t = strings.t
    if value is None:
        return i18n.translate("fmt.not_shown", lang)
    text = str(value)
    if vocabulary == "year":
        return i18n.year(text, lang)
    if text == TOTAL:
        return i18n.translate("common.total", lang)
    if vocabulary == "direction":
        return i18n.direction(text, lang)
    if vocabulary == "duration_band":
        return (i18n.translate("band.waiting", lang) if text == "waiting"
                else i18n.translate("band.days", lang, band=text))
    if vocabulary == "pair":
        start, _, end = text.partition("→")
        return i18n.translate("durations.pair", lang, start=i18n.code("step", start, lang),
                              end=i18n.code("step", end, lang))
    if vocabulary in ("rule", "finding"):
        key = f"{vocabulary}.{text}"
        return t(key, lang) if key in strings.EN else text
    if vocabulary == "basis":
        return t(f"report.basis.{text}", lang)
    if vocabulary == "number":
        return text
    return i18n.code(vocabulary, text, lang)


def column(table: Table, name: str, lang: str) -> str:
    """A column of a published table in words."""
    if name in table.column_keys:
        return strings.t(table.column_keys[name], lang)
    if table.kinds.get(name) == LABEL or name in DIMENSION_KEYS or table.column_vocab is None:
        key = DIMENSION_KEYS.get(name, f"col.{name}")
        if key in en.STRINGS or key in strings.EN:
            return strings.t(key, lang)
        return name
    return code(table.column_vocab, name, lang)


def title(table: Table, lang: str) -> str:
    return strings.t(table.title_key, lang, **table.title_values)


def all_languages(func, *args) -> dict[str, str]:  # noqa: ANN001 - a label function
    return {lang: func(*args, lang) for lang in strings.LANGUAGES}
