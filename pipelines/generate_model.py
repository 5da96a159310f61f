"""Population model behind the synthetic exports: who the people are, as numbers only.

Everything here is vectorised numpy over individuals (one synthetic human each). Strings are
made later, file by file, in ``generate_render``; the truth is computed here from the same
arrays, so what the files say and what the truth claims cannot drift apart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

EPOCH = np.datetime64("1970-01-01", "D")


def to_day(iso: str) -> int:
    """Days since 1970-01-01 of an ISO date (the model's only date representation)."""
    return int((np.datetime64(iso, "D") - EPOCH).astype(np.int64))


TODAY = to_day("2026-11-29")
START = to_day("2019-01-01")
FIRST_YEAR, LAST_YEAR = 2019, 2026
YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)

NATIONALITIES = ("TH", "LA", "MM", "KH", "CN", "VN", "other")
TH, LA, MM, KH, CN, VN, OTHER_NAT = range(7)
SEXES = ("female", "male", "other", "unknown")
FEMALE, MALE, OTHER_SEX, UNKNOWN_SEX = range(4)
STEPS = (
    "reported", "rescued", "handed_over", "screened", "sheltered", "returned_home", "reintegrated",
)
N_STEPS = len(STEPS)
FINE_REASONS = (
    "chairs_not_put_away", "meal_not_finished", "smoking", "relationship", "sickness",
    "target_not_met", "other",
)
CURRENCIES = ("THB", "USD", "CNY", "LAK")
THB, USD, CNY, LAK = range(4)
SCREENING = ("identified_victim", "not_victim", "pending", "not_screened", "")
IDENTIFIED, NOT_VICTIM, PENDING, NOT_SCREENED, SCREEN_BLANK = range(5)
OUTCOMES = ("handed_over", "deported", "released", "remains", "")
O_HANDED, O_DEPORTED, O_RELEASED, O_REMAINS, O_BLANK = range(5)
# link_key tokens: 0 = well-formed key, then the spellings of "no key"
KEY_OK = 0
KEY_MISSING_TOKENS = ("", "N/A", "-")

# Scenario groups (direction of travel). Countries are codes into NATIONALITIES.
G_TH_LA, G_TH_MM, G_TH_KH, G_LA_TH, G_X_LA, G_MM_TH = range(6)
GROUP_P = np.array([0.55, 0.16, 0.05, 0.11, 0.10, 0.03])
GROUP_COUNTRY = np.array([LA, MM, KH, TH, LA, TH])
# Year weights 2019..2026: TH->LA rises from 2020; 2026 is an 11-month year.
YEAR_W = np.array(
    [
        [0.5, 2, 6, 10, 14, 18, 22, 17],
        [6, 5, 7, 10, 14, 13, 11, 8],
        [4, 4, 6, 8, 10, 12, 12, 9],
        [12, 8, 8, 10, 11, 12, 12, 10],
        [3, 3, 6, 10, 12, 14, 15, 12],
        [12, 8, 8, 10, 11, 12, 12, 10],
    ],
    dtype=float,
)
SEX_P = np.array(
    [
        [0.43, 0.55, 0.01, 0.01],
        [0.43, 0.55, 0.01, 0.01],
        [0.40, 0.58, 0.01, 0.01],
        [0.60, 0.38, 0.01, 0.01],
        [0.38, 0.60, 0.01, 0.01],
        [0.50, 0.48, 0.01, 0.01],
    ]
)
STEP_CONTINUE_P = np.array([1.0, 0.90, 0.92, 0.90, 0.88, 0.85, 0.60])
FINE_RATE = np.array([1.3, 1.3, 1.0, 0.1, 0.8, 0.1])
FINE_REASON_P = np.array([0.12, 0.12, 0.15, 0.05, 0.13, 0.38, 0.05])


@dataclass
class Population:
    """Per-individual arrays (length n) plus the fines table; codes as in the tuples above."""

    seed: int
    group: np.ndarray
    base_day: np.ndarray  # true first contact (report) date
    sex: np.ndarray  # true sex, Chiang Rai's record
    sex_bk: np.ndarray  # Bokeo's record, -1 = blank
    age: np.ndarray  # age at recruitment, Chiang Rai; -1 = blank
    birth_year: np.ndarray  # Bokeo
    nat: np.ndarray  # Chiang Rai's nationality
    nat_bk: np.ndarray  # Bokeo's nationality
    in_cr: np.ndarray
    in_bk: np.ndarray
    key_cr: np.ndarray  # KEY_OK or 1 + index into KEY_MISSING_TOKENS
    key_bk: np.ndarray
    joint_cr: np.ndarray  # bool: joint_ref written on the Chiang Rai side
    joint_bk: np.ndarray
    joint_seq: np.ndarray  # -1 = no bilateral referral
    cr_rec: np.ndarray  # (n, 7) bool: step row written in Chiang Rai's steps sheet
    cr_day: np.ndarray  # (n, 7) date of that row, -1 = blank date cell
    bk_day: np.ndarray  # (n, 3) reported / rescued / handed_over, -1 = blank
    outcome: np.ndarray
    imm_fine: np.ndarray  # LAK, -1 blank
    detained: np.ndarray  # days, -1 blank
    screened_bk: np.ndarray  # 0 Y, 1 N, 2 blank
    screening: np.ndarray  # Chiang Rai screening result code
    cr_bare: np.ndarray  # Chiang Rai record without steps or fines (safe duplicate target)
    cr_debt_cur: np.ndarray  # -1 = no debt
    cr_debt_amt: np.ndarray
    bk_debt_cur: np.ndarray
    bk_debt_amt: np.ndarray
    f_ind: np.ndarray  # fines: individual, source (0 CR, 1 BK), reason, amount, currency
    f_src: np.ndarray
    f_reason: np.ndarray
    f_amt: np.ndarray
    f_cur: np.ndarray

    @property
    def n(self) -> int:
        return int(self.group.shape[0])


def day_year(days: np.ndarray) -> np.ndarray:
    """Gregorian year of day numbers (vectorised)."""
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def link_keys(seed: int, idx: np.ndarray) -> list[str]:
    """Deterministic stand-in for the provinces' HMAC: sha256 of a synthetic identity."""
    return [
        hashlib.sha256(f"tipmon-synthetic-identity:{seed}:{i}".encode()).hexdigest()
        for i in idx.tolist()
    ]


def ensure_min(
    values: np.ndarray, need: dict[int, int], rows: np.ndarray, rng: np.random.Generator
) -> None:
    """Give each value v at least need[v] of `rows`, taken from the values with most to spare.

    Why: rare categories (LAK debts, Myanmar nationals in Bokeo) must occur often enough in a
    few hundred persons that each of their spellings can be shown.
    """
    if rows.size == 0:
        return
    for w, k in need.items():
        while True:
            sub = values[rows]
            short = k - int((sub == w).sum())
            if short <= 0:
                break
            vals, cnt = np.unique(sub, return_counts=True)
            spare = cnt - np.array([need.get(int(v), 0) for v in vals])
            spare[vals == w] = 0
            best = int(np.argmax(spare))
            if spare[best] <= 0:
                break
            take = min(short, int(spare[best]))
            donors = rows[sub == vals[best]]
            values[rng.choice(donors, size=take, replace=False)] = w


def _amounts(rng: np.random.Generator, cur: np.ndarray) -> np.ndarray:
    """Debt amounts by currency: travel debts up to about 100,000 THB."""
    out = np.zeros(cur.shape[0], dtype=np.int64)
    n = cur.shape[0]
    thb = rng.choice(np.arange(20_000, 100_001, 5_000), size=n)
    thb = np.where(rng.random(n) < 0.2, 100_000, thb)
    out = np.where(cur == THB, thb, out)
    out = np.where(cur == USD, rng.choice(np.arange(500, 3_001, 100), size=n), out)
    out = np.where(cur == CNY, rng.choice(np.arange(5_000, 20_001, 500), size=n), out)
    out = np.where(cur == LAK, rng.choice(np.arange(2_000_000, 20_000_001, 500_000), size=n), out)
    return out


def _fine_amounts(rng: np.random.Generator, reason: np.ndarray, cur: np.ndarray) -> np.ndarray:
    """Arbitrary fines as reported: 500 chairs, 2,500 smoking/meal, 35,000 sick, 50,000 love."""
    n = reason.shape[0]
    base = np.array([500, 2_500, 2_500, 50_000, 35_000, 0, 0], dtype=np.int64)[reason]
    chairs_alt = rng.choice(np.array([300, 500, 500, 1_000]), size=n)
    base = np.where(reason == 0, chairs_alt, base)
    base = np.where(
        reason == 5, rng.choice(np.array([1_000, 2_000, 3_000, 5_000, 10_000, 20_000]), n), base
    )
    base = np.where(reason == 6, rng.choice(np.array([500, 1_000, 2_000, 5_000]), n), base)
    usd = np.maximum(10, np.round(base / 33 / 10).astype(np.int64) * 10)
    cny = np.maximum(10, np.round(base / 4.6 / 10).astype(np.int64) * 10)
    return np.where(cur == USD, usd, np.where(cur == CNY, cny, base))


def simulate(n: int, seed: int) -> Population:
    """Draw n individuals and everything either province recorded about them."""
    rng = np.random.default_rng([seed, 20261129])
    group = rng.choice(6, size=n, p=GROUP_P)
    if n >= 150:  # enough non-Thai Bokeo cases to show every Bokeo nationality spelling
        ensure_min(group, {G_X_LA: 15}, np.arange(n), rng)

    # --- first contact date, by year weights of the group
    year = np.empty(n, dtype=np.int64)
    for g in range(6):
        m = group == g
        year[m] = rng.choice(YEARS, size=int(m.sum()), p=YEAR_W[g] / YEAR_W[g].sum())
    starts = np.array([to_day(f"{y}-01-01") for y in YEARS] + [TODAY + 1])
    lo = starts[year - FIRST_YEAR]
    hi = starts[year - FIRST_YEAR + 1]
    base_day = lo + np.floor(rng.random(n) * (hi - lo)).astype(np.int64)

    # --- referral chain: reported -> rescued -> handed over -> screened -> sheltered ->
    # returned home (within six months) -> reintegrated; stops at random or at today.
    d = np.empty((n, N_STEPS), dtype=np.int64)
    in_thailand = (group == G_LA_TH) | (group == G_MM_TH)
    d[:, 0] = base_day
    d[:, 1] = d[:, 0] + 1 + rng.gamma(2.0, 7.0, n).astype(np.int64)
    d[:, 2] = d[:, 1] + np.where(in_thailand, 0, rng.integers(0, 8, n))
    d[:, 3] = d[:, 2] + rng.integers(0, 4, n)
    d[:, 4] = d[:, 3] + rng.integers(0, 3, n)
    d[:, 5] = d[:, 4] + rng.integers(14, 181, n)
    d[:, 6] = d[:, 5] + rng.integers(30, 366, n)
    cont = rng.random((n, N_STEPS)) < STEP_CONTINUE_P
    cont[in_thailand, 2] = True
    reached = np.logical_and.accumulate(cont & (d <= TODAY), axis=1)
    reached[in_thailand, 2] = False  # nobody hands them over at the Lao border

    # --- who records them
    u = rng.random(n)
    in_cr = np.ones(n, dtype=bool)
    in_bk = np.zeros(n, dtype=bool)
    g0 = group == G_TH_LA
    in_bk[g0 & ((u < 0.78) | (u >= 0.88))] = True  # both, CR only, Bokeo only
    in_cr[g0 & (u >= 0.88)] = False
    in_bk[group == G_X_LA] = True
    in_cr[group == G_X_LA] = False
    both = in_cr & in_bk

    # --- link keys: both sides mostly; sometimes missing on one or both sides
    key_cr = np.zeros(n, dtype=np.int64)
    key_bk = np.zeros(n, dtype=np.int64)
    tok = rng.integers(1, 1 + len(KEY_MISSING_TOKENS), (n, 2))
    kc = rng.choice(4, size=n, p=[0.89, 0.07, 0.02, 0.02])  # ok, both, CR-only, BK-only missing
    miss_cr = np.where(both, (kc == 1) | (kc == 2), rng.random(n) < 0.07)
    miss_bk = np.where(both, (kc == 1) | (kc == 3), rng.random(n) < 0.07)
    key_cr[miss_cr] = tok[miss_cr, 0]
    key_bk[miss_bk] = tok[miss_bk, 1]
    keyless_pair = both & miss_cr & miss_bk

    # --- sex, age, nationality, birth year
    cum = np.cumsum(SEX_P[group], axis=1)
    sex = (rng.random(n)[:, None] > cum).sum(axis=1).clip(0, 3)
    sex[keyless_pair & (sex >= OTHER_SEX)] = MALE  # joint_ref matching needs a known M/F
    age = np.rint(
        np.select(
            [group <= G_TH_KH, in_thailand],
            [rng.normal(27.5, 4.5, n), rng.normal(24, 5, n)],
            rng.normal(28, 6, n),
        )
    ).astype(np.int64)
    age = np.clip(age, 15, 58)
    recruit_day = base_day - (20 + rng.gamma(2.0, 60.0, n)).astype(np.int64)
    birth_year = day_year(recruit_day) - age - ((rng.random(n) < 0.5) & ~keyless_pair)
    nat = np.full(n, TH, dtype=np.int64)
    nat[group == G_LA_TH] = LA
    mm_th = group == G_MM_TH
    nat[mm_th] = np.where(rng.random(n) < 0.85, MM, OTHER_NAT)[mm_th]
    xla = group == G_X_LA
    nat[xla] = rng.choice(np.array([LA, MM, CN, VN, KH]), size=n, p=[0.4, 0.25, 0.15, 0.15, 0.05])[
        xla
    ]
    ensure_min(nat, {LA: 4, MM: 3, CN: 1, VN: 1, KH: 1}, np.flatnonzero(xla), rng)
    age_cr = age.copy()
    age_cr[(rng.random(n) < 0.01) & ~keyless_pair] = -1

    sex_bk = np.where(sex <= MALE, sex, -1)
    sex_bk[(rng.random(n) < 0.04) & ~keyless_pair] = -1
    flip = both & ~keyless_pair & (rng.random(n) < 0.003) & (sex_bk >= 0)
    sex_bk[flip] = 1 - sex_bk[flip]
    nat_bk = nat.copy()
    nflip = both & ~keyless_pair & (rng.random(n) < 0.005)
    nat_bk[nflip] = np.where(nat[nflip] == TH, LA, TH)

    # --- joint_ref: one per bilateral referral, numbered per year in date order
    joint_seq = np.full(n, -1, dtype=np.int64)
    order = np.lexsort((base_day, year))
    bo = order[both[order]]
    if bo.size:
        yrs = year[bo]
        first = np.searchsorted(yrs, yrs, side="left")
        joint_seq[bo] = np.arange(bo.size) - first + 1
    joint_cr = both.copy()
    joint_bk = both.copy()
    drop = both & ~keyless_pair & (rng.random(n) < 0.03)
    side = rng.random(n) < 0.5
    joint_cr[drop & side] = False
    joint_bk[drop & ~side] = False

    # --- Chiang Rai steps
    cr_rec = reached.copy()
    p_rep = np.where(both, 0.5, np.where(in_thailand, 0.9, 0.85))
    p_resc = np.where(both, 0.1, np.where(g0, 0.7, 0.9))
    cr_rec[:, 0] &= rng.random(n) < p_rep
    cr_rec[:, 1] &= rng.random(n) < p_resc
    cr_bare = in_cr & (rng.random(n) < 0.02)
    cr_idx = np.flatnonzero(in_cr)
    if cr_idx.size >= 50 and cr_bare.sum() < 3:
        cr_bare[rng.choice(cr_idx, size=3, replace=False)] = True
    cr_rec[cr_bare] = False
    cr_rec[~in_cr] = False
    cr_day = d.copy()
    jit = np.clip(d[:, 0] + rng.integers(-3, 4, n), START, TODAY)
    cr_day[both, 0] = jit[both]
    cr_day[rng.random((n, N_STEPS)) < 0.01] = -1  # blank date cell
    cr_day[~cr_rec] = -1

    # --- Bokeo record: three dates, outcome, criminalisation
    bk_day = np.full((n, 3), -1, dtype=np.int64)
    rep = in_bk & ((rng.random(n) < 0.85) | keyless_pair)
    bk_day[rep, 0] = np.clip(d[:, 0] + rng.integers(0, 4, n), START, TODAY)[rep]
    rescued = in_bk & reached[:, 1]
    bk_day[rescued, 1] = d[rescued, 1]
    outcome = np.full(n, O_BLANK, dtype=np.int64)
    outcome[in_bk & ~reached[:, 1]] = np.where(rng.random(n) < 0.85, O_REMAINS, O_BLANK)[
        in_bk & ~reached[:, 1]
    ]
    handed = rescued & reached[:, 2]
    ho = handed & g0
    outcome[ho] = np.where(rng.random(n) < 0.82, O_HANDED, O_DEPORTED)[ho]
    xo = handed & xla
    outcome[xo] = np.where(nat == LA, O_RELEASED, O_DEPORTED)[xo]
    waiting = rescued & ~reached[:, 2]
    outcome[waiting] = np.where(rng.random(n) < 0.5, O_RELEASED, O_BLANK)[waiting]
    with_date = (outcome == O_HANDED) | (outcome == O_DEPORTED)
    bk_day[with_date, 2] = d[with_date, 2]
    imm_fine = np.full(n, -1, dtype=np.int64)
    fm = rescued & (rng.random(n) < 0.28)
    imm_fine[fm] = rng.choice(
        np.array([500_000, 1_000_000, 1_500_000, 2_000_000, 3_000_000, 5_000_000]), n
    )[fm]
    zero = rescued & ~fm & (rng.random(n) < 0.15)
    imm_fine[zero] = 0
    detained = np.where(rescued & (rng.random(n) < 0.25), rng.integers(1, 46, n), -1)
    screened_bk = np.where(rescued, np.where(rng.random(n) < 0.55, 0, 1), 2)

    # --- Chiang Rai screening result
    scr = reached[:, 3] & cr_rec[:, 3]
    r = rng.random(n)
    screening = np.where(
        scr,
        np.select([r < 0.78, r < 0.90], [IDENTIFIED, NOT_VICTIM], PENDING),
        np.select([r < 0.6, r < 0.8], [NOT_SCREENED, PENDING], SCREEN_BLANK),
    )

    # --- debts
    def debt(mask: np.ndarray, p_cur: list[float]) -> tuple[np.ndarray, np.ndarray]:
        cur = np.where(mask, rng.choice(4, size=n, p=p_cur), -1)
        ensure_min(cur, {USD: 5, CNY: 5, LAK: 5}, np.flatnonzero(mask), rng)
        return cur, np.where(mask, _amounts(rng, cur), 0)

    scam = group <= G_TH_KH
    cr_has = in_cr & (rng.random(n) < np.where(scam, 0.6, 0.25))
    cr_debt_cur, cr_debt_amt = debt(cr_has, [0.80, 0.12, 0.05, 0.03])
    bk_has = in_bk & (rng.random(n) < 0.45)
    bk_debt_cur, bk_debt_amt = debt(bk_has, [0.75, 0.15, 0.07, 0.03])

    # --- fines imposed by the exploiters
    nf = rng.poisson(FINE_RATE[group])
    # a linked person's fines are told on one side: mostly Bokeo (rescue interview)
    src = np.where(in_cr & ~in_bk, 0, 1)
    src = np.where(both & (rng.random(n) < 0.3) & ~cr_bare, 0, src)
    nf[(src == 0) & cr_bare] = 0
    f_ind = np.repeat(np.arange(n), nf)
    f_src = src[f_ind]
    f_reason = rng.choice(7, size=f_ind.size, p=FINE_REASON_P)
    f_cur = rng.choice(np.array([THB, USD, CNY]), size=f_ind.size, p=[0.85, 0.08, 0.07])
    for side in (0, 1):
        ensure_min(f_cur, {USD: 4, CNY: 4}, np.flatnonzero(f_src == side), rng)
    f_amt = _fine_amounts(rng, f_reason, f_cur)

    return Population(
        seed=seed, group=group, base_day=base_day, sex=sex, sex_bk=sex_bk, age=age_cr,
        birth_year=birth_year, nat=nat, nat_bk=nat_bk, in_cr=in_cr, in_bk=in_bk,
        key_cr=key_cr, key_bk=key_bk, joint_cr=joint_cr, joint_bk=joint_bk,
        joint_seq=joint_seq, cr_rec=cr_rec, cr_day=cr_day, bk_day=bk_day, outcome=outcome,
        imm_fine=imm_fine, detained=detained, screened_bk=screened_bk, screening=screening,
        cr_bare=cr_bare, cr_debt_cur=cr_debt_cur, cr_debt_amt=cr_debt_amt,
        bk_debt_cur=bk_debt_cur, bk_debt_amt=bk_debt_amt, f_ind=f_ind, f_src=f_src,
        f_reason=f_reason, f_amt=f_amt, f_cur=f_cur,
    )


def _min_day(days: np.ndarray) -> np.ndarray:
    """Earliest non-blank day per row (-1 when none)."""
    big = np.iinfo(np.int64).max
    m = np.where(days >= 0, days, big).min(axis=1)
    return np.where(m == big, -1, m)


def _count(keys: np.ndarray) -> dict[str, int]:
    vals, cnt = np.unique(keys, return_counts=True)
    return {str(v): int(c) for v, c in zip(vals.tolist(), cnt.tolist(), strict=True)}


def _year_key(first: np.ndarray) -> np.ndarray:
    """Monitoring-year label: the year as text, or 'unknown' without a dated step."""
    lab = day_year(np.maximum(first, 0)).astype(str).astype(object)
    lab[first < 0] = "unknown"
    return lab


def people_truth(pop: Population) -> dict:
    """Apply the linkage and counting rules (monitoring model §2-§3) to the generated records.

    Why here: the rules are evaluated on the model's own arrays, so the expected numbers follow
    from exactly what was written, including pairs the rules cannot link.
    """
    both = pop.in_cr & pop.in_bk
    by_key = both & (pop.key_cr == KEY_OK) & (pop.key_bk == KEY_OK)
    keyless = both & (pop.key_cr != KEY_OK) & (pop.key_bk != KEY_OK)
    cr_first = _min_day(pop.cr_day)
    bk_first = _min_day(pop.bk_day)
    bk_age = day_year(np.maximum(bk_first, 0)) - pop.birth_year
    by_joint = (
        keyless
        & pop.joint_cr
        & pop.joint_bk
        & (pop.sex <= OTHER_SEX)
        & (pop.sex == pop.sex_bk)
        & (pop.nat == pop.nat_bk)
        & (pop.age >= 0)
        & (bk_first >= 0)
        & (np.abs(pop.age - bk_age) <= 1)
    )
    linked = by_key | by_joint
    split = both & ~linked

    # persons: linked individuals once; everyone else once per source record
    cr_alone = pop.in_cr & ~linked
    bk_alone = pop.in_bk & ~linked
    first = np.concatenate(
        [
            np.where(
                (cr_first[linked] >= 0) & (bk_first[linked] >= 0),
                np.minimum(cr_first[linked], bk_first[linked]),
                np.maximum(cr_first[linked], bk_first[linked]),
            ),
            cr_first[cr_alone],
            bk_first[bk_alone],
        ]
    )
    nat = np.concatenate([pop.nat[linked], pop.nat[cr_alone], pop.nat_bk[bk_alone]])
    ident = np.concatenate(
        [
            pop.screening[linked] == IDENTIFIED,
            pop.screening[cr_alone] == IDENTIFIED,
            np.zeros(int(bk_alone.sum()), dtype=bool),
        ]
    )
    ylab = _year_key(first)
    natlab = np.array(NATIONALITIES, dtype=object)[nat]
    by_year_nat: dict[str, dict[str, int]] = {}
    for y in sorted(set(ylab.tolist())):
        by_year_nat[y] = _count(natlab[ylab == y].astype(str))
    return {
        "persons_total": int(first.size),
        "linked_persons": int(linked.sum()),
        "linked_by_link_key": int(by_key.sum()),
        "linked_by_joint_ref": int(by_joint.sum()),
        "unlinked_pairs": int(split.sum()),
        "persons_by_sources": {
            "both": int(linked.sum()),
            "chiang_rai_only": int(cr_alone.sum()),
            "bokeo_only": int(bk_alone.sum()),
        },
        "persons_by_year_nationality": by_year_nat,
        "identified_victims_by_year": _count(ylab[ident].astype(str)) if ident.any() else {},
        "fines_by_reason": _count(np.array(FINE_REASONS)[pop.f_reason]) if pop.f_ind.size else {},
    }
