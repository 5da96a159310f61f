"""What the exports share: output paths, CSV writing, summaries."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

# Spec §5: a cell that a spreadsheet would run as a formula is neutralised with an apostrophe.
# The exports hold codes and numbers only, so this never fires on good data; it is a backstop.
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def output_file(out: Path | str, suffix: str = ".csv") -> Path:
    """The absolute path of an output file, which must end in ``suffix`` (so that a slip of the
    command line cannot overwrite the database); its folder is created."""
    path = Path(out).expanduser().resolve()
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give the path of the file to write")
    if path.suffix.lower() != suffix:
        raise ValueError(f"{path}: the export is written to a {suffix} file")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def sidecar(path: Path) -> Path:
    """``<out>.md``: the README-style description written next to an export file."""
    return path.with_name(path.name + ".md")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_RISKY_START) else value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """RFC 4180 CSV in UTF-8, every cell a string; returns the number of data rows."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
            n += 1
    return n


def text(value: object) -> str:
    """A cell: '' for missing; whole numbers without a decimal point; others to 2 decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}"
    return str(value)


def describe(summary: dict) -> str:
    """One line a command line can print for the summary an export returned."""
    fmt = summary["format"]
    where = ", ".join(summary["paths"][:2]) + (" …" if len(summary["paths"]) > 2 else "")
    if fmt == "ctdc":
        return (f"ctdc: {summary['rows']} of {summary['records']} records written "
                f"(k = {summary['k']}): {summary['generalised']} generalised, "
                f"{summary['suppressed']} suppressed → {where}")
    if fmt == "parquet":
        tables = ", ".join(f"{name} {t['rows']}" for name, t in summary["tables"].items())
        return f"parquet: {summary['rows']} rows ({tables}) → {summary['out_dir']}"
    return f"{fmt}: {summary['rows']} persons written → {where}"
