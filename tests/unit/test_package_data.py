"""Every data file under etl/ ships with the package (pyproject's package-data), so that an
installed copy (the Docker image's `pip install .`) reads the same models and word lists."""

import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).parents[2]


def test_every_data_file_of_the_package_is_declared_package_data():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["etl"]
    data = [
        PurePosixPath(path.relative_to(ROOT / "etl").as_posix())
        for path in (ROOT / "etl").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc")
    ]
    assert data
    undeclared = [str(p) for p in data if not any(p.match(glob) for glob in globs)]
    assert undeclared == []
