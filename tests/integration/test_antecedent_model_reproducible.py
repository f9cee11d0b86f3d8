"""The committed antecedent model (etl/nlp/models/antecedents.json) is what `python -m etl
train quotes` fits from the quotes set (../shared/benchmarks): same constants, same features,
same weights."""

import json

import pytest

from bench.sets import BENCHMARKS
from etl.nlp import antecedents

pytestmark = pytest.mark.skipif(
    not (BENCHMARKS / "quotes_dev").is_dir(), reason="needs ../shared/benchmarks"
)


def test_the_committed_antecedent_model_is_what_training_produces():
    from bench.train_antecedents import articles, fitted_model

    found = articles(BENCHMARKS)
    assert len(found) == 924
    trained = fitted_model(found)
    path = antecedents.files("etl.nlp") / "models" / "antecedents.json"
    committed = json.loads(path.read_text(encoding="utf-8"))
    assert set(trained) == set(committed) == set(antecedents.KINDS)
    for kind, model in committed.items():
        assert (trained[kind]["regularisation"], trained[kind]["threshold"]) == (
            model["regularisation"],
            model["threshold"],
        )
        assert set(trained[kind]["weights"]) == set(model["weights"])
        assert trained[kind]["intercept"] == pytest.approx(model["intercept"], abs=1e-4)
        worst = max(abs(trained[kind]["weights"][f] - w) for f, w in model["weights"].items())
        assert worst < 1e-4
