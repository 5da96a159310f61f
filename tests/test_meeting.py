"""Meeting mode: every published person count is 0, '<k' or at least k, under any filter."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipelines import indicators, meeting
from pipelines.generate import generate_exports
from pipelines.indicators import Filters
from pipelines.ingest import ingest

K = 5
FILTERS = [
    Filters(),
    Filters(nationality=("LA",)),
    Filters(year_from=2024, year_to=2024),
    Filters(sex=("female",), source=("bokeo",)),
    Filters(exploitation=("sexual_exploitation",)),
    Filters(direction=("TH-LA",), age_band=("21-23", "24-26")),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("meeting")
    generate_exports(out / "raw", persons=500, seed=21)
    ingest([out / "raw"], out / "m.duckdb")
    connection = duckdb.connect(str(out / "m.duckdb"), read_only=True)
    yield connection
    connection.close()


def assert_safe(values, where: str) -> None:
    for v in values:
        if isinstance(v, str):
            assert v in (f"<{K}", "x") or not v.isdigit(), (where, v)
            continue
        if v is None or pd.isna(v):
            continue
        assert v == 0 or v >= K, (where, v)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: str(f.params()))
def test_no_small_count_anywhere(con, filters: Filters) -> None:
    for dimension in indicators.DIMENSIONS:
        published = meeting.annual_by(con, dimension, filters, K)
        assert_safe(published.table.to_numpy().ravel(), dimension)
    for field in indicators.MULTI_VALUED:
        counts, _ = meeting.shares(con, field, filters, K)
        assert_safe(counts.table.to_numpy().ravel(), field)
    debt = meeting.debt(con, filters, K)
    assert_safe(debt[["persons", "with_debt", "in_bondage", "with_debt_amount"]].to_numpy()
                .ravel(), "debt")
    assert_safe(meeting.debt_bands(con, filters, K).table.to_numpy().ravel(), "debt bands")
    by_reason, per_person = meeting.fines(con, filters, K)
    assert_safe(by_reason[["fines", "persons"]].to_numpy().ravel(), "fines")
    assert_safe(per_person[["fines", "persons"]].to_numpy().ravel(), "fined persons")
    summary, bands = meeting.durations(con, filters, K)
    assert_safe(summary[["n", "waiting"]].to_numpy().ravel(), "durations")
    assert_safe(bands.table.to_numpy().ravel(), "duration bands")
    per_case, channels = meeting.coordination(con, filters, K)
    assert_safe(per_case.table.to_numpy().ravel(), "agencies")
    assert_safe(channels[["informal", "steps_with_channel", "persons"]].to_numpy().ravel(),
                "channels")
    rights = meeting.rights(con, filters, K)
    assert_safe(rights[["criminalised", "rescued_in_laos", "screened_before_return",
                        "handed_over"]].to_numpy().ravel(), "rights")
    for name, frame in meeting.key_figures(con, 2025, filters, K).iterrows():
        assert_safe([frame["value"], frame["previous"]], f"key figure {name}")


def test_statistics_over_few_persons_are_hidden(con) -> None:
    summary, _ = meeting.durations(con, Filters(nationality=("VN",)), K)
    raw = indicators.referral_durations(con, Filters(nationality=("VN",)))
    for shown, (_, row) in zip(summary.itertuples(), raw.iterrows(), strict=True):
        if row["n"] < K:
            assert pd.isna(shown.median_days) and pd.isna(shown.p90_days)
        else:
            assert shown.median_days == row["median_days"]


def test_published_counts_equal_the_indicator_layer(con) -> None:
    raw = indicators.counts_by(con, "nationality")
    published = meeting.annual_by(con, "nationality", k=K)
    for row in raw.itertuples():
        cell = published.table.loc[row.year, row.category]
        n = row.potential_victims
        # "<k" only for 1..k−1, "x" only for a complement of k or more, else the true count
        assert cell == n or (cell == f"<{K}" and 1 <= n < K) or (cell == "x" and n >= K)
    assert published.table.loc["total", "total"] == raw["potential_victims"].sum()
