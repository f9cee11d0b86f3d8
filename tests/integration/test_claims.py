"""v_story_claims over hand-made rows in a real DuckDB: outlets' figures are compared only
where they are about the same thing, and unknown outlets are named as such."""

import duckdb
import pandas as pd
import pytest

from etl.config import SQL_DIR


@pytest.fixture
def claims():
    con = duckdb.connect()
    con.execute(
        "create table fct_article (article_key bigint, story_key bigint, is_current boolean)"
    )
    con.execute(
        "create table dim_source (source_key bigint, outlet_name varchar, is_unknown boolean)"
    )
    con.execute("create table dim_story (story_key bigint, representative_title varchar)")
    con.execute(
        "create table fct_amount (article_key bigint, amount_number integer, source_key bigint,"
        " amount_kind varchar, value double, unit varchar, sentence varchar,"
        " subject_terms varchar[])"
    )
    con.execute((SQL_DIR / "views" / "v_story_claims.sql").read_text(encoding="utf-8"))

    def load(articles, amounts):
        con.register("a", pd.DataFrame(articles, columns=["article_key", "story_key"]))
        con.execute("insert into fct_article select *, true from a")
        con.register("f", pd.DataFrame(amounts, columns=[
            "article_key", "amount_number", "source_key", "amount_kind", "value", "unit",
            "sentence", "subject_terms"]))  # fmt: skip
        con.execute("insert into fct_amount select * from f")
        con.execute("insert into dim_source values (1, 'Tribune', false), (2, 'Courier', false),"
                    " (0, 'Unknown', true)")  # fmt: skip
        con.execute("insert into dim_story values (7, 'Acme shares slide')")
        return con.execute(
            "select amount_kind, unit, outlet_count, outlets_disagree, reports from v_story_claims"
        ).fetchall()

    yield load
    con.close()


def test_a_share_price_and_a_market_value_are_not_compared(claims):
    rows = claims(
        [(1, 7), (2, 7)],
        [(1, 1, 1, "money", 12.0, "USD", "Shares closed at $12.", ["close", "share"]),
         (2, 1, 2, "money", 4e9, "USD", "A market value of $4 billion.", ["marke", "value"])],
    )  # fmt: skip
    assert rows == []  # nothing two outlets said about the same thing


def test_figures_about_the_same_thing_that_differ_are_flagged(claims):
    rows = claims(
        [(1, 7), (2, 7)],
        [(1, 1, 1, "money", 12.0, "USD", "Shares closed at $12.", ["close", "share"]),
         (1, 2, 1, "money", 4e9, "USD", "Its market value is $4 billion.", ["marke", "value"]),
         (2, 1, 2, "money", 5e9, "USD", "A market value of $5 billion.", ["marke", "value"])],
    )  # fmt: skip
    ((kind, unit, outlets, disagree, reports),) = rows
    assert (kind, unit, outlets, disagree) == ("money", "USD", 2, True)
    # the share price, which the other outlet did not report, is left out
    assert [(r["outlet"], r["values"]) for r in reports] == [("Courier", [5e9]), ("Tribune", [4e9])]


def test_articles_of_unknown_outlets_are_each_an_outlet_named_unknown(claims):
    rows = claims(
        [(1, 7), (2, 7)],
        [(1, 1, 0, "count", 14.0, "people", "It injured 14 people.", ["injur"]),
         (2, 1, 0, "count", 14.0, "people", "14 people were injured.", ["injur"])],
    )  # fmt: skip
    ((_, _, outlets, disagree, reports),) = rows
    assert outlets == 2 and disagree is False
    assert [r["outlet"] for r in reports] == ["unknown outlet", "unknown outlet"]
