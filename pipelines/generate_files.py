"""Writing the synthetic exports: file plan, planted bad rows, xlsx and csv writers.

Each file is rendered from the model's arrays for one contiguous range of records, so files can
be written one at a time (constant memory) or in parallel processes, always with the same bytes.
The writers record, as they go, the row numbers of planted bad rows: that is the files part of
the truth.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
import xlsxwriter

from pipelines import generate_model as m
from pipelines import generate_style as s

SHEET_ROW_LIMIT = 1_048_576  # rows in one Excel sheet; a year that would not fit is split
MAX_BLANK_ROWS = 20
CREATED = dt.datetime(2026, 11, 29, 9, 0, 0)  # fixed workbook metadata: same seed, same bytes

# planted problems per sheet kind: (canonical column, reason kind)
BAD_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "cr_persons": (
        ("sex", "vocabulary"),
        ("person_ref", "missing_required"),
        ("person_ref", "duplicate_person_ref"),
        ("debt_amount", "negative_amount"),
        ("debt_amount", "currency_conflict"),
        ("screening_result", "vocabulary"),
    ),
    "cr_steps": (
        ("step", "vocabulary"),
        ("step", "missing_required"),
        ("date", "impossible_date"),
        ("person_ref", "unknown_person_ref"),
    ),
    "cr_fines": (
        ("reason", "vocabulary"),
        ("amount", "missing_required"),
        ("amount", "negative_amount"),
        ("amount", "currency_conflict"),
        ("person_ref", "unknown_person_ref"),
    ),
    "bk_persons": (
        ("sex", "vocabulary"),
        ("outcome", "vocabulary"),
        ("victim_screened", "vocabulary"),
        ("date_rescued", "impossible_date"),
        ("person_ref", "missing_required"),
        ("person_ref", "duplicate_person_ref"),
        ("debt_amount", "negative_amount"),
    ),
    "bk_fines": (
        ("reason", "vocabulary"),
        ("amount", "missing_required"),
        ("amount", "negative_amount"),
        ("person_ref", "unknown_person_ref"),
    ),
}
DUP = ("person_ref", "duplicate_person_ref")


class Formula(NamedTuple):
    """A formula cell with the value Excel last computed."""

    formula: str
    value: float


@dataclass
class FileJob:
    """One output file: which records it holds, how it looks, which bad rows to plant."""

    name: str
    source: str  # "chiang_rai" | "bokeo"
    kind: str  # "cr" | "bk_persons" | "bk_fines"
    year: int
    lo: int
    hi: int
    index: int
    part: int = 0
    flags: dict[str, bool] = field(default_factory=dict)
    bad: dict[str, list[int]] = field(default_factory=dict)  # sheet kind -> kind indices
    rows: dict[str, int] = field(default_factory=dict)  # sheet kind -> good rows
    dup_targets: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- planning
def sheet_capacity(bad_share: float) -> int:
    """Most good data rows one sheet may hold, leaving room for bad/blank/title/total rows."""
    return int((SHEET_ROW_LIMIT - MAX_BLANK_ROWS - 100) / (1 + 1.2 * max(bad_share, 0.0)))


def _year_ranges(years: np.ndarray) -> list[tuple[int, int, int]]:
    if years.size == 0:
        return []
    vals, first = np.unique(years, return_index=True)
    bounds = [*first.tolist(), years.size]
    return [(int(v), bounds[i], bounds[i + 1]) for i, v in enumerate(vals.tolist())]


def _split(lo: int, hi: int, starts: list[np.ndarray], cap: int) -> list[tuple[int, int]]:
    """Cut records lo..hi into the fewest contiguous chunks whose sheets all fit `cap` rows."""

    def fits(a: int, b: int) -> bool:
        return (b - a) <= cap and all(int(st[b] - st[a]) <= cap for st in starts)

    if fits(lo, hi):
        return [(lo, hi)]
    k = 2
    while True:
        # cut at equal shares of the biggest sheet (usually the referral steps)
        big = max(starts, key=lambda st: int(st[hi] - st[lo]))
        targets = np.linspace(big[lo], big[hi], k + 1)[1:-1]
        cuts = np.searchsorted(big[lo : hi + 1], targets) + lo
        edges = [lo, *sorted(set(cuts.tolist())), hi]
        chunks = [(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]
        if all(fits(a, b) for a, b in chunks):
            return chunks
        k += 1


def plan_jobs(pop: m.Population, st: s.Styles, bad_share: float, seed: int) -> list[FileJob]:
    """Split records into files (one workbook / one CSV pair per year) and plant bad rows."""
    rng = np.random.default_rng([seed, 99])
    cap = sheet_capacity(bad_share)
    jobs: list[FileJob] = []
    person_idx = np.arange(st.cr_ind.size + 1)
    for year, lo, hi in _year_ranges(st.cr_year):
        be = year + 543
        chunks = _split(lo, hi, [person_idx, st.cr_step_start, st.cr_fine_start], cap)
        for part, (a, b) in enumerate(chunks, start=1):
            suffix = f"_part{part}" if len(chunks) > 1 else ""
            job = FileJob(
                f"chiang_rai_{be}{suffix}.xlsx", "chiang_rai", "cr", year, a, b, len(jobs),
                part=part if len(chunks) > 1 else 0,
            )
            job.rows = {
                "cr_persons": b - a,
                "cr_steps": int(st.cr_step_start[b] - st.cr_step_start[a]),
                "cr_fines": int(st.cr_fine_start[b] - st.cr_fine_start[a]),
            }
            bare = pop.cr_bare[st.cr_ind[a:b]]
            job.dup_targets = {"cr_persons": int(bare.sum())}
            jobs.append(job)
    bk_years = _year_ranges(st.bk_year)
    odd = bk_years[1][0] if len(bk_years) > 1 else None
    for year, lo, hi in bk_years:
        pj = FileJob(f"bokeo_persons_{year}.csv", "bokeo", "bk_persons", year, lo, hi, len(jobs))
        pj.rows = {"bk_persons": hi - lo}
        pj.dup_targets = {"bk_persons": int(st.bk_no_fines[lo:hi].sum())}
        jobs.append(pj)
        fname = f"bokeo-fines-export_{year}_final.csv" if year == odd else f"bokeo_fines_{year}.csv"
        fj = FileJob(fname, "bokeo", "bk_fines", year, lo, hi, len(jobs))
        fj.rows = {"bk_fines": int(st.bk_fine_start[hi] - st.bk_fine_start[lo])}
        jobs.append(fj)
    _plan_flags(jobs, rng)
    if bad_share > 0:
        for sheet in BAD_KINDS:
            _plan_bad(jobs, sheet, bad_share, pop.n, rng)
    return jobs


def _force(flags: list[dict[str, bool]], key: str, value: bool, rng: np.random.Generator) -> None:
    if len(flags) >= 2 and not any(f[key] == value for f in flags):
        flags[int(rng.integers(len(flags)))][key] = value


def _plan_flags(jobs: list[FileJob], rng: np.random.Generator) -> None:
    """Per-file habits; with two or more files every habit (and its absence) appears."""
    cr = [j.flags for j in jobs if j.kind == "cr"]
    for f in cr:
        f.update(
            english=bool(rng.random() < 0.25), title=bool(rng.random() < 0.5),
            total=bool(rng.random() < 0.5), padded=bool(rng.random() < 0.4),
            spaced=bool(rng.random() < 0.3), blanks=bool(rng.random() < 0.5),
        )
    for key in ("english", "title", "total", "padded", "blanks"):
        _force(cr, key, True, rng)
        _force(cr, key, False, rng)
    thai = [f for f in cr if not f["english"]]
    if thai and not any(f["spaced"] for f in thai):
        thai[int(rng.integers(len(thai)))]["spaced"] = True
    bk = [j.flags for j in jobs if j.source == "bokeo"]
    for f in bk:
        f["bom"] = bool(rng.random() < 0.5)
    _force(bk, "bom", True, rng)
    _force(bk, "bom", False, rng)
    bkp = [j.flags for j in jobs if j.kind == "bk_persons"]
    for f in bkp:
        f["lao"] = bool(rng.random() < 0.3)
    _force(bkp, "lao", True, rng)
    _force(bkp, "lao", False, rng)


def _plan_bad(
    jobs: list[FileJob], sheet: str, bad_share: float, persons: int, rng: np.random.Generator
) -> None:
    """Allocate bad rows of one sheet kind to files, proportionally to their good rows."""
    kinds = BAD_KINDS[sheet]
    holders = [j for j in jobs if sheet in j.rows and j.rows[sheet] > 0]
    if not holders:
        return
    total = sum(j.rows[sheet] for j in holders)
    n_bad = int(round(bad_share * total))
    if persons >= 100:
        n_bad = max(n_bad, len(kinds))
    if n_bad == 0:
        return
    labels = [i % len(kinds) for i in range(n_bad)]
    dup = kinds.index(DUP) if DUP in kinds else -1
    # duplicates need a record without other rows in the same file to copy
    n_dup = labels.count(dup)
    rest = [k for k in labels if k != dup]
    room = np.array([j.dup_targets.get(sheet, 0) for j in holders], dtype=float)
    for _ in range(n_dup):
        if room.sum() <= 0:
            rest.append(0)
            continue
        i = int(rng.choice(len(holders), p=room / room.sum()))
        holders[i].bad.setdefault(sheet, []).append(dup)
        room[i] -= 1
    rows = np.array([j.rows[sheet] for j in holders], dtype=float)
    share = rows / rows.sum() * len(rest)
    counts = np.floor(share).astype(int)
    for i in np.argsort(-(share - counts))[: len(rest) - int(counts.sum())]:
        counts[i] += 1
    order = rng.permutation(len(rest))
    pos = 0
    for j, c in zip(holders, counts.tolist(), strict=True):
        for k in order[pos : pos + c].tolist():
            j.bad.setdefault(sheet, []).append(rest[k])
        pos += c


# ---------------------------------------------------------------- rendering helpers
def amount_cell(amt: int, cur: int, style: int) -> object:
    """One amount as the clerk typed it (number cell, text with separators, sign or word)."""
    if cur < 0:
        return ""
    if style == s.A_NUM:
        return amt
    if style == s.A_TXT:
        return str(amt)
    if style == s.A_COMMA:
        return f"{amt:,}"
    if style == s.A_BAHT:
        return f"{amt:,} บาท"
    if style == s.A_SIGN:
        return f"฿{amt:,}"
    if style == s.A_USD:
        return f"{amt:,} USD"
    if style == s.A_DOLLAR:
        return f"${amt:,}"
    half = amt // 2
    return Formula(f"={amt - half}+{half}", amt)


def _currency(cur: int, var: int) -> str:
    return "" if cur < 0 else s.CR_CURRENCY[cur][var]


def _join(tokens: np.ndarray, seps: list[str]) -> list[str]:
    return [
        sep.join(t for t in row if t) for row, sep in zip(tokens.tolist(), seps, strict=True)
    ]


def _keys(seed: int, ind: np.ndarray, tok: np.ndarray) -> list[str]:
    ok = tok == m.KEY_OK
    out = np.array(["", *m.KEY_MISSING_TOKENS], dtype=object)[tok]
    out[ok] = np.array(m.link_keys(seed, ind[ok]), dtype=object)
    return out.tolist()


def _joint(pop: m.Population, ind: np.ndarray, has: np.ndarray) -> list[str]:
    years = m.day_year(pop.base_day[ind]).tolist()
    return [
        f"TL-{y}-{q:04d}" if h else ""
        for y, q, h in zip(years, pop.joint_seq[ind].tolist(), has[ind].tolist(), strict=True)
    ]


def cr_person_rows(pop: m.Population, st: s.Styles, lo: int, hi: int) -> list[list]:
    """Chiang Rai persons sheet rows (18 columns, Thai values) for records lo..hi."""
    sl = slice(lo, hi)
    ind = st.cr_ind[sl]
    be = (st.cr_year[sl] + 543).tolist()
    refs = [f"CR-{b}-{q:04d}" for b, q in zip(be, st.cr_seq[sl].tolist(), strict=True)]
    cases = [f"CR-C-{b}-{c:03d}" for b, c in zip(be, st.cr_case[sl].tolist(), strict=True)]
    ages: list[object] = []
    for a, sty in zip(pop.age[ind].tolist(), st.cr_age_style[sl].tolist(), strict=True):
        text = str(a) if sty == 1 else s.thai_digits(str(a))
        ages.append("" if a < 0 else a if sty == 0 else text)
    seps = s.SEPARATORS[st.cr_sep[sl]].tolist()
    prov = np.where(st.cr_prov[sl] >= 0, s.CR_PROVINCES[np.maximum(st.cr_prov[sl], 0)], "")
    means_tok = np.where(st.cr_means[sl], s.CR_MEANS[None, :], "")
    cur = pop.cr_debt_cur[ind].tolist()
    debt = [
        amount_cell(a, c, y)
        for a, c, y in zip(
            pop.cr_debt_amt[ind].tolist(), cur, st.cr_debt_style[sl].tolist(), strict=True
        )
    ]
    debt_cur = [_currency(c, v) for c, v in zip(cur, st.cr_debt_cur_var[sl].tolist(), strict=True)]
    country = m.GROUP_COUNTRY[pop.group[ind]]
    cols = [
        refs,
        cases,
        _joint(pop, ind, pop.joint_cr),
        _keys(pop.seed, ind, pop.key_cr[ind]),
        s.CR_SEX.render(pop.sex[ind], st.cr_sex_var[sl]).tolist(),
        ages,
        s.CR_NAT.render(pop.nat[ind], st.cr_nat_var[sl]).tolist(),
        prov.tolist(),
        s.CR_EDU[st.cr_edu[sl]].tolist(),
        _join(s.CR_CHANNEL.render(st.cr_chan[sl], st.cr_chan_var[sl]), seps),
        s.CR_COUNTRY.render(country, st.cr_country_var[sl]).tolist(),
        st.cr_site[sl].tolist(),
        _join(s.CR_TYPE.render(st.cr_types[sl], st.cr_types_var[sl]), seps),
        _join(means_tok, seps),
        debt,
        debt_cur,
        s.CR_SCREENING.render(pop.screening[ind], st.cr_screen_var[sl]).tolist(),
        s.CR_NOTES[st.cr_note[sl]].tolist(),
    ]
    return [list(r) for r in zip(*cols, strict=True)]


def _owner(starts: np.ndarray, a: int, b: int) -> np.ndarray:
    """Record index of each row a..b of a record-major table with offsets `starts`."""
    return np.searchsorted(starts, np.arange(a, b), side="right") - 1


def cr_step_rows(pop: m.Population, st: s.Styles, lo: int, hi: int, refs: list[str]) -> list[list]:
    """Chiang Rai referral-step rows for records lo..hi (refs: their person_refs)."""
    a, b = int(st.cr_step_start[lo]), int(st.cr_step_start[hi])
    owner = (_owner(st.cr_step_start, a, b) - lo).tolist()
    code = st.st_code[a:b]
    words = s.CR_STEP.render(code, st.st_var[a:b]).tolist()
    tables = (s.DATE_BE, s.DATE_GREG, s.DATE_THAI, s.DATE_CELL, s.DATE_CELL_BE)
    dates = [
        "" if d < 0 else tables[y][d - s.D0]
        for d, y in zip(st.st_day[a:b].tolist(), st.st_date_style[a:b].tolist(), strict=True)
    ]
    coord = s.CR_COORD[st.st_coord[a:b]].tolist()
    agency = st.st_agency[a:b].tolist()
    return [
        [refs[o], w, d, ag, c]
        for o, w, d, ag, c in zip(owner, words, dates, agency, coord, strict=True)
    ]


def cr_fine_rows(pop: m.Population, st: s.Styles, lo: int, hi: int, refs: list[str]) -> list[list]:
    """Chiang Rai fine rows for records lo..hi."""
    a, b = int(st.cr_fine_start[lo]), int(st.cr_fine_start[hi])
    owner = (_owner(st.cr_fine_start, a, b) - lo).tolist()
    f = st.cf_fine[a:b]
    reason = s.CR_REASON.render(pop.f_reason[f], st.cf_reason_var[a:b]).tolist()
    cur = pop.f_cur[f].tolist()
    amt = [
        amount_cell(x, c, y)
        for x, c, y in zip(pop.f_amt[f].tolist(), cur, st.cf_style[a:b].tolist(), strict=True)
    ]
    ccol = [_currency(c, v) for c, v in zip(cur, st.cf_cur_var[a:b].tolist(), strict=True)]
    return [
        [refs[o], r, x, c] for o, r, x, c in zip(owner, reason, amt, ccol, strict=True)
    ]


def _bk_dates(days: np.ndarray, iso: np.ndarray) -> list[str]:
    return [
        "" if d < 0 else (s.DATE_ISO if i else s.DATE_DMY)[d - s.D0]
        for d, i in zip(days.tolist(), iso.tolist(), strict=True)
    ]


def bk_refs(st: s.Styles, lo: int, hi: int) -> list[str]:
    """Bokeo person_refs (BK-21-017) for records lo..hi."""
    return [
        f"BK-{y % 100:02d}-{q:03d}"
        for y, q in zip(st.bk_year[lo:hi].tolist(), st.bk_seq[lo:hi].tolist(), strict=True)
    ]


def bk_person_rows(pop: m.Population, st: s.Styles, lo: int, hi: int) -> list[list]:
    """Bokeo persons file rows (22 columns) for records lo..hi."""
    sl = slice(lo, hi)
    ind = st.bk_ind[sl]
    yy = (st.bk_year[sl] % 100).tolist()
    cases = [f"BKC-{y:02d}/{c:03d}" for y, c in zip(yy, st.bk_case[sl].tolist(), strict=True)]
    fines = []
    for f, c in zip(pop.imm_fine[ind].tolist(), st.bk_fine_commas[sl].tolist(), strict=True):
        fines.append("" if f < 0 else f"{f:,}" if c else str(f))
    det = pop.detained[ind]
    dcur = pop.bk_debt_cur[ind]
    debt_amt = np.where(dcur >= 0, pop.bk_debt_amt[ind].astype(str), "")
    debt_cur = np.where(dcur >= 0, s.BK_CURRENCY[np.maximum(dcur, 0)], "")
    agency = np.where(st.bk_agency[sl] >= 0, s.BK_AGENCIES[np.maximum(st.bk_agency[sl], 0)], "")
    cols = [
        bk_refs(st, lo, hi),
        cases,
        _joint(pop, ind, pop.joint_bk),
        _keys(pop.seed, ind, pop.key_bk[ind]),
        s.BK_SEX.render(pop.sex_bk[ind], st.bk_sex_var[sl]).tolist(),
        pop.birth_year[ind].astype(str).tolist(),
        s.BK_NAT.render(pop.nat_bk[ind], st.bk_nat_var[sl]).tolist(),
        st.bk_origin[sl].tolist(),
        s.BK_CHANNEL.render(st.bk_chan[sl], st.bk_chan_var[sl]).tolist(),
        s.BK_SITES[st.bk_site[sl]].tolist(),
        s.BK_EXPLOITATION[st.bk_expl[sl]].tolist(),
        *(_bk_dates(pop.bk_day[ind, k], st.bk_iso[sl, k]) for k in range(3)),
        s.BK_OUTCOME[pop.outcome[ind]].tolist(),
        fines,
        np.where(det >= 0, det.astype(str), "").tolist(),
        s.BK_SCREENED.render(pop.screened_bk[ind], st.bk_screen_var[sl]).tolist(),
        debt_amt.tolist(),
        debt_cur.tolist(),
        agency.tolist(),
        s.BK_COORD[st.bk_coord[sl]].tolist(),
    ]
    return [list(r) for r in zip(*cols, strict=True)]


def bk_fine_rows(pop: m.Population, st: s.Styles, lo: int, hi: int, refs: list[str]) -> list[list]:
    """Bokeo fines file rows for records lo..hi."""
    a, b = int(st.bk_fine_start[lo]), int(st.bk_fine_start[hi])
    owner = (_owner(st.bk_fine_start, a, b) - lo).tolist()
    f = st.bf_fine[a:b]
    reason = s.BK_REASONS[pop.f_reason[f]].tolist()
    amt = pop.f_amt[f].astype(str).tolist()
    cur = np.where(st.bf_cur_blank[a:b], "", s.BK_CURRENCY[pop.f_cur[f]]).tolist()
    return [[refs[o], r, x, c] for o, r, x, c in zip(owner, reason, amt, cur, strict=True)]


# ---------------------------------------------------------------- planting bad rows
def _bad_cells(
    sheet: str, kind: tuple[str, str], template: list, cols: tuple[str, ...], tag: str, year: int
) -> list:
    """A copy of a good row with exactly one problem (junk person rows get their own ref)."""
    row = list(template)
    col, reason = kind
    i = cols.index(col)
    be = year + 543
    if sheet in ("cr_persons", "bk_persons"):
        row[0] = f"CR-{be}-Q{tag}" if sheet == "cr_persons" else f"BK-{year % 100:02d}-Q{tag}"
        row[cols.index("link_key")] = ""
        row[cols.index("joint_ref")] = ""
    if reason == "missing_required":
        row[i] = ""
    elif reason == "negative_amount":
        row[i] = "-500"
        cur = "debt_currency" if col == "debt_amount" else "currency"
        row[cols.index(cur)] = "บาท" if sheet.startswith("cr") else "THB"
    elif reason == "currency_conflict":
        row[i] = "2,800 USD"
        row[cols.index("debt_currency" if col == "debt_amount" else "currency")] = "บาท"
    elif reason == "impossible_date":
        row[i] = f"31/02/{be}" if sheet.startswith("cr") else f"31/02/{year}"
    elif reason == "unknown_person_ref":
        row[i] = f"CR-{be}-X{tag}" if sheet.startswith("cr") else f"BK-{year % 100:02d}-X{tag}"
    elif reason == "vocabulary":
        row[i] = {
            "sex": "xyz", "screening_result": "ไม่ทราบผล", "step": "ติดตามผล",
            "reason": "พูดเสียงดัง" if sheet.startswith("cr") else "noise",
            "outcome": "escaped", "victim_screened": "maybe",
        }[col]
    return row


BLANK = None


def plant(
    sheet: str,
    job: FileJob,
    rows: list[list],
    cols: tuple[str, ...],
    rng: np.random.Generator,
    dup_ok: np.ndarray | None = None,
) -> dict[int, list]:
    """Extra rows to emit before good row i: planted bad rows and (some workbooks) blank rows."""
    extras: dict[int, list] = {}
    n = len(rows)
    kinds = BAD_KINDS[sheet]
    targets = np.flatnonzero(dup_ok) if dup_ok is not None else np.array([], dtype=np.int64)
    targets = rng.permutation(targets)
    used = 0
    for j, k in enumerate(job.bad.get(sheet, [])):
        kind = kinds[k]
        tag = f"{job.part}{j:03d}" if job.part else f"{j:03d}"
        if kind == DUP and used < targets.size:
            t = int(targets[used])
            used += 1
            cells, at = list(rows[t]), int(rng.integers(t + 1, n + 1))
        else:
            if kind == DUP:  # no target left: plant a vocabulary problem instead
                kind = kinds[0]
            t = int(rng.integers(n))
            cells, at = _bad_cells(sheet, kind, rows[t], cols, tag, job.year), int(
                rng.integers(n + 1)
            )
        extras.setdefault(at, []).append((cells, kind))
    if job.flags.get("blanks"):
        for at in rng.integers(0, n + 1, size=min(MAX_BLANK_ROWS, 1 + n // 400)).tolist():
            extras.setdefault(at, []).append(BLANK)
    return extras


# ---------------------------------------------------------------- writers
def _write_cells(ws: xlsxwriter.worksheet.Worksheet, r: int, cells: list, date_fmt: object) -> None:
    for c, v in enumerate(cells):
        t = type(v)
        if t is str:
            if v:
                ws.write_string(r, c, v)
        elif t is int or t is float:
            ws.write_number(r, c, v)
        elif t is dt.date:
            ws.write_datetime(r, c, v, date_fmt)
        elif t is Formula:
            ws.write_formula(r, c, v.formula, None, v.value)


def _xlsx_sheet(
    wb: xlsxwriter.Workbook,
    name: str,
    header: list[str],
    title: str | None,
    rows: list[list],
    extras: dict[int, list],
    total: str | None,
    date_fmt: object,
) -> dict:
    ws = wb.add_worksheet(name)
    r = 0
    if title:
        ws.write_string(0, 0, title)
        r = 2 if len(rows) % 2 else 1  # sometimes a blank row under the title
    ws.write_row(r, 0, header)
    r += 1
    first = r
    bad: list[list] = []
    data = 0
    named = 0
    for i in range(len(rows) + 1):
        for ex in extras.get(i, ()):
            if ex is BLANK:
                r += 1
                continue
            cells, (col, reason) = ex
            _write_cells(ws, r, cells, date_fmt)
            bad.append([r + 1, col, reason])
            data += 1
            named += bool(cells[0])
            r += 1
        if i < len(rows):
            _write_cells(ws, r, rows[i], date_fmt)
            data += 1
            named += bool(rows[i][0])
            r += 1
    if total:
        ws.write_string(r, 0, total)
        ws.write_formula(r, 1, f"=COUNTA(A{first + 1}:A{max(r, first + 1)})", None, named)
    return {"data_rows": data, "bad_rows": bad}


def _pad(rng: np.random.Generator, header: tuple[str, ...], padded: bool) -> list[str]:
    if not padded:
        return list(header)
    pads = rng.choice(np.array(["", " ", "  ", " "], dtype=object), size=(len(header), 2))
    return [f"{a}{h}{b}" for h, (a, b) in zip(header, pads.tolist(), strict=True)]


def write_cr_workbook(pop: m.Population, st: s.Styles, job: FileJob, out_dir: Path) -> dict:
    """Write one Chiang Rai workbook (three sheets) and return its part of the truth."""
    rng = np.random.default_rng([pop.seed, 7, job.index])
    f = job.flags
    persons = cr_person_rows(pop, st, job.lo, job.hi)
    refs = [row[0] for row in persons]
    steps = cr_step_rows(pop, st, job.lo, job.hi, refs)
    fines = cr_fine_rows(pop, st, job.lo, job.hi, refs)
    be = job.year + 543
    part = f" (ส่วนที่ {job.part})" if job.part else ""
    eng = f["english"]
    names = s.CR_SHEETS_EN if eng else s.CR_SHEETS_TH
    if f["spaced"]:
        names = (f" {names[0]} ", f"{names[1]} ", f" {names[2]}")
    titles = (
        f"รายงานข้อมูลผู้เสียหาย ปี {be}{part}",
        f"ข้อมูลการส่งต่อ ปี {be}{part}",
        f"ข้อมูลค่าปรับ ปี {be}{part}",
    )
    headers = (
        (s.CR_PERSON_EN, s.CR_PERSON_TH),
        (s.CR_STEP_EN, s.CR_STEP_TH),
        (s.CR_FINE_EN, s.CR_FINE_TH),
    )
    bare = pop.cr_bare[st.cr_ind[job.lo : job.hi]]
    wb = xlsxwriter.Workbook(
        str(out_dir / job.name),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    wb.set_properties({"created": CREATED, "author": "PSDHS Chiang Rai (synthetic)"})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    sheets = {}
    for k, (sheet, rows, cols_en) in enumerate(
        (
            ("cr_persons", persons, s.CR_PERSON_EN),
            ("cr_steps", steps, s.CR_STEP_EN),
            ("cr_fines", fines, s.CR_FINE_EN),
        )
    ):
        extras = plant(sheet, job, rows, cols_en, rng, bare if sheet == "cr_persons" else None)
        header = _pad(rng, headers[k][0] if eng else headers[k][1], f["padded"])
        total = ("Total" if eng and k % 2 else "รวม") if f["total"] else None
        sheets[names[k]] = _xlsx_sheet(
            wb, names[k], header, titles[k] if f["title"] else None, rows, extras, total, date_fmt
        )
    wb.close()
    return {"source": "chiang_rai", "sheets": sheets}


def write_bk_file(pop: m.Population, st: s.Styles, job: FileJob, out_dir: Path) -> dict:
    """Write one Bokeo CSV (persons or fines) and return its part of the truth."""
    rng = np.random.default_rng([pop.seed, 8, job.index])
    refs = bk_refs(st, job.lo, job.hi)
    if job.kind == "bk_persons":
        sheet, cols = "bk_persons", s.BK_PERSON_COLS
        rows = bk_person_rows(pop, st, job.lo, job.hi)
        header = [s.BK_LAO_ALIAS.get(c, c) if job.flags["lao"] else c for c in cols]
        extras = plant(sheet, job, rows, cols, rng, st.bk_no_fines[job.lo : job.hi])
    else:
        sheet, cols = "bk_fines", s.BK_FINE_COLS
        rows = bk_fine_rows(pop, st, job.lo, job.hi, refs)
        header = list(cols)
        extras = plant(sheet, job, rows, cols, rng)
    enc = "utf-8-sig" if job.flags["bom"] else "utf-8"
    bad: list[list] = []
    rec = 1
    with open(out_dir / job.name, "w", encoding=enc, newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(header)
        for i in range(len(rows) + 1):
            for ex in extras.get(i, ()):
                cells, (col, reason) = ex
                w.writerow(cells)
                rec += 1
                bad.append([rec, col, reason])
            if i < len(rows):
                w.writerow(rows[i])
                rec += 1
    return {"source": "bokeo", "sheets": {"null": {"data_rows": rec - 1, "bad_rows": bad}}}


def write_job(pop: m.Population, st: s.Styles, job: FileJob, out_dir: Path) -> dict:
    """Write any planned file."""
    if job.kind == "cr":
        return write_cr_workbook(pop, st, job, out_dir)
    return write_bk_file(pop, st, job, out_dir)


def job_weight(job: FileJob) -> int:
    """Rough cost of a job in cells (for scheduling and progress)."""
    w = {"cr_persons": 18, "cr_steps": 5, "cr_fines": 4, "bk_persons": 6, "bk_fines": 1}
    return sum(w[k] * n for k, n in job.rows.items()) + 1

