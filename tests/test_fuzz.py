"""Fuzz suite: about 1,000 hostile inputs (tests/fuzz_inputs.py) through the library and the reader.

For every case: no exception escapes, one record per input (per non-blank JSON Lines line), no record is
an internal error (a bug), and a batch goes on past its bad inputs. ``bench/fuzz.py --cases N`` runs the
same generators at scale.
"""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz_inputs
from chronique.read import read_bytes

FUZZ = settings(max_examples=300, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def check(results, case) -> None:
    assert len(results) == case.lines, case.describe()
    for result in results:
        assert result.error is None or result.error.kind != "internal", (case.describe(), result.error)
        result.to_dict()  # the contract's shape can be built


@FUZZ
@given(seed=SEEDS)
def test_text(pipeline, seed):
    case = fuzz_inputs.case(random.Random(seed), "text")
    check(fuzz_inputs.run_case(pipeline, case), case)


@FUZZ
@given(seed=SEEDS)
def test_html(pipeline, seed):
    case = fuzz_inputs.case(random.Random(seed), "html")
    check(fuzz_inputs.run_case(pipeline, case), case)


@settings(FUZZ, max_examples=300)
@given(seed=SEEDS)
def test_json_lines(pipeline, seed):
    case = fuzz_inputs.case(random.Random(seed), "jsonl")
    check(fuzz_inputs.run_case(pipeline, case), case)


@settings(FUZZ, max_examples=100)
@given(seeds=st.lists(SEEDS, min_size=2, max_size=6))
def test_a_batch_goes_on_past_bad_inputs(pipeline, seeds):
    """Several cases in one reader stream and one pipeline run: every line gives its record, in order."""
    cases = [fuzz_inputs.case(random.Random(seed), "jsonl") for seed in seeds]
    raws = [raw for c in cases for raw in read_bytes(c.body, "fuzz.jsonl", "jsonl")]
    results = list(pipeline.run(iter(raws), batch_size=4))
    assert [r.source for r in results] == [raw.source for raw in raws]
    assert len(results) == sum(c.lines for c in cases)
    assert all(r.error is None or r.error.kind != "internal" for r in results)
