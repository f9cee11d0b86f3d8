"""Each article's language decides which model reads its entities; a language without one gets
none, and the warehouse and the report say so."""

from etl import pipeline
from etl.report import report_for
from tests.integration.helpers import query

FRENCH = """Le port de Marseille signe un accord avec Gênes

Par Claire Dubois 12 novembre 2026

Le président du port de Marseille, Jean-Luc Moreau, a signé mardi à Gênes un accord de coopération avec l'autorité portuaire italienne, a annoncé la Chambre de commerce de Marseille.

L'accord prévoit des liaisons ferroviaires communes entre la France et l'Italie et un centre de formation partagé pour les dockers des deux villes, selon le communiqué publié mercredi.

« Nous voulons que les conteneurs passent plus vite de la mer au train », a déclaré Jean-Luc Moreau devant les journalistes réunis au siège de l'autorité portuaire.
"""

GERMAN = """Hamburger Hafen meldet mehr Container

Von Jonas Keller 12. November 2026

Der Hamburger Hafen hat im Oktober deutlich mehr Container umgeschlagen als im Vorjahr, teilte die Hafenbehörde am Dienstag in Hamburg mit. Besonders der Verkehr mit Skandinavien wuchs.

Hafenchefin Petra Lange sagte, die neue Bahnverbindung nach Dänemark habe geholfen. Die Reedereien erwarten für den Winter eine ruhigere Entwicklung, hieß es weiter.
"""


def test_french_gets_french_entities_and_german_none_recorded(settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "port_marseille.txt").write_text(FRENCH, encoding="utf-8")
    (inbox / "hafen_hamburg.txt").write_text(GERMAN, encoding="utf-8")
    config = settings(inbox)
    summary = pipeline.run_all(config, "languages")
    assert summary["loaded"] == 2
    articles = dict(
        (path, (language, model))
        for path, language, model in query(
            config.warehouse, "select first_path, language, ner_model from dim_article"
        )
    )
    assert articles["port_marseille.txt"] == ("fr", "fr_core_news_sm")
    assert articles["hafen_hamburg.txt"] == ("de", None)
    entities = query(
        config.warehouse,
        "select d.first_path, e.canonical_name, e.entity_type from fct_entity_mention m "
        "join dim_entity e using (entity_key) join dim_article d using (article_key)",
    )
    assert {path for path, *_ in entities} == {"port_marseille.txt"}
    names = {(name, kind) for _, name, kind in entities}
    assert ("Jean-Luc Moreau", "PERSON") in names
    assert any(kind in ("GPE", "LOC") and name == "Marseille" for name, kind in names)
    html = report_for(config).read_text(encoding="utf-8")
    table = html[html.index('id="languages"') :]
    assert "none for this language" in table and "fr_core_news_sm" in table
