"""Synthetic provincial exports with their exact truth, for tests, demos and benchmarks.

``generate_exports`` writes Chiang Rai workbooks and Bokeo CSV files exactly as the exports
contract (docs: shared spec ``provincial-exports.md``) describes them, messy in every accepted
way, with a known share of rows that must be quarantined, plus ``truth.json``: what a correct
ingest of exactly these files must produce. The work is split over three helpers:

- ``generate_model``: the people and what each province recorded (numpy arrays; the truth);
- ``generate_style``: how each value is spelled and formatted (per-row choices, vectorised);
- ``generate_files``: which file holds what, planted bad rows, the xlsx/csv writers.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np

from pipelines import generate_files as gf
from pipelines import generate_model as gm
from pipelines import generate_style as gs

AS_OF = "2026-11-29"
PARALLEL_MIN_PERSONS = 50_000  # below this one process is faster than forking
_STATE: dict[str, object] = {}


def _run_job(i: int) -> tuple[str, dict]:
    pop, st, jobs, out = _STATE["args"]  # type: ignore[misc]
    job = jobs[i]
    return job.name, gf.write_job(pop, st, job, out)


def _write_all(
    pop: gm.Population, st: gs.Styles, jobs: list[gf.FileJob], out: Path, progress: bool
) -> dict[str, dict]:
    """Write every file, in two processes for big sets; results do not depend on the order."""
    from tqdm import tqdm

    order = sorted(range(len(jobs)), key=lambda i: -gf.job_weight(jobs[i]))
    bar = tqdm(
        total=sum(gf.job_weight(j) for j in jobs), unit="cell", unit_scale=True,
        desc="generate", disable=not progress,
    )
    results: dict[str, dict] = {}
    workers = min(2, os.cpu_count() or 1)
    if pop.n >= PARALLEL_MIN_PERSONS and workers > 1 and "fork" in mp.get_all_start_methods():
        _STATE["args"] = (pop, st, jobs, out)
        try:
            with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as ex:
                futs = {ex.submit(_run_job, i): i for i in order}
                for fut in as_completed(futs):
                    name, res = fut.result()
                    results[name] = res
                    bar.update(gf.job_weight(jobs[futs[fut]]))
        finally:
            _STATE.clear()
    else:
        for i in order:
            results[jobs[i].name] = gf.write_job(pop, st, jobs[i], out)
            bar.update(gf.job_weight(jobs[i]))
    bar.close()
    return results


def generate_exports(
    out_dir: Path,
    persons: int,
    seed: int = 0,
    *,
    bad_share: float = 0.01,
    progress: bool = False,
) -> dict:
    """Write a realistic, deterministic set of provincial exports and return their truth.

    Why: the ingest, linkage and indicators need inputs whose correct outcome is known exactly,
    at any scale (tests use a few hundred persons, benchmarks a million).

    ``persons`` is the number of synthetic individuals; someone recorded by both provinces is
    one individual, and becomes one person after ingest only when the linkage rules can link
    the two records (``persons_total`` in the truth says how many persons a correct ingest
    finds). ``bad_share`` is the approximate share of planted rows per sheet that must be
    quarantined (0 = none; at least one of each kind when ``persons >= 100``). The truth is
    also written to ``out_dir/truth.json``; the returned dict equals that file's content.
    """
    if persons < 0:
        raise ValueError("persons must be >= 0")
    if not 0.0 <= bad_share <= 0.5:
        raise ValueError("bad_share must be between 0 and 0.5")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pop = gm.simulate(int(persons), int(seed))
    st = gs.plan_styles(pop)
    jobs = gf.plan_jobs(pop, st, float(bad_share), int(seed))
    results = _write_all(pop, st, jobs, out, progress)
    people = gm.people_truth(pop)
    markers = [
        mk for k, mk in enumerate(gs.NOTE_MARKERS, start=1) if bool(np.any(st.cr_note == k))
    ]
    truth = {
        "seed": int(seed),
        "persons_requested": int(persons),
        "as_of": AS_OF,
        "files": {name: results[name] for name in sorted(results)},
        "persons_total": people.pop("persons_total"),
        "linked_persons": people.pop("linked_persons"),
        "persons_by_year_nationality": people.pop("persons_by_year_nationality"),
        "identified_victims_by_year": people.pop("identified_victims_by_year"),
        "fines_by_reason": people.pop("fines_by_reason"),
        "note_markers": markers,
        **people,
    }
    text = json.dumps(truth, ensure_ascii=False, indent=1)
    (out / "truth.json").write_text(text + "\n", encoding="utf-8")
    return json.loads(text)
