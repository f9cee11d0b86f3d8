"""The data dictionary page: the star schema drawn (facts, their dimensions, the bridges) and
each table's grain, key and columns, all from the table registry, the same text DuckDB holds
as comments."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from etl.warehouse.registry import TABLES, VIEWS, Table

# Drawing: three columns of boxes, facts in the middle.
BOX_WIDTH, BOX_HEIGHT, ROW_GAP, COLUMN_X = 190, 34, 16, (20, 330, 640)


@dataclass(frozen=True)
class Box:
    name: str
    x: int
    y: int

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + BOX_WIDTH // 2, self.y + BOX_HEIGHT // 2


def role(t: Table) -> str:
    if not t.analyst:
        return "operational"
    if t.name.startswith("fct_"):
        return "fact"
    if t.name.startswith("dim_"):
        return "dimension"
    return "bridge"


def star_svg() -> str:
    """Dimensions left, facts centre, bridges right; a line for every key a table refers to."""
    columns = {"dimension": 0, "fact": 1, "bridge": 2}
    rows = {0: 0, 1: 0, 2: 0}
    boxes: dict[str, Box] = {}
    for t in TABLES:
        if role(t) not in columns:
            continue
        column = columns[role(t)]
        boxes[t.name] = Box(t.name, COLUMN_X[column], 20 + rows[column] * (BOX_HEIGHT + ROW_GAP))
        rows[column] += 1
    height = 40 + max(rows.values()) * (BOX_HEIGHT + ROW_GAP)
    lines = []
    for t in TABLES:
        for target in (t.references or {}).values():
            if t.name in boxes and target in boxes and target != t.name:
                (x1, y1), (x2, y2) = _ends(boxes[t.name], boxes[target])
                lines.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="ref"/>')
    shapes = [
        f'<g class="{role_of(name)}"><rect x="{b.x}" y="{b.y}" width="{BOX_WIDTH}" '
        f'height="{BOX_HEIGHT}" rx="5"/><text x="{b.x + 10}" y="{b.y + 22}">'
        f'<a href="#{name}">{escape(name)}</a></text></g>'
        for name, b in boxes.items()
    ]
    return (
        f'<svg id="star" xmlns="http://www.w3.org/2000/svg" width="{COLUMN_X[2] + BOX_WIDTH + 20}"'
        f' height="{height}" role="img" aria-label="star schema">'
        + "".join(lines)
        + "".join(shapes)
        + "</svg>"
    )


def _ends(a: Box, b: Box) -> tuple[tuple[int, int], tuple[int, int]]:
    """A line between facing edges: side by side across columns, top and bottom within one."""
    (ax, ay), (bx, by) = a.centre, b.centre
    if a.x == b.x:
        half = BOX_HEIGHT // 2 if by > ay else -(BOX_HEIGHT // 2)
        return (ax, ay + half), (bx, by - half)
    half = BOX_WIDTH // 2 if bx > ax else -(BOX_WIDTH // 2)
    return (ax + half, ay), (bx - half, by)


def role_of(name: str) -> str:
    return role(next(t for t in TABLES if t.name == name))


def dictionary_rows() -> list[dict]:
    """Each table and view with its grain, role, key and columns, for the page."""
    rows = [
        {
            "name": t.name,
            "role": role(t),
            "grain": t.grain,
            "key": ", ".join(t.key),
            "columns": [
                {"name": column, "meaning": meaning, "references": (t.references or {}).get(column)}
                for column, meaning in t.columns.items()
            ],
        }
        for t in TABLES
    ]
    rows += [
        {"name": v.name, "role": "view", "grain": v.grain, "key": "",
         "columns": [{"name": c, "meaning": m, "references": None} for c, m in v.columns.items()]}
        for v in VIEWS
    ]  # fmt: skip
    return rows
