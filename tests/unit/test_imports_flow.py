"""Imports run down the house: the stages never depend on the report, etl never on Airflow."""

import ast
from pathlib import Path

ETL = Path(__file__).resolve().parents[2] / "etl"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_stage_imports_the_report():
    offending = {
        path.name: sorted(m for m in _imports(path) if m.startswith("etl.report"))
        for path in (ETL / "stages").glob("*.py")
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_etl_never_imports_airflow():
    offending = [
        str(path.relative_to(ETL))
        for path in ETL.rglob("*.py")
        if any(m == "airflow" or m.startswith("airflow.") for m in _imports(path))
    ]
    assert offending == []
