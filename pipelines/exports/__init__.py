"""Exports of the curated database: CTDC (k-anonymised), HTCDS 2.0 (analysts), Parquet.

- ``ctdc(con, out, k=11)``: person-level CSV in the CTDC global dataset's coding, k-anonymised
  over its quasi-identifiers; ``<out>.md`` describes it.
- ``htcds(con, out)``: person-level CSV under HTCDS 2.0 names with ``x_`` local extensions and
  its data dictionary ``<out>.md``; for the two governments' analysts only.
- ``parquet(con, out_dir)``: the curated tables, hive-partitioned, under ``out_dir/<table>/``.

Each returns a summary dict; ``describe(summary)`` is the line to print.
"""

from pipelines.exports.common import describe
from pipelines.exports.ctdc_file import ctdc
from pipelines.exports.htcds_file import htcds
from pipelines.exports.parquet_tables import parquet

FORMATS = ("ctdc", "htcds", "parquet")

__all__ = ["FORMATS", "ctdc", "describe", "htcds", "parquet"]
