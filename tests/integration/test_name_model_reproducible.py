"""The committed byline name model is what `python -m etl train names` fits from the dev sets
(../shared/benchmarks): same constants, same features, same weights; and its table of given
names is what the same command writes from the pinned nomquamgender."""

import json

import pytest

from bench.sets import BENCHMARKS
from etl.nlp import name_model

pytestmark = pytest.mark.skipif(
    not (BENCHMARKS / "news_meta_dev").is_dir(), reason="needs ../shared/benchmarks"
)


def test_the_committed_name_model_is_what_training_produces():
    from bench.train_names import fitted_names

    trained, pages, extra = fitted_names(BENCHMARKS)
    path = name_model.files("etl.nlp") / "models" / "names.json"
    committed = json.loads(path.read_text(encoding="utf-8"))
    assert len(pages) == 200 and len(extra) > 1000
    assert (trained["regularisation"], trained["threshold"]) == (
        committed["regularisation"],
        committed["threshold"],
    )
    assert set(trained["weights"]) == set(committed["weights"])
    assert trained["intercept"] == pytest.approx(committed["intercept"], abs=1e-4)
    worst = max(abs(trained["weights"][f] - w) for f, w in committed["weights"].items())
    assert worst < 1e-4


def test_the_committed_given_name_table_is_what_training_writes():
    from bench.train_names import given_names_table

    path = name_model.files("etl.nlp") / "models" / name_model.GIVEN_NAMES
    assert path.read_text(encoding="utf-8") == given_names_table()
