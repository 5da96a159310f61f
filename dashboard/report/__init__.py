"""The annual monitoring report and COMMIT data package (tables, manifest, XLSX, PDF).

``build_package(con, year, out_dir, langs, k)`` writes the files and returns their paths; the
``tipmon publish`` command (``dashboard.report.cli``) and the dashboard's Report page call it.
Imported lazily: the CLI loads this package for every ``tipmon`` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dashboard.report.package import build_package

__all__ = ["build_package"]


def __getattr__(name: str) -> Any:
    if name == "build_package":
        from dashboard.report.package import build_package

        return build_package
    raise AttributeError(name)
