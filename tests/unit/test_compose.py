"""docker-compose.yml checked statically: no Docker engine runs here."""

import json
import re
from importlib.resources import files

import jsonschema
import pytest
import yaml

from tests.conftest import REPO

COMPOSE = REPO / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_matches_the_compose_specification(compose):
    vendor = files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads(vendor.joinpath("compose-spec.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(compose)


def test_services_of_the_airflow_3_deployment(compose):
    services = compose["services"]
    for name in ("postgres", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                 "airflow-triggerer", "airflow-init"):  # fmt: skip
        assert name in services
    assert services["redis"]["profiles"] == ["celery"]
    assert services["airflow-worker"]["profiles"] == ["celery"]
    assert services["airflow-worker"]["command"] == "celery worker --queues default"
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown {dependency}"


def test_every_referenced_file_exists(compose):
    for service in compose["services"].values():
        build = service.get("build")
        if build:
            context = REPO / build["context"]
            assert context.is_dir()
            assert (context / build.get("dockerfile", "Dockerfile")).is_file()
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            source = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", source)  # the documented default
            if source.startswith("."):
                assert (REPO / source).exists(), f"mount source {source} is missing"
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    for copied in re.findall(r"^COPY (?:--\S+ )*(.+) \S+$", dockerfile, flags=re.M):
        for path in copied.split():
            assert (REPO / path).exists(), f"Dockerfile copies missing {path}"


def test_secrets_come_from_env_and_have_no_working_defaults():
    text = COMPOSE.read_text(encoding="utf-8")
    required = set(re.findall(r"\$\{([A-Z_]+):\?", text))
    assert {"POSTGRES_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET",
            "AIRFLOW_API_SECRET_KEY"} <= required  # fmt: skip
    required.add("REDIS_PASSWORD")  # required by the celery profile's Redis when it starts
    example = dict(
        line.split("=", 1)
        for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    for name in required:
        assert name in example, f".env.example does not document {name}"
        assert example[name] == "", f".env.example gives {name} a value that would work as-is"
    for key, value in re.findall(r"^\s*(\w*(?:PASSWORD|SECRET|FERNET)\w*):\s*(.+)$", text, re.M):
        assert value.strip().startswith("${"), f"{key} is not read from the environment"


def _mount_points(compose: dict) -> set[str]:
    """Container paths of the named volumes the Airflow services mount."""
    named = set(compose["volumes"])
    points = set()
    for name, service in compose["services"].items():
        if not name.startswith("airflow"):
            continue
        for volume in service.get("volumes", []):
            source, target = volume.split(":")[:2]
            if source in named:
                points.add(target)
    return points


def test_named_volumes_mount_on_paths_the_image_gives_to_the_airflow_user(compose):
    """Docker copies a mount point's ownership from the image into a new named volume; a
    path the image lacks becomes root's, and the services (uid 50000) cannot write it."""
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    created = set()
    for run in re.findall(r"^RUN (.+?)(?<!\\)$", dockerfile, flags=re.M | re.S):
        if "chown -R 50000:0 /opt/news" in run:
            created |= set(re.findall(r"(/opt/news/\w+)", run))
    for point in _mount_points(compose) - {"/opt/airflow/logs"}:  # the image's own folder
        assert point in created, f"the image does not create {point} for the airflow user"
    init = compose["services"]["airflow-init"]
    assert init["user"] == "0:0"
    fixed = " ".join(init["command"])
    for point in _mount_points(compose):
        assert "chown -R" in fixed and point in fixed, f"airflow-init does not chown {point}"


def test_every_long_running_service_has_a_healthcheck(compose):
    for name, service in compose["services"].items():
        if name == "airflow-init":
            continue
        assert "healthcheck" in service, f"{name} has no healthcheck"


def test_workers_wait_for_a_healthy_api_server_and_redis(compose):
    for name, service in compose["services"].items():
        if "celery worker" in str(service.get("command")):
            depends = service["depends_on"]
            assert depends["airflow-apiserver"]["condition"] == "service_healthy", name
            assert depends["redis"]["condition"] == "service_healthy", name


def test_redis_and_its_password_belong_to_the_celery_profile_only(compose):
    text = COMPOSE.read_text(encoding="utf-8")
    assert "REDIS_PASSWORD:?" not in text  # interpolation would demand it of LocalExecutor
    for name, service in compose["services"].items():
        if "REDIS_PASSWORD" in str(service.get("command")):
            assert service.get("profiles") == ["celery"], name
    redis = compose["services"]["redis"]
    assert "test -n" in " ".join(redis["command"])  # refuses to start without one


def test_only_one_worker_serves_the_queue_that_writes_duckdb(compose):
    """The DAG sends `load` to NEWS_WAREHOUSE_QUEUE; one single-process worker consumes it."""
    env = compose["x-airflow-common"]["environment"]
    queue = env["NEWS_WAREHOUSE_QUEUE"]
    consumers = [
        (name, service["command"])
        for name, service in compose["services"].items()
        if f"--queues {queue}" in str(service.get("command"))
    ]
    assert len(consumers) == 1 and consumers[0][1].endswith("--concurrency 1")
    assert "scale" not in consumers[0][0]
    dag = (REPO / "dags" / "news.py").read_text(encoding="utf-8")
    assert 'os.environ.get("NEWS_WAREHOUSE_QUEUE", "default")' in dag
    assert re.search(r"@task\(queue=WAREHOUSE_QUEUE\)\n    def load\(", dag)
