import ast

import pytest

from tests.conftest import REPO

DAG_FILES = sorted((REPO / "dags").glob("*.py"))
ALLOWED_TOP_LEVEL = {"airflow", "pendulum", "os", "datetime", "__future__"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_dags_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"news_etl", "news_dq_report", "news_maintenance"}


def test_news_etl_shape(dagbag):
    dag = dagbag.dags["news_etl"]
    assert [t.task_id for t in dag.topological_sort()] == [
        "ingest", "read", "plan_extract", "extract", "validate", "enrich", "load",
        "published_something", "announce",
    ]  # fmt: skip
    # extraction is mapped over the planned batches (dynamic task mapping)
    extract = dag.get_task("extract")
    assert type(extract).__name__.endswith("MappedOperator")
    assert set(dag.get_task("validate").upstream_task_ids) == {"read", "extract"}
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    assert all(task.retries >= 1 for task in dag.tasks)
    # Only announce updates the Asset, and only after a load that published files.
    assert [t.task_id for t in dag.tasks if t.outlets] == ["announce"]
    assert [outlet.name for outlet in dag.get_task("announce").outlets] == ["news_warehouse"]
    assert dag.get_task("announce").upstream_task_ids == {"published_something"}


def test_report_dag_is_scheduled_on_the_warehouse_asset(dagbag):
    dag = dagbag.dags["news_dq_report"]
    condition = dag.timetable.asset_condition
    assert [asset.name for asset in condition.objects] == ["news_warehouse"]
    etl_outlet = dagbag.dags["news_etl"].get_task("announce").outlets[0]
    assert condition.objects[0] == etl_outlet


def test_maintenance_dag_is_daily_and_writes_from_the_warehouse_queue(dagbag):
    dag = dagbag.dags["news_maintenance"]
    assert [t.task_id for t in dag.tasks] == ["maintain"]
    assert dag.timetable.expression == "0 0 * * *"  # @daily
    assert dag.max_active_runs == 1
    load = dagbag.dags["news_etl"].get_task("load")
    assert dag.get_task("maintain").queue == load.queue


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_dag_files_are_thin(path):
    """Top level imports only airflow.sdk, pendulum and the standard library; no etl."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
        else:
            continue
        for module in modules:
            assert module.split(".")[0] in ALLOWED_TOP_LEVEL, f"{path.name} imports {module}"
            if module.startswith("airflow"):
                assert module == "airflow.sdk", f"{path.name} imports {module}"
