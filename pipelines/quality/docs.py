"""Data Docs, offline: a static site of what the gate checks and what it found, counts only.

Great Expectations' own Data Docs load CSS and JS from public CDNs and copy failing values into
the pages; these are rendered from the database (``dq_runs``, ``dq_results``, ``ingest_files``,
``ingest_sheets``, ``dq_findings``) and the committed suites instead:

- ``index.html``: the latest ingest run, every run, each suite's latest results, the files
  ingested and the findings by kind;
- ``suite-<name>.html``: each expectation in plain English, what happens when it fails, and the
  latest run's outcome per file (success, unexpected_count, element_count).

Nothing is fetched: one inline ``<style>``, no script, no external link. No value of the data
or of the quarantine is ever read: the pages hold file, sheet and column names, counts, and the
suites' own parameters. Every string from the database or the suites goes through ``_e``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path

import duckdb

from pipelines import schema
from pipelines.quality import suites
from pipelines.vocab import STEPS

INDEX = "index.html"
REASON_MAX = 300  # a rejected file's reason, on one line
ON_FAILURE = {
    "quarantine": "quarantined",
    "finding": "recorded as a finding",
    "report": "reported",
}
ON_FAILURE_LONG = {
    "quarantine": "the failing rows are not loaded: they are kept in the quarantine with a reason",
    "finding": "the failing rows are loaded and recorded in dq_findings for a person to look at",
    "report": "a check of the pipeline's own output: the outcome is recorded in dq_results only",
}
RUN_DETAIL = {
    "quarantine": "with rows quarantined",
    "finding": "with rows recorded as findings",
    "report": "reported only",
}
# Runtime parameters of the suites (see Gate.validate), in words.
PARAMETERS = {
    "today": "the day of ingest",
    "min_date": f"{schema.YEAR_MIN}-01-01",
    "this_year": "the year of ingest",
}
FINDING_KINDS = {
    "malformed_link_key": "link_key is not 64 hexadecimal characters: counted as no key",
    "conflict_sex": "the two provinces disagree on a linked person's sex",
    "conflict_nationality": "the two provinces disagree on a linked person's nationality",
    "formula_without_value": "a cell holds a formula whose value was not saved",
    "step_order": "a person's referral steps are dated out of order",
}

# ---------------------------------------------------------------- queries (counts and names)

RUNS = """
WITH files AS (
    SELECT run_id, min(ingested_at) AS first_file,
           count(*) FILTER (WHERE status = 'loaded') AS files_loaded,
           count(*) FILTER (WHERE status = 'rejected') AS files_rejected
    FROM ingest_files GROUP BY run_id
)
SELECT coalesce(r.run_id, f.run_id) AS run_id, coalesce(r.started_at, f.first_file) AS started,
       r.finished_at, coalesce(f.files_loaded, 0), coalesce(f.files_rejected, 0),
       r.batches, r.expectations, r.failed
FROM dq_runs r FULL OUTER JOIN files f ON f.run_id = r.run_id
ORDER BY run_id DESC
"""
RUN_FAILURES = """
SELECT on_failure, count(*) FILTER (WHERE NOT success), coalesce(sum(unexpected_count), 0)
FROM dq_results WHERE run_id = ? GROUP BY on_failure
"""
SUITE_LATEST_RUN = "SELECT suite, max(run_id) FROM dq_results GROUP BY suite"
SUITE_COUNTS = """
SELECT count(*), count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success),
       coalesce(sum(unexpected_count), 0),
       count(DISTINCT (coalesce(file_name, ''), coalesce(sheet, '')))
FROM dq_results WHERE suite = ? AND run_id = ?
"""
SUITE_RESULTS = """
SELECT file_name, sheet, expectation, column_name, on_failure, success, unexpected_count,
       element_count
FROM dq_results WHERE suite = ? AND run_id = ?
"""
RUN_STARTED = "SELECT started_at FROM dq_runs WHERE run_id = ?"
FILES = """
SELECT seq, file_name, source, kind, status, reason, rows_read, rows_loaded, rows_quarantined,
       ingested_at, run_id
FROM ingest_files ORDER BY seq
"""
SHEETS = """
SELECT file_seq, file_name, sheet, kind, header_row, rows_read, rows_loaded, rows_quarantined
FROM ingest_sheets ORDER BY file_seq, rowid
"""
FINDINGS = "SELECT kind, source, count(*) FROM dq_findings GROUP BY ALL ORDER BY kind, source"

# ---------------------------------------------------------------- style

STYLE = """
:root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --band: #f3f5f7;
        --pass: #1a7f37; --fail: #b42318; --accent: #0b5394; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { font-family: "Noto Sans Thai", "Noto Sans Lao", "Noto Sans", sans-serif;
       color: var(--ink); background: #fff; line-height: 1.5; margin: 0 auto;
       max-width: 72rem; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--rule);
     padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
p { margin: .4rem 0; }
a { color: var(--accent); }
nav { font-size: .9rem; margin-bottom: 1rem; }
.muted, .note { color: var(--muted); }
.note { font-size: .9rem; }
.headline { background: var(--band); border-left: 4px solid var(--accent); padding: .75rem 1rem;
            margin: 1rem 0; }
.headline.bad { border-left-color: var(--fail); }
.headline strong { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
         border-bottom: 1px solid var(--rule); }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em;
       background: var(--band); padding: 0 .2em; border-radius: 3px; overflow-wrap: anywhere; }
.pass { color: var(--pass); font-weight: 600; }
.fail { color: var(--fail); font-weight: 600; }
.status-rejected { color: var(--fail); font-weight: 600; }
table.suites td:first-child { white-space: nowrap; }
footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted);
         border-top: 1px solid var(--rule); padding-top: .5rem; }
@page { margin: 14mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) td { background: none; }
  .headline { border: 1px solid var(--rule); border-left-width: 4px; }
}
"""

# ---------------------------------------------------------------- small helpers


def _e(value: object) -> str:
    """Every data- or suite-derived string goes through here."""
    return html.escape("" if value is None else str(value), quote=True)


def _n(value: object) -> str:
    return "–" if value is None else f"{int(value):,}"


def _when(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _one_line(text: object) -> str:
    line = " ".join(str(text or "").split())
    return line if len(line) <= REASON_MAX else line[: REASON_MAX - 1] + "…"


def suite_page(name: str) -> str:
    """The file name of a suite's page (suite names are plain; anything else becomes '_')."""
    return "suite-" + re.sub(r"[^A-Za-z0-9._-]", "_", name) + ".html"


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None,
           cls: str = "") -> str:
    """Headers are literal; cells are HTML already escaped by the caller."""

    numeric = numeric or set()

    def cell(tag: str, i: int, content: str) -> str:
        return f'<{tag} class="num">{content}</{tag}>' if i in numeric else \
            f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "\n".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>"
                     for r in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _page(title: str, body: str, built: dt.datetime) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>Built {_e(built.strftime('%Y-%m-%d %H:%M'))} by tipmon from the database and "
        "the committed expectation suites. Counts only: failing values are kept in the "
        "quarantine alone and never shown here.</footer>\n</body>\n</html>\n"
    )


def _result(success: bool) -> str:
    return '<span class="pass">pass</span>' if success else '<span class="fail">fail</span>'


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}


# ---------------------------------------------------------------- expectations in plain English


def _param(value: object) -> str:
    """A bound of an expectation, escaped: runtime parameters in words, numbers as numbers."""
    if isinstance(value, dict) and "$PARAMETER" in value:
        name = str(value["$PARAMETER"])
        return _e(PARAMETERS.get(name, f"the run's {name}"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _e(value)


def _columns(kwargs: dict) -> list[str]:
    if "column" in kwargs:
        return [str(kwargs["column"])]
    return [str(kwargs[k]) for k in ("column_A", "column_B") if k in kwargs]


def describe(expectation: dict) -> str:
    """One expectation in plain English, as escaped HTML (column names in <code>)."""
    kind = expectation["type"]
    kw = expectation.get("kwargs", {})
    col = f"<code>{_e(kw.get('column'))}</code>"
    if kind == "expect_column_values_to_not_be_null":
        text = f"{col} is filled in (not empty)"
    elif kind == "expect_column_values_to_be_in_set":
        values = ", ".join(_e(v) for v in kw.get("value_set") or [])
        text = f"{col} is one of: {values}"
    elif kind == "expect_column_values_to_be_between":
        low, high = kw.get("min_value"), kw.get("max_value")
        if low is not None and high is not None:
            text = f"{col} is between {_param(low)} and {_param(high)}"
        elif low is not None:
            text = f"{col} is at least {_param(low)}"
        elif high is not None:
            text = f"{col} is at most {_param(high)}"
        else:
            text = f"{col} is any value"
    elif kind == "expect_column_values_to_match_regex":
        text = f"{col} matches the pattern <code>{_e(kw.get('regex'))}</code>"
    elif kind == "expect_column_values_to_be_unique":
        text = f"{col} is unique: no value appears twice"
    elif kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = kw.get("column_A"), kw.get("column_B")
        dates = a in STEPS and b in STEPS
        if kw.get("or_equal"):
            relation = "is on or after" if dates else "is greater than or equal to"
        else:
            relation = "is after" if dates else "is greater than"
        text = f"<code>{_e(a)}</code> {relation} <code>{_e(b)}</code>"
        if kw.get("ignore_row_if") == "either_value_is_missing":
            text += " (rows where either is missing are not checked)"
        elif kw.get("ignore_row_if") == "both_values_are_missing":
            text += " (rows where both are missing are not checked)"
    else:  # an expectation type this page does not know yet: say it as GX does
        args = ", ".join(f"{_e(k)}={_e(json.dumps(v, ensure_ascii=False))}"
                         for k, v in kw.items())
        text = f"<code>{_e(kind)}</code> ({args})"
    if kw.get("mostly") is not None:
        text += f", for at least {_e(round(float(kw['mostly']) * 100, 2))}% of rows"
    return text


def _on_failure(expectation: dict) -> str:
    meta = expectation.get("meta") or {}
    what = meta.get("on_failure", "report")
    text = _e(ON_FAILURE.get(what, what))
    if meta.get("finding"):
        text += f" (<code>{_e(meta['finding'])}</code>)"
    return text


# ---------------------------------------------------------------- index


def _runs_section(con: duckdb.DuckDBPyConnection) -> str:
    runs = con.execute(RUNS).fetchall()
    if not runs:
        return ("<h2>Latest ingest run</h2>\n<p>No ingest run is recorded yet: run "
                "<code>tipmon ingest</code>.</p>")
    latest = runs[0]
    run_id, started, finished, loaded, rejected, batches, exps, failed = latest
    parts = ["<h2>Latest ingest run</h2>"]
    if batches is None:
        parts.append(
            f'<div class="headline bad"><strong>Run {_e(run_id)}</strong>, '
            f"{_e(_when(started))}: {_n(rejected)} file(s) rejected, nothing validated.</div>")
    else:
        by_kind = {k: (int(f), int(u)) for k, f, u in
                   con.execute(RUN_FAILURES, [run_id]).fetchall()}
        detail = "; ".join(
            f"{_n(by_kind[k][0])} {_e(RUN_DETAIL[k])} ({_n(by_kind[k][1])} unexpected)"
            for k in ON_FAILURE if k in by_kind and by_kind[k][0])
        cls = "headline bad" if failed or rejected else "headline"
        parts.append(
            f'<div class="{cls}"><strong>Run {_e(run_id)}</strong>, {_e(_when(started))} to '
            f"{_e(_when(finished))}: {_n(loaded)} file(s) loaded, {_n(rejected)} rejected; "
            f"<strong>{_n(batches)}</strong> batches validated, "
            f"<strong>{_n(exps)}</strong> expectation results, "
            f"<strong>{_n(failed)}</strong> failed"
            + (f" — {detail}" if detail else "") + ".</div>")
    rows = [[_e(r[0]), _e(_when(r[1])), _e(_when(r[2])), _n(r[3]), _n(r[4]),
             _n(r[5]) if r[5] is not None else '<span class="muted">not validated</span>',
             _n(r[6]), _n(r[7])] for r in runs]
    parts.append("<h2>Runs</h2>")
    parts.append(_table(["run", "started", "finished", "files loaded", "files rejected",
                         "batches", "expectations", "failed"], rows, {0, 3, 4, 5, 6, 7},
                        cls="runs"))
    return "\n".join(parts)


def _suites_section(con: duckdb.DuckDBPyConnection, loaded: dict[str, dict]) -> str:
    latest = dict(con.execute(SUITE_LATEST_RUN).fetchall())
    rows = []
    for name, suite in loaded.items():
        about = (suite.get("meta") or {}).get("about", "")
        link = f'<a href="{_e(suite_page(name))}"><code>{_e(name)}</code></a>'
        run = latest.get(name)
        if run is None:
            rows.append([link, _e(about), '<span class="muted">nothing checked yet</span>', "", "",
                         "", "", ""])
            continue
        total, passed, failed, unexpected, batches = con.execute(
            SUITE_COUNTS, [name, run]).fetchone()
        rows.append([link, _e(about), _e(run), _n(batches), _n(total),
                     f'<span class="pass">{_n(passed)}</span>',
                     f'<span class="{"fail" if failed else "muted"}">{_n(failed)}</span>',
                     _n(unexpected)])
    return ("<h2>Expectation suites</h2>\n<p class=\"note\">Each suite's latest run (the "
            "latest run that validated a batch of it); follow a suite for what it checks and "
            "its results per file.</p>\n"
            + _table(["suite", "checks", "run", "batches", "results", "passed", "failed",
                      "unexpected rows"], rows, {2, 3, 4, 5, 6, 7}, cls="suites"))


def _files_section(con: duckdb.DuckDBPyConnection) -> str:
    files = con.execute(FILES).fetchall()
    parts = ["<h2>Files ingested</h2>"]
    if not files:
        parts.append("<p>No file has been ingested yet.</p>")
        return "\n".join(parts)
    rows = []
    for seq, name, source, kind, status, reason, read, loaded, quarantined, at, run in files:
        status_html = f'<span class="status-{_e(status)}">{_e(status)}</span>'
        if status == "rejected" and reason:
            status_html += f"<br><span class=\"note\">{_e(_one_line(reason))}</span>"
        rows.append([_e(seq), _e(name), _e(source or "–"), _e(kind or "–"), status_html,
                     _n(read), _n(loaded), _n(quarantined), _e(run), _e(_when(at))])
    parts.append(_table(["#", "file", "source", "kind", "status", "rows read", "loaded",
                         "quarantined", "run", "ingested"], rows, {0, 5, 6, 7, 8}, cls="files"))
    sheets = con.execute(SHEETS).fetchall()
    if sheets:
        parts.append("<h3>Sheets and tables</h3>\n<p class=\"note\">Rows read = loaded + "
                     "quarantined, per sheet (CSV files have one table, no sheet).</p>")
        parts.append(_table(
            ["#", "file", "sheet", "table", "header row", "rows read", "loaded", "quarantined"],
            [[_e(s[0]), _e(s[1]), _e(s[2] or "–"), _e(s[3]), _n(s[4]), _n(s[5]), _n(s[6]),
              _n(s[7])] for s in sheets], {0, 4, 5, 6, 7}, cls="sheets"))
    return "\n".join(parts)


def _findings_section(con: duckdb.DuckDBPyConnection) -> str:
    counts = con.execute(FINDINGS).fetchall()
    parts = ["<h2>Findings</h2>", "<p class=\"note\">Rows that were loaded but deserve a look "
             "(<code>dq_findings</code>, rebuilt by every run), by kind; the rows themselves are "
             "in the database only.</p>"]
    if not counts:
        parts.append("<p>No findings.</p>")
        return "\n".join(parts)
    totals: Counter[str] = Counter()
    for kind, _source, n in counts:
        totals[kind] += int(n)
    rows = [[f"<code>{_e(kind)}</code>", _e(FINDING_KINDS.get(kind, "")),
             _e(source or "–"), _n(n)] for kind, source, n in counts]
    parts.append(_table(["kind", "meaning", "source", "rows"], rows, {3}, cls="findings"))
    parts.append(f"<p>Total: {_n(sum(totals.values()))} finding(s).</p>")
    return "\n".join(parts)


def _index(con: duckdb.DuckDBPyConnection, loaded: dict[str, dict], built: dt.datetime) -> str:
    body = "\n".join([
        "<header><h1>tipmon — data quality</h1>",
        "<p class=\"muted\">Chiang Rai – Bokeo trafficking-in-persons monitoring: what the "
        "Great Expectations gate checked at each ingest, and what it found.</p></header>",
        _runs_section(con), _suites_section(con, loaded), _files_section(con),
        _findings_section(con),
    ])
    return _page("tipmon — data quality", body, built)


# ---------------------------------------------------------------- suite pages


def _suite(con: duckdb.DuckDBPyConnection, name: str, suite: dict, built: dt.datetime) -> str:
    meta = suite.get("meta") or {}
    exps = suite.get("expectations") or []
    parts = [f'<nav><a href="{INDEX}">← all suites and runs</a></nav>',
             f"<header><h1>Suite <code>{_e(name)}</code></h1>",
             f"<p class=\"muted\">{_e(meta.get('about', ''))}.</p></header>",
             "<h2>What this suite checks</h2>"]
    rows = [[_e(i), describe(e), _on_failure(e), _e((e.get("meta") or {}).get("rule") or "–")]
            for i, e in enumerate(exps, 1)]
    parts.append(_table(["#", "check", "on failure", "rule"], rows, {0}, cls="checks"))
    used = [k for k in ON_FAILURE if any((e.get("meta") or {}).get("on_failure") == k
                                         for e in exps)]
    parts.append("<ul class=\"note\">" + "".join(
        f"<li><strong>{_e(ON_FAILURE[k])}</strong>: {_e(ON_FAILURE_LONG[k])}</li>"
        for k in used) + "</ul>")
    if meta.get("derived_from"):
        parts.append(f"<p class=\"note\">Derived from {_e(meta['derived_from'])}.</p>")

    run = con.execute("SELECT max(run_id) FROM dq_results WHERE suite = ?", [name]).fetchone()[0]
    parts.append("<h2>Results of the latest run</h2>")
    if run is None:
        parts.append("<p>This suite has not run yet.</p>")
        return _page(f"tipmon — suite {name}", "\n".join(parts), built)
    started = con.execute(RUN_STARTED, [run]).fetchone()
    parts.append(f"<p>Run {_e(run)}"
                 + (f", {_e(_when(started[0]))}" if started else "")
                 + ". Counts only: <em>unexpected</em> is how many rows failed the check, "
                 "<em>rows</em> how many it looked at.</p>")
    order = {(e["type"], ", ".join(_columns(e.get("kwargs", {})))): i
             for i, e in enumerate(exps)}
    batches: dict[tuple[str | None, str | None], dict[int, tuple]] = {}
    extra: dict[tuple[str | None, str | None], list[tuple]] = {}
    for file_name, sheet, kind, column, _on, success, unexpected, elements in con.execute(
            SUITE_RESULTS, [name, run]).fetchall():
        i = order.get((kind, column))
        if i is None:  # a result of an expectation the suite no longer has
            extra.setdefault((file_name, sheet), []).append((kind, column, success, unexpected,
                                                            elements))
            batches.setdefault((file_name, sheet), {})
        else:
            batches.setdefault((file_name, sheet), {})[i] = (success, unexpected, elements)
    for (file_name, sheet), results in sorted(
            batches.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or "")):
        if file_name is None:
            title = "Curated table, after linking (all files)"
        else:
            title = f"File <code>{_e(file_name)}</code>" + (
                f", sheet <code>{_e(sheet)}</code>" if sheet else "")
        failed = sum(not r[0] for r in results.values())
        where = "" if file_name is None else f' data-file="{_e(file_name)}"' + (
            "" if sheet is None else f' data-sheet="{_e(sheet)}"')
        parts.append(f'<section class="batch"{where}>\n<h3>{title}</h3>')
        parts.append(f"<p class=\"note\">{_n(len(results))} checked, {_n(failed)} failed"
                     + (f", {_n(len(exps) - len(results))} not checked (columns absent)"
                        if len(results) < len(exps) else "") + ".</p>")
        rows = []
        for i, e in enumerate(exps):
            if i in results:
                success, unexpected, elements = results[i]
                rows.append([_e(i + 1), describe(e), _result(success), _n(unexpected),
                             _n(elements)])
        for kind, column, success, unexpected, elements in extra.get((file_name, sheet), []):
            rows.append(["–", f"<code>{_e(kind)}</code> on <code>{_e(column)}</code>",
                         _result(success), _n(unexpected), _n(elements)])
        parts.append(_table(["#", "check", "result", "unexpected", "rows"], rows, {0, 3, 4},
                            cls="results"))
        parts.append("</section>")
    return _page(f"tipmon — suite {name}", "\n".join(parts), built)


# ---------------------------------------------------------------- entry point


def build_docs(con: duckdb.DuckDBPyConnection, out_dir: Path,
               suites_dir: Path = suites.SUITES_DIR) -> Path:
    """Write the site into ``out_dir`` (created) and return the path of its index.html.

    ``con`` may be read-only; a database without the quality tables gives empty sections.
    Suite pages of suites that no longer exist are removed, so the folder is always one build.
    """
    loaded = suites.load_all(suites_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    built = dt.datetime.now()
    if not {t.name for t in (schema.DQ_RUNS, schema.DQ_RESULTS, schema.INGEST_FILES,
                             schema.INGEST_SHEETS, schema.DQ_FINDINGS)} <= _tables(con):
        con = _empty_schema()
    pages = {suite_page(name): _suite(con, name, suite, built) for name, suite in loaded.items()}
    for stale in out_dir.glob("suite-*.html"):
        if stale.name not in pages:
            stale.unlink()
    for page, text in pages.items():
        (out_dir / page).write_text(text, "utf-8")
    index = out_dir / INDEX
    index.write_text(_index(con, loaded, built), "utf-8")
    return index


def _empty_schema() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the empty tables, for a database never ingested into."""
    con = duckdb.connect(":memory:")
    for table in schema.ALL_TABLES:
        con.execute(schema.ddl(table))
    return con
