"""Meeting mode: every indicator as it may be shown on a projected screen or downloaded.

Each function calls the indicator layer and passes its counts through ``disclosure``; the
dashboard's meeting pages, their downloads and the annual report read only from here, so a
number can only reach a screen suppressed. Codes stay codes (translation is presentation).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from pipelines import disclosure, indicators
from pipelines.indicators import ALL, Filters

UNKNOWN = "unknown"
HIDDEN_STAT = "–"  # a statistic over fewer than k persons, not shown
SECONDARY = disclosure.SECONDARY


@dataclass
class Published:
    """A suppressed table: ``values`` numeric with NaN where hidden (for charts), ``table`` as
    displayed and downloaded ('<k' where hidden), both with the same index and columns."""

    values: pd.DataFrame
    table: pd.DataFrame
    k: int
    notes: list[str] = field(default_factory=list)

    @property
    def hidden(self) -> pd.DataFrame:
        return self.values.isna() & self.table.notna()

    @property
    def empty(self) -> bool:
        return self.values.empty


def _year_order(labels: list[str]) -> list[str]:
    known = sorted(x for x in labels if x not in (UNKNOWN, disclosure.TOTAL))
    return known + [x for x in (UNKNOWN, disclosure.TOTAL) if x in labels]


def protect_counts(counts: pd.DataFrame, k: int, totals: bool = True) -> Published:
    """A table of person counts with primary and complementary suppression (see
    ``disclosure.suppress_table`` for the markers)."""
    counts = counts.fillna(0).astype(int)
    mask = disclosure.hidden_mask(counts, k, totals)
    full = disclosure.with_totals(counts) if totals else counts
    return Published(full.astype(float).mask(mask),
                     disclosure.suppress_table(counts, k, totals), k)


def _pivot(frame: pd.DataFrame, index: str, columns: str, value: str) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame()
    table = frame.pivot_table(index=index, columns=columns, values=value, aggfunc="sum",
                              fill_value=0)
    if index == "year":
        table = table.reindex(_year_order(list(table.index)))
    return table


def annual_by(con: duckdb.DuckDBPyConnection, dimension: str, filters: Filters = ALL,
              k: int = disclosure.DEFAULT_K, measure: str = "potential_victims") -> Published:
    """Persons per monitoring year (rows) and category of ``dimension`` (columns), totals."""
    frame = indicators.counts_by(con, dimension, filters)
    table = _pivot(frame, "year", "category", measure)
    if table.empty:
        return Published(table, table, k)
    return protect_counts(table, k)


def key_figures(con: duckdb.DuckDBPyConnection, year: int, filters: Filters = ALL,
                k: int = disclosure.DEFAULT_K) -> pd.DataFrame:
    """This year and the previous one: potential/identified victims, Thai, Lao; change.

    The filters' year range is set aside (the figures are for ``year`` and ``year − 1``);
    a change is shown only when both years' figures are.
    """
    filters = replace(filters, year_from=None, year_to=None)
    frame = indicators.counts_by(con, "nationality", filters)
    rows = []
    for label, pick, measure in (
        ("potential_victims", None, "potential_victims"),
        ("identified_victims", None, "identified_victims"),
        ("thai_nationals", "TH", "potential_victims"),
        ("lao_nationals", "LA", "potential_victims"),
    ):
        sel = frame if pick is None else frame[frame["category"] == pick]
        now = int(sel.loc[sel["year"] == str(year), measure].sum())
        before = int(sel.loc[sel["year"] == str(year - 1), measure].sum())
        shown_now, shown_before = disclosure.suppress_count(now, k), disclosure.suppress_count(
            before, k)
        both = isinstance(shown_now, int) and isinstance(shown_before, int)
        change = (now - before) if both else None
        pct = (100.0 * (now - before) / before) if both and before else None
        rows.append({"figure": label, "year": year, "value": shown_now,
                     "previous": shown_before, "change": change, "change_pct": pct})
    return pd.DataFrame(rows)


def shares(con: duckdb.DuckDBPyConnection, field_name: str, filters: Filters = ALL,
           k: int = disclosure.DEFAULT_K) -> tuple[Published, Published]:
    """Multi-valued field by year: (persons per value, suppressed; share in %, hidden when
    small). Shares are over persons with a known value, so they may sum past 100%."""
    frame = indicators.shares_by_year(con, field_name, filters)
    if frame.empty:
        empty = pd.DataFrame()
        return Published(empty, empty, k), Published(empty, empty, k)
    counts = protect_counts(_pivot(frame, "year", "category", "persons"), k, totals=False)
    frame = disclosure.hide_small_shares(frame, "persons", "known", "share", k)
    pct = _pivot(frame.assign(share=frame["share"] * 100), "year", "category", "share")
    hidden = _pivot(frame.assign(h=frame["share"].isna().astype(int)), "year", "category", "h")
    pct = pct.where(hidden == 0)
    # A hidden share is marked "–", not "<k": "<5" in a percentage column reads as "under 5 %".
    return counts, Published(pct, pct.round(1).astype(object).where(pct.notna(), HIDDEN_STAT), k)


def debt(con: duckdb.DuckDBPyConnection, filters: Filters = ALL,
         k: int = disclosure.DEFAULT_K) -> pd.DataFrame:
    """Per year: persons, in debt bondage (count, share), debt size in USD and THB."""
    frame = indicators.debt_by_year(con, filters)
    frame["bondage_share"] = frame["in_bondage"] / frame["persons"]
    frame = disclosure.hide_small_shares(frame, "in_bondage", "persons", "bondage_share", k)
    stats = ["median_usd", "p90_usd", "max_usd", "median_thb", "p90_thb", "max_thb"]
    frame = disclosure.hide_small_stats(frame, "with_debt_amount", stats, k)
    return _suppress_columns(frame, ["persons", "with_debt", "in_bondage", "with_debt_amount"],
                             k)


def _suppress_columns(frame: pd.DataFrame, columns: list[str], k: int) -> pd.DataFrame:
    out = frame.copy()
    for col in columns:
        out[col] = [disclosure.suppress_count(int(v), k) if isinstance(v, int | float)
                    and pd.notna(v) else v for v in out[col]]
    return out


def one_way(frame: pd.DataFrame, label: str, value: str, k: int) -> Published:
    """A single column of person counts (a histogram), with its total."""
    if frame.empty:
        return Published(pd.DataFrame(), pd.DataFrame(), k)
    table = frame.set_index(label)[[value]]
    return protect_counts(table, k)


def debt_bands(con: duckdb.DuckDBPyConnection, filters: Filters = ALL,
               k: int = disclosure.DEFAULT_K) -> Published:
    return one_way(indicators.debt_bands(con, filters), "band", "persons", k)


def fines(con: duckdb.DuckDBPyConnection, filters: Filters = ALL,
          k: int = disclosure.DEFAULT_K) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(by reason: fines, persons, medians; per person: totals) — over fewer than k persons
    nothing but '<k' is shown."""
    by_reason = indicators.fines_by_reason(con, filters)
    by_reason = disclosure.hide_small_stats(by_reason, "persons", ["median_usd", "median_thb"],
                                            k)
    small = (by_reason["persons"] >= 1) & (by_reason["persons"] < k)
    by_reason["fines"] = by_reason["fines"].astype(object).where(~small, f"<{k}")
    by_reason = _suppress_columns(by_reason, ["persons"], k)
    per_person = indicators.fined_per_person(con, filters)
    stats = ["median_usd", "p90_usd", "max_usd", "median_thb", "p90_thb", "max_thb"]
    per_person = disclosure.hide_small_stats(per_person, "persons", stats, k)
    small = (per_person["persons"] >= 1) & (per_person["persons"] < k)
    per_person["fines"] = per_person["fines"].astype(object).where(~small, f"<{k}")
    return by_reason, _suppress_columns(per_person, ["persons"], k)


def durations(con: duckdb.DuckDBPyConnection, filters: Filters = ALL,
              k: int = disclosure.DEFAULT_K) -> tuple[pd.DataFrame, Published]:
    """(per step pair: n, median, p90, waiting; persons per duration band and pair)."""
    summary = indicators.referral_durations(con, filters)
    summary = disclosure.hide_small_stats(summary, "n", ["median_days", "p90_days"], k)
    summary = disclosure.hide_small_stats(summary, "waiting", ["median_waiting_days"], k)
    summary = _suppress_columns(summary, ["n", "waiting"], k)
    bands = indicators.duration_bands(con, filters)
    if bands.empty:
        return summary, Published(pd.DataFrame(), pd.DataFrame(), k)
    bands["pair"] = bands["from_step"] + "→" + bands["to_step"]
    table = bands.pivot_table(index="pair", columns="band", values="persons", aggfunc="sum",
                              fill_value=0)
    order = [f"{a}→{b}" for a, b in summary[["from_step", "to_step"]].itertuples(index=False)]
    table = table.reindex([p for p in order if p in table.index])
    table = table[[b for b in indicators.sql.DURATION_BAND_LABELS.values() if b in table]]
    return summary, protect_counts(table, k, totals=False)


def coordination(con: duckdb.DuckDBPyConnection, filters: Filters = ALL,
                 k: int = disclosure.DEFAULT_K) -> tuple[Published, pd.DataFrame]:
    """(persons by number of agencies on their case; informal share by year and source)."""
    agencies = indicators.agencies_per_case(con, filters)
    per_case = one_way(agencies.astype({"agencies": str}), "agencies", "persons", k)
    channels = indicators.coordination_channels(con, filters)
    # Steps belong to persons: a handful of informal steps points at a handful of people.
    channels = disclosure.hide_small_shares(channels, "informal", "steps_with_channel",
                                            "informal_share", k)
    channels["informal_share"] = channels["informal_share"].where(channels["persons"] >= k)
    return per_case, _suppress_columns(channels, ["informal", "steps_with_channel", "persons"],
                                       k)


def rights(con: duckdb.DuckDBPyConnection, filters: Filters = ALL,
           k: int = disclosure.DEFAULT_K) -> pd.DataFrame:
    """Per year: criminalised / rescued in Lao PDR; screened / handed over — and shares."""
    frame = indicators.rights_by_year(con, filters)
    frame["criminalised_share"] = frame["criminalised"] / frame["rescued_in_laos"].where(
        frame["rescued_in_laos"] > 0)
    frame["screened_share"] = frame["screened_before_return"] / frame["handed_over"].where(
        frame["handed_over"] > 0)
    frame = disclosure.hide_small_shares(frame, "criminalised", "rescued_in_laos",
                                         "criminalised_share", k)
    frame = disclosure.hide_small_shares(frame, "screened_before_return", "handed_over",
                                         "screened_share", k)
    return _suppress_columns(frame, ["criminalised", "rescued_in_laos",
                                     "screened_before_return", "handed_over"], k)


def data_quality(con: duckdb.DuckDBPyConnection, k: int = disclosure.DEFAULT_K
                 ) -> dict[str, pd.DataFrame]:
    """Files (row counts suppressed like person counts), completeness and timeliness."""
    files = indicators.files_ingested(con)
    # read = loaded + quarantined: hiding one of the three hides the row's other two as well.
    counts = ["rows_read", "rows_loaded", "rows_quarantined"]
    small = ((files[counts] >= 1) & (files[counts] < k)).any(axis=1)
    files[counts] = files[counts].astype(object)
    files.loc[small, counts] = SECONDARY
    files = _suppress_columns(files, counts, k)
    complete = indicators.completeness(con)
    complete = disclosure.hide_small_shares(complete, "filled", "persons", "share", k)
    complete = _suppress_columns(complete, ["filled", "persons"], k)
    timely = indicators.timeliness(con)
    timely = disclosure.hide_small_stats(timely, "steps", ["median_days", "p90_days"], k)
    timely = _suppress_columns(timely, ["steps"], k)
    outstanding = _suppress_columns(indicators.outstanding_by_rule(con), ["problems"], k)
    findings = _suppress_columns(indicators.findings_by_kind(con), ["findings"], k)
    return {"files": files, "completeness": complete, "timeliness": timely,
            "outstanding": outstanding, "findings": findings}
