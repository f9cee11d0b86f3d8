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
    assert services["airflow-worker"]["command"] == "celery worker"
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
    assert {"POSTGRES_PASSWORD", "REDIS_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET",
            "AIRFLOW_API_SECRET_KEY"} <= required  # fmt: skip
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
