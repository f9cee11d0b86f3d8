"""The committed body and header models are what `python -m etl train clean` and `train
header` fit from the dev sets (../shared/benchmarks): the same features, by name, and the
same predictions and weights. A feature changed without refitting fails here."""

import json
from importlib.resources import files

import numpy as np
import pytest

from bench.sets import BENCHMARKS, scorer
from etl.page import body

pytestmark = pytest.mark.skipif(
    not (BENCHMARKS / "news_meta_dev").is_dir(), reason="needs ../shared/benchmarks"
)
MODELS = files("etl.page") / "models"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_the_committed_body_model_is_what_training_produces(kind):
    from bench import train

    found = train.examples(kind, BENCHMARKS)
    trained = train.fit(found)
    committed = body.load_model(kind)
    assert tuple(committed.feature_name()) == body.feature_names(kind)
    assert trained.feature_name() == committed.feature_name()
    rows = np.vstack([example.rows for example in found if len(example.rows)])
    np.testing.assert_allclose(trained.predict(rows), committed.predict(rows), atol=1e-6)


def test_the_committed_header_models_are_what_training_produces():
    from bench import train_header

    meta = scorer("score_meta", BENCHMARKS)
    found = train_header.examples(BENCHMARKS, train_header.held_out_body(BENCHMARKS))
    trained = train_header.fitted_header(found, meta)
    committed = json.loads((MODELS / "header.json").read_text(encoding="utf-8"))
    assert trained.keys() == committed.keys()
    for name, model in committed.items():
        assert trained[name]["features"] == model["features"], name
        assert trained[name]["threshold"] == model["threshold"], name
        assert trained[name].get("regularisation") == model.get("regularisation"), name
        for key in ("mean", "scale", "coef", "intercept"):
            assert trained[name][key] == pytest.approx(model[key], abs=1e-4), (name, key)
