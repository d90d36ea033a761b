"""The bad-input corpus: every row of cases.csv behaves as the table says.

0 tracebacks, 0 runs past the per-case limit, 0 silent wrong answers: a ``result`` row checks
fragments of the right answer, an ``error`` row a clean error (a ``BlocsError`` or click's
usage message: exit 2 for usage errors, 1 for data errors) whose message contains the
fragments, a ``refusal`` row a clean refusal of a well-formed request (outside coverage, too
large, data unavailable: ``CoverageError``, ``InfeasibleOptionError``, ``DataNotFoundError``,
``DataIntegrityError``).  Rows with an ``xfail`` reason
are known failures, listed in the README's corpus section.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from runner import ENTRY_POINTS, Context, load_cases, run_case, verdict  # noqa: E402

CASES = load_cases()

#: Every example issue 11 lists is a row whose id starts with "issue-".
ISSUE_EXAMPLES = {
    "issue-resolve-year-negative",
    "issue-similarity-atop-2100",
    "issue-balance-edges-header-only",
    "issue-out-proc",
    "issue-out-under-file",
    "issue-out-existing-dir",
    "issue-durability-out-under-file",
    "issue-idealpoints-out-txt",
    "issue-landscape-40-actors",
    "issue-similarity-un-1900",
    "issue-landscape-size-1e308",
    "issue-landscape-propensity-1e308",
    "issue-dyad-years-float",
    "issue-strategic-triangle-9999",
    "issue-weight-nan",
    "issue-spread-2",
    "issue-extend-to-99999",
    "issue-idealpoints-tol-negative",
    "issue-add-nmc-duplicated-keys",
    "issue-ussr-2000",
    "issue-altered-cinc-cache",
    "issue-create-dyad-years-top-level",
}


def _params() -> list[object]:
    out = []
    for c in CASES:
        marks = [pytest.mark.xfail(reason=c.xfail, strict=True)] if c.xfail else []
        out.append(pytest.param(c, id=c.id, marks=marks))
    return out


@pytest.mark.parametrize("case", _params())
def test_case(case: object, tmp_path: Path) -> None:
    ctx = Context(tmp=tmp_path, home=Path(os.environ["BLOCS_HOME"]))
    problem = verdict(case, run_case(case, ctx))  # type: ignore[arg-type]
    assert not problem, problem


def test_corpus_size_and_mix() -> None:
    by_expect = Counter(c.expect for c in CASES)
    by_entry = Counter(c.entry for c in CASES)
    assert len(CASES) >= 500, by_expect
    assert set(by_expect) == {"error", "refusal", "result"}
    assert set(by_entry) == set(ENTRY_POINTS), by_entry
    assert by_entry["cli"] + by_entry["sh"] >= 250 and by_entry["api"] >= 100


def test_every_issue_example_is_a_case() -> None:
    ids = {c.id for c in CASES}
    assert ids >= ISSUE_EXAMPLES, sorted(ISSUE_EXAMPLES - ids)
