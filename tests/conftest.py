"""Shared fixtures: the spaCy models load once per session; real articles come from ../shared."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "wang-tokayev-2022-10-13.fr.txt"
GOLD_DEV = SHARED / "gold" / "dev"
CONTRACT = SHARED / "contract" / "article.schema.json"
EXAMPLES = ROOT / "examples"
EXAMPLES_PUBLISHED = date(2025, 3, 14)


def pytest_collection_modifyitems(config, items):
    if not SHARED.is_dir():
        skip = pytest.mark.skip(reason=f"{SHARED} (news text kept outside the project) is not here")
        for item in items:
            if "shared" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def pipeline():
    from chronique.pipeline import Pipeline

    p = Pipeline()
    p.warm()
    return p


@pytest.fixture(scope="session")
def schema_validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(CONTRACT.read_text("utf-8"))
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def seed_result(pipeline):
    return pipeline.extract_text(SEED.read_text("utf-8"), published=date(2022, 10, 14), source=str(SEED))


@pytest.fixture(scope="session")
def example_results(pipeline):
    from chronique.read import read_paths

    return {Path(r.source).name: r for r in pipeline.run(read_paths([str(EXAMPLES)]), published=EXAMPLES_PUBLISHED)}


@pytest.fixture(scope="session")
def gold_articles():
    return [json.loads(p.read_text("utf-8")) for p in sorted(GOLD_DEV.glob("*.json"))]
