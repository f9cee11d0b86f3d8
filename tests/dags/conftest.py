import os
import tempfile
from pathlib import Path

from tests.conftest import REPO

# Airflow reads its configuration when first imported: point it away from the home folder
# before any test here imports it.
_home = Path(tempfile.mkdtemp(prefix="airflow-home-"))
os.environ.setdefault("AIRFLOW_HOME", str(_home))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(REPO / "dags"))
os.environ.setdefault("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{_home}/airflow.db")
