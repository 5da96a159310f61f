"""What every page shares: the session's choices (language, era, filters), the sidebar, and
showing a published table with its downloads.

Every choice lives in ``st.session_state`` (per browser session), never in a module global.
Nothing here computes an indicator or a suppression: tables arrive from ``pipelines.meeting``
already suppressed and are only labelled, formatted and offered for download. The analyst
pages' tables arrive from ``pipelines.analyst`` (role checked there) and are shown as they come.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import numbers
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from dashboard import auth, data, export, i18n
from pipelines import disclosure, schema, vocab
from pipelines.indicators import Filters
from pipelines.meeting import Published

K = disclosure.DEFAULT_K  # meeting mode: fixed
MAX_ROWS_SHOWN = 10_000  # of an analyst table on screen; its download has every row
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LANG = "lang"
BE = "be_years"
YEARS = "f_years"
# Filter → (session key, label key, vocabulary used to name its codes).
FILTERS: dict[str, tuple[str, str, str]] = {
    "nationality": ("f_nationality", "side.nationality", "nationality"),
    "direction": ("f_direction", "side.direction", "direction"),
    "sex": ("f_sex", "side.sex", "sex"),
    "age_band": ("f_age_band", "side.age_band", "age_band"),
    "source": ("f_source", "side.source", "source"),
    "exploitation": ("f_exploitation", "side.exploitation", "exploitation"),
    "site": ("f_site", "side.site", "site"),
}
# Table columns that hold statistics (shares, medians, amounts, days), not counts of persons.
STAT_COLUMNS = (
    "col.bondage_share", "col.median_usd", "col.p90_usd", "col.max_usd", "col.median_thb",
    "col.p90_thb", "col.max_thb", "col.median_days", "col.p90_days", "col.median_waiting_days",
    "col.criminalised_share", "col.screened_share", "col.filled_share", "col.change_pct",
    "col.change", "common.share_pct", "col.informal_share",
)


def lang() -> str:
    value = st.session_state.get(LANG, "en")
    return value if value in i18n.LANGUAGES else "en"


def buddhist_era() -> bool:
    return lang() == "th" and bool(st.session_state.get(BE, False))


def t(key: str, **values: object) -> str:
    return i18n.translate(key, lang(), **values)


# ---------------------------------------------------------------------------- the sidebar

def filter_options(con: duckdb.DuckDBPyConnection | None) -> dict[str, list[str]]:
    """Choices of each filter: the vocabularies (as the CHECK constraints), the directions
    present in the data; 'unknown' where persons may lack the value."""
    directions = data.directions(con) if con is not None else []
    return {
        "nationality": [*schema.filter_options("nationality"), i18n.UNKNOWN],
        "direction": [*directions, i18n.UNKNOWN],
        "sex": list(schema.filter_options("sex")),
        "age_band": [*schema.filter_options("age_band"), i18n.UNKNOWN],
        "source": list(vocab.SOURCES),
        "exploitation": list(vocab.EXPLOITATION),
        "site": [*schema.filter_options("site"), i18n.UNKNOWN],
    }


def option_label(name: str, value: str, language: str) -> str:
    vocabulary = FILTERS[name][2]
    if name == "direction":
        return i18n.direction(value, language)
    return i18n.code(vocabulary, value, language)


def _clear_filters() -> None:
    for key, _, _ in FILTERS.values():
        st.session_state[key] = []
    st.session_state.pop(YEARS, None)


def sidebar(con: duckdb.DuckDBPyConnection | None) -> None:
    """Language, era and the filters shared by every page (kept in st.session_state)."""
    bar = st.sidebar
    if LANG not in st.session_state:  # a bookmark may open the session in Thai or Lao: ?lang=th
        asked = st.query_params.get("lang")
        st.session_state[LANG] = asked if asked in i18n.LANGUAGES else "en"
        st.session_state[BE] = st.query_params.get("be") == "1"
    bar.selectbox("Language / ภาษา / ພາສາ", list(i18n.LANGUAGES),
                  format_func=i18n.LANGUAGES.get, key=LANG)
    language = lang()
    if BE in st.session_state:  # keep the choice while another language hides the box
        st.session_state[BE] = st.session_state[BE]
    if language == "th":
        bar.checkbox(t("side.be_years"), key=BE)
    bar.subheader(t("side.filters"))
    years = data.years(con) if con is not None else []
    if years:
        current = st.session_state.get(YEARS)
        if current is not None and not (isinstance(current, tuple | list) and len(current) == 2
                                        and all(y in years for y in current)):
            del st.session_state[YEARS]  # another database: start from the whole range
        bar.select_slider(t("side.years"), options=years, key=YEARS,
                          value=(years[0], years[-1]),
                          format_func=lambda y: i18n.year(y, language, buddhist_era()),
                          help=t("side.years_help"))
    options = filter_options(con)
    for name, (key, label, _) in FILTERS.items():
        chosen = [v for v in st.session_state.get(key, []) if v in options[name]]
        st.session_state[key] = chosen
        bar.multiselect(t(label), options[name], key=key, placeholder=t("side.all"),
                        format_func=lambda v, n=name: option_label(n, v, language))
    bar.button(t("side.clear"), on_click=_clear_filters, key="clear_filters")


def current_filters(years: list[int]) -> Filters:
    """The sidebar's choices as indicator filters; the whole year range means no year filter
    (persons without a monitoring year are then counted too)."""
    values: dict[str, object] = {}
    chosen = st.session_state.get(YEARS)
    if years and chosen and tuple(chosen) != (years[0], years[-1]):
        values["year_from"], values["year_to"] = int(chosen[0]), int(chosen[1])
    for name, (key, _, _) in FILTERS.items():
        picked = tuple(st.session_state.get(key, []))
        values[name] = picked or None
    return Filters(**values)  # type: ignore[arg-type]


def describe_filters(filters: Filters, language: str, be: bool) -> str:
    """The filters in words, for the notes of a download."""
    parts = []
    if filters.year_from is not None:
        parts.append(f"{i18n.translate('side.years', language)}: "
                     f"{i18n.year(filters.year_from, language, be)}–"
                     f"{i18n.year(filters.year_to, language, be)}")
    for name, (_, label, _) in FILTERS.items():
        picked = getattr(filters, name)
        if picked:
            words = ", ".join(option_label(name, v, language) for v in picked)
            parts.append(f"{i18n.translate(label, language)}: {words}")
    return "; ".join(parts) or i18n.translate("side.all", language)


# ---------------------------------------------------------------------------- a page

@dataclasses.dataclass
class Page:
    """One run of one page: the session's choices and a cursor on the data."""

    con: duckdb.DuckDBPyConnection
    lang: str
    be: bool
    filters: Filters
    years: list[int]
    as_of: object
    k: int = K

    def t(self, key: str, **values: object) -> str:
        return i18n.translate(key, self.lang, **values)

    def code(self, vocabulary: str, value: object) -> str:
        return i18n.code(vocabulary, value, self.lang)

    def nationality(self, value: object) -> str:
        return i18n.code("nationality", value, self.lang)

    def signed(self, value: object, digits: int = 0) -> str:
        return i18n.signed(value, self.lang, digits)

    def direction(self, value: object) -> str:
        return i18n.direction(value, self.lang)

    def year(self, value: object) -> str:
        return i18n.year(value, self.lang, self.be)

    def num(self, value: object, digits: int = 0) -> str:
        return i18n.number(value, self.lang, digits)

    @property
    def separators(self) -> str:
        return i18n.plotly_separators(self.lang)

    @property
    def as_of_text(self) -> str:
        if isinstance(self.as_of, dt.date):
            return (f"{self.as_of.day}/{self.as_of.month}/"
                    f"{self.year(self.as_of.year)}")
        return self.t("fmt.not_shown")

    # ------------------------------------------------------------------ labels
    def labelled(self, frame: pd.DataFrame, index: Callable[[object], str],
                 columns: Callable[[object], str] | dict[str, str],
                 index_name: str) -> pd.DataFrame:
        """The same cells under translated row and column labels."""
        out = frame.copy()
        out.index = [index(v) for v in out.index]
        out.index.name = index_name
        if isinstance(columns, dict):
            out = out[[c for c in columns if c in out.columns]]
            out.columns = [self.t(columns[c]) for c in out.columns]
        else:
            out.columns = [columns(c) for c in out.columns]
        return out

    @staticmethod
    def ordered(frame: pd.DataFrame, codes: tuple[str, ...], axis: str = "columns"
                ) -> pd.DataFrame:
        """Categories in the vocabulary's order (others, 'unknown', the total after)."""
        present = list(frame.columns if axis == "columns" else frame.index)
        tail = [c for c in present if c not in codes and c not in (i18n.UNKNOWN, i18n.TOTAL)]
        order = ([c for c in codes if c in present] + tail
                 + [c for c in (i18n.UNKNOWN, i18n.TOTAL) if c in present])
        return frame[order] if axis == "columns" else frame.loc[order]

    def reorder(self, published: Published, codes: tuple[str, ...]) -> Published:
        """A published table with its columns in the vocabulary's order (cells unchanged)."""
        if published.empty:
            return published
        return dataclasses.replace(published, values=self.ordered(published.values, codes),
                                   table=self.ordered(published.table, codes))

    # ------------------------------------------------------------------ show
    def chart(self, figure: object, key: str) -> None:
        st.plotly_chart(figure, width="stretch", key=f"chart_{key}",
                        config={"displaylogo": False})

    def table(self, frame: pd.DataFrame, name: str, title: str,
              digits: dict[str, int] | None = None) -> pd.DataFrame:
        """Show a published, labelled table and offer it for download; returns what is shown.

        Floats are rounded to ``digits`` (by column label; 1 by default) in the display and in
        the downloads alike, so both carry the same numbers.
        """
        rounded = _rounded(frame, digits or {})
        flat = rounded.reset_index() if rounded.index.name is not None else rounded
        shown = pd.DataFrame({col: [self._cell(v, (digits or {}).get(col, 1)) for v in flat[col]]
                              for col in flat.columns})
        st.dataframe(
            shown, hide_index=True, width="stretch", key=f"table_{name}",
            column_config={col: st.column_config.TextColumn(alignment="right")
                           for col in shown.columns[1:]},
        )
        self.downloads(rounded, name, title)
        return shown

    def _cell(self, value: object, digits: int) -> str:
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            return self.num(value)
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            return self.num(value, digits)
        if value is None or value is pd.NA or value is pd.NaT:
            return self.t("fmt.not_shown")
        return str(value)

    def downloads(self, frame: pd.DataFrame, name: str, title: str) -> None:
        """CSV and XLSX of a published table. A signed-in user's download is recorded in the
        audit log when it is fetched; an anonymous visitor's (meeting mode, public) is not."""
        notes = [title, self.t("common.as_of", date=self.as_of_text),
                 describe_filters(self.filters, self.lang, self.be),
                 self.t("common.suppressed", k=self.k, k1=self.k - 1),
                 self.t("common.secondary", k=self.k),
                 self.t("common.not_shown", k=self.k)]
        left, right, _ = st.columns([1, 1, 3])
        audited = auth.signed_in()
        for column, kind, mime, make in (
                (left, "csv", "text/csv", lambda: export.to_csv(frame)),
                (right, "xlsx", XLSX, lambda: export.to_xlsx(frame, notes))):
            label, file_name = self.t(f"common.download_{kind}"), f"{name}_{self.lang}.{kind}"
            with column:
                if audited:
                    auth.download_button(label, make, file_name, mime, f"{kind}_{name}",
                                         self._audit_what(file_name, "meeting"))
                else:
                    st.download_button(label, make(), file_name=file_name, mime=mime,
                                       key=f"{kind}_{name}", on_click="ignore")

    def _audit_what(self, file_name: str, mode: str) -> str:
        return f"{file_name} ({mode}; {describe_filters(self.filters, 'en', False)})"

    def rows(self, frame: pd.DataFrame, name: str, filtered: bool = True) -> None:
        """An analyst table (row level or unsuppressed) as it comes, its first rows shown and
        all of it offered as CSV; the download is recorded in the audit log when fetched."""
        total = len(frame)
        if total == 0:
            self.nothing()
            return
        shown = frame.head(MAX_ROWS_SHOWN)
        st.dataframe(shown, hide_index=True, width="stretch", key=f"table_{name}")
        if total > len(shown):
            st.caption(self.t("analyst.rows_shown", shown=self.num(len(shown)),
                              total=self.num(total)))
        else:
            st.caption(self.t("analyst.rows", total=self.num(total)))
        file_name = f"{name}.csv"
        what = (self._audit_what(file_name, "analyst") if filtered
                else f"{file_name} (analyst)")
        auth.download_button(self.t("common.download_csv"), lambda: export.to_csv(frame),
                             file_name, "text/csv", f"csv_{name}", what)

    def footer(self) -> None:
        st.caption(self.t("common.suppressed", k=self.k, k1=self.k - 1) + " "
                   + self.t("common.secondary", k=self.k) + " "
                   + self.t("common.not_shown", k=self.k))

    def nothing(self) -> None:
        st.info(self.t("common.nothing"))


def _rounded(frame: pd.DataFrame, digits: dict[str, int]) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        places = digits.get(col, 1)
        out[col] = pd.Series([_round(v, places) for v in out[col]], index=out.index,
                             dtype=object)
    return out


def _round(value: object, places: int) -> object:
    if not _is_float(value):
        return value
    return round(float(value), places) if places else int(round(float(value)))


def _is_float(value: object) -> bool:
    return (isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral)
            and value == value)


def heading(title_key: str, analyst: bool = False) -> None:
    """The page's title and its mode: meeting mode, or the analyst view's warning."""
    st.title(t(title_key))
    if analyst:
        st.warning(t("app.analyst_mode"))
    else:
        st.caption(t("app.meeting_mode", k=K, k1=K - 1))


def start(title_key: str, analyst: bool = False) -> Page:
    """The page's heading; stops with a hint when there is no data yet."""
    heading(title_key, analyst)
    con = data.cursor()
    if con is None:
        st.info(t("common.no_data"))
        st.stop()
    years = data.years(con)
    page = Page(con=con, lang=lang(), be=buddhist_era(), filters=current_filters(years),
                years=years, as_of=data.as_of(con))
    return page
