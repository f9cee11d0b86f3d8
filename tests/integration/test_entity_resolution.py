"""Entities resolved across articles and runs, through the real pipeline and warehouse."""

from etl import pipeline
from tests.integration.helpers import query

# One paragraph per line, as pages are scraped.
FIRST = "\n\n".join(
    [
        "Coalition ministers meet in Rome to discuss Islamic State",
        "By Lakeport Globe staff",
        "Italian Foreign Minister Paolo Di Vento hosted US Secretary of State Tom Reyes in "
        "Rome on Monday for a meeting of the coalition against ISIS.",
        "“We have to widen the coalition’s work and reach the places where it matters most,” "
        "said Di Vento. Reyes said the United States would give $215 million in new aid.",
        "The coalition has 79 members and about 9,000 ISIS fighters remain in detention, "
        "officials said.",
    ]
)
SECOND = "\n\n".join(
    [
        "Rome talks focus on detained fighters",
        "By Harbor Ledger staff",
        "Paolo De Vento, Italy's foreign minister, told Tom Reyes and other ministers in Rome "
        "that Daesh still threatens the region and that more than 600 Italian troops stay in Iraq.",
        "“These camps cannot be left as they are,” Reyes said of the detention camps. “Nobody "
        "can wait for years.” He added that the United States would keep its pledge.",
    ]
)


def _run(settings, tmp_path, name, text, run_id):
    inbox = tmp_path / f"inbox_{run_id}"
    inbox.mkdir()
    (inbox / name).write_text(text, encoding="utf-8")
    return pipeline.run_all(settings(inbox), run_id)


def test_spelling_variants_and_aliases_resolve_to_one_entity_across_runs(settings, tmp_path):
    assert _run(settings, tmp_path, "first.txt", FIRST, "run_1")["loaded"] == 1
    assert _run(settings, tmp_path, "second.txt", SECOND, "run_2")["loaded"] == 1
    warehouse = settings(tmp_path).warehouse

    def entity(alias):
        rows = query(
            warehouse,
            "select distinct e.entity_key, e.canonical_name, e.entity_type from dim_entity e "
            "join dim_entity_alias a using (entity_key) where a.alias = ?",
            [alias],
        )
        assert len(rows) == 1, f"{alias}: {rows}"
        return rows[0]

    assert entity("Paolo De Vento") == entity("Paolo Di Vento")
    assert entity("Paolo Di Vento")[1:] == ("Paolo Di Vento", "PERSON")
    assert entity("Daesh") == entity("ISIS")
    assert entity("ISIS")[1:] == ("Islamic State", "ORG")
    # Both articles mention the same people under one key each.
    shared = query(
        warehouse,
        "select e.canonical_name from fct_entity_mention m join dim_entity e using (entity_key) "
        "group by 1 having count(distinct m.article_key) = 2 order by 1",
    )
    assert {"Tom Reyes", "Islamic State", "Paolo Di Vento", "Rome"} <= {r[0] for r in shared}


def test_quotes_and_amounts_reach_their_fact_tables(settings, tmp_path):
    _run(settings, tmp_path, "first.txt", FIRST, "run_1")
    _run(settings, tmp_path, "second.txt", SECOND, "run_2")
    warehouse = settings(tmp_path).warehouse
    quotes = query(
        warehouse,
        "select e.canonical_name, q.quote_text from fct_quote q "
        "left join dim_entity e on e.entity_key = q.speaker_entity_key order by 2",
    )
    assert quotes == [
        ("Tom Reyes", "These camps cannot be left as they are, Nobody can wait for years."),
        ("Paolo Di Vento", "We have to widen the coalition’s work and reach the places where "
                           "it matters most"),
    ]  # fmt: skip
    amounts = query(
        warehouse,
        "select amount_kind, value, unit, qualifier from fct_amount order by value",
    )
    assert amounts == [
        ("count", 79.0, "members", None),
        ("count", 600.0, "troops", "more than"),
        ("count", 9000.0, "fighters", "about"),
        ("money", 215e6, "USD", None),
    ]
    counts = query(warehouse, "select sum(amount_count), sum(quote_count) from fct_article")
    assert counts == [(4, 2)]
