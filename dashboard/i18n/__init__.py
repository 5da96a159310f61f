"""Labels and number formats in English, Thai and Lao — one catalogue file per language.

``en.py``, ``th.py`` and ``lo.py`` each hold ``STRINGS``: the same keys, the same
``{placeholders}`` (tests/test_i18n.py fails otherwise), so a reviewer's correction is a
one-file change. Codes of ``pipelines/vocab.py`` are keyed ``<vocabulary>.<code>``.

Pure functions: the language is an argument, chosen per session by the app
(st.session_state), never stored here.
"""

from __future__ import annotations

import math
import numbers
import re
import string

from dashboard.i18n import en, lo, th

LANGUAGES = {"en": "English", "th": "ไทย", "lo": "ລາວ"}
CATALOGUES: dict[str, dict[str, str]] = {"en": en.STRINGS, "th": th.STRINGS, "lo": lo.STRINGS}

BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543
UNKNOWN = "unknown"
TOTAL = "total"
_SMALL = re.compile(r"<\d+")


def translate(key: str, lang: str, **values: object) -> str:
    """The label in ``lang``; English, then the key itself, if a string is missing."""
    text = CATALOGUES.get(lang, {}).get(key) or en.STRINGS.get(key) or key
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def code(vocabulary: str, value: object, lang: str) -> str:
    """A code of a vocabulary in words; unknown/missing and the total row have their own."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == UNKNOWN:
        return translate("common.unknown", lang)
    if value == TOTAL:
        return translate("common.total", lang)
    key = f"{vocabulary}.{value}"
    return translate(key, lang) if key in en.STRINGS else str(value)


def direction(value: object, lang: str) -> str:
    """'TH-LA' → 'Thailand → Lao PDR' (nationality → country of exploitation)."""
    if not isinstance(value, str) or "-" not in value:
        return code("country", value, lang)
    start, _, end = value.partition("-")
    return f"{code('country', start, lang)} → {code('country', end, lang)}"


def year(value: object, lang: str, buddhist_era: bool = False) -> str:
    """A monitoring year as shown: 2021, or 2564 in the Buddhist Era; 'unknown', 'total'."""
    if value is None or value == UNKNOWN:
        return translate("common.year_unknown", lang)
    if value == TOTAL:
        return translate("common.total", lang)
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)
    return str(number + BE_OFFSET if buddhist_era else number)


def number(value: object, lang: str, digits: int = 0) -> str:
    """A number with the language's separators; '<k' as it is; missing/hidden as '–'."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return translate("fmt.not_shown", lang)
    try:
        shown = f"{float(value):,.{digits}f}" if digits else f"{round(float(value)):,d}"
    except (TypeError, ValueError):
        return str(value)
    group, decimal = translate("fmt.group", lang), translate("fmt.decimal", lang)
    return shown.replace(",", "\0").replace(".", decimal).replace("\0", group)


def signed(value: object, lang: str, digits: int = 0) -> str:
    """A change, with its sign: +44, -3 (ASCII, so st.metric points its arrow right)."""
    text = number(value, lang, digits)
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and value > 0:
        return "+" + text
    return text


def plotly_separators(lang: str) -> str:
    """Plotly's ``separators``: the decimal mark, then the thousands separator."""
    return translate("fmt.decimal", lang) + translate("fmt.group", lang)


def is_hidden(value: object) -> bool:
    """A suppressed cell as the meeting layer writes it ('<5')."""
    return isinstance(value, str) and bool(_SMALL.fullmatch(value))
