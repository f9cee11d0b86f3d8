"""The antecedent model's regularisation: the one-standard-error rule."""

from bench.train_antecedents import steadiest


def test_the_strongest_regularisation_within_one_standard_error_is_taken():
    # 890 of 1,160 right: a standard error of about 14 choices
    best = [(880, 1160, 0.1, 0.0), (890, 1160, 1.0, 0.0), (885, 1160, 10.0, 0.05)]
    assert steadiest(best) == (0.1, 0.0)


def test_a_regularisation_further_than_that_from_the_best_is_not():
    best = [(850, 1160, 0.1, 0.0), (890, 1160, 1.0, 0.1), (885, 1160, 10.0, 0.0)]
    assert steadiest(best) == (1.0, 0.1)
