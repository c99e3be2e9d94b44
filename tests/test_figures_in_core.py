"""Every figure is computed in ``jixiao/core`` and only there: the web and formats layers, their
templates and scripts show what the core computed. This reads their source and fails on the
arithmetic the rule forbids, with the line that does it:

* an arithmetic operator (``+ - * / // % **``), ``sum(…)`` or ``abs(…)`` whose operand is a
  ``Decimal(…)`` or one of the core's money constants (``HUNDRED``, ``ZERO``): money and rates
  are Decimals, so a Decimal in a sum is a figure being computed;
* importing the core's computing helpers (``percent``, ``round_money``, ``round_rate``,
  ``in_money_unit``, ``HUNDRED``, ``ZERO``) or ``jixiao.core.computations`` anywhere but the
  one module that lays the core's figures out as spreadsheet formulas;
* in templates, Django's arithmetic filters (``widthratio``, ``|add:`` a number,
  ``|floatformat``);
  in scripts, a figure turned into a number (``parseFloat``/``Number(``) to be computed with.

Counting rows (``sum(1 for …)``), layout geometry (PDF coordinates, column widths) and byte
sizes are not figures and use ints and floats, which this does not flag.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[1] / "jixiao"
LAYERS = [ROOT / "web", ROOT / "formats"]
COMPUTING = {"percent", "round_money", "round_rate", "in_money_unit", "HUNDRED", "ZERO"}
CONSTANTS = {"HUNDRED", "ZERO"}
# Where a rule is knowingly not followed, and why.
ALLOWED = {
    # Lays the core's derived figures out as spreadsheet formulas; the values are the core's.
    ("formats/layouts/derived.py", "computations"),
    # Writes the demo's monthly spending (input data a unit would type), not a figure it shows.
    ("web/monitoring/demo.py", "arithmetic"),
}


def _python_files() -> list[Path]:
    return [p for layer in LAYERS for p in layer.rglob("*.py") if "migrations" not in p.parts]


def _is_decimal(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "Decimal"
    return isinstance(node, ast.Name) and node.id in CONSTANTS


def _computes(node: ast.AST) -> bool:
    """Decimal arithmetic: an operator, sum() or abs() over a Decimal or a money constant."""
    if isinstance(node, ast.BinOp):
        return _is_decimal(node.left) or _is_decimal(node.right)
    if isinstance(node, ast.AugAssign):
        return _is_decimal(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in {"sum", "abs"} and any(_is_decimal(a) for a in node.args)
    return False


def _imports_computing(node: ast.AST) -> str:
    if not isinstance(node, ast.ImportFrom):
        return ""
    names = {alias.name for alias in node.names}
    if node.module == "jixiao.core.money":
        return ", ".join(sorted(names & COMPUTING))
    if node.module == "jixiao.core" and "computations" in names:
        return "jixiao.core.computations"
    return ""


def _offences(path: Path, root: Path = ROOT) -> list[tuple[str, int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if _computes(node):
            found.append(("arithmetic", getattr(node, "lineno", 0), ast.unparse(node)))
        elif imported := _imports_computing(node):
            found.append(("computations", getattr(node, "lineno", 0), imported))
    relative = path.relative_to(root).as_posix()
    return [
        (f"{relative}:{line}", line, what)
        for kind, line, what in found
        if (relative, kind) not in ALLOWED
    ]


def test_web_and_formats_compute_no_figure() -> None:
    offences = [o for path in _python_files() for o in _offences(path)]
    assert not offences, "arithmetic on figures outside jixiao/core: " + "; ".join(
        f"{where} {what}" for where, _, what in offences
    )


TEMPLATE_ARITHMETIC = re.compile(r"widthratio|\|floatformat|\|add:\s*-?\d")
SCRIPT_ARITHMETIC = re.compile(r"parseFloat\(|Number\(")


def test_templates_and_scripts_compute_no_figure() -> None:
    offences = []
    for path in ROOT.rglob("*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # |length|add:4 counts table rows (a rowspan), not a figure.
            if TEMPLATE_ARITHMETIC.search(line.replace("|length|add:", "|length|plus:")):
                offences.append(f"{path.relative_to(ROOT)}:{number}")
    for path in ROOT.rglob("*.js"):
        if "vendor" in path.parts or path.name.endswith(".min.js"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SCRIPT_ARITHMETIC.search(line):
                offences.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offences, "arithmetic in templates or scripts: " + ", ".join(offences)


def test_the_check_sees_a_figure_computed_outside_the_core(tmp_path: Path) -> None:
    """The checker itself: each forbidden form is caught, counting rows is not."""
    code = (
        "from decimal import Decimal\n"
        "from jixiao.core.money import percent\n"
        "rate = spent * Decimal('100') / budget\n"
        "total = sum(values, Decimal('0'))\n"
        "errors = sum(1 for f in findings if f.error)\n"
    )
    path = tmp_path / "web" / "sample.py"
    path.parent.mkdir()
    path.write_text(code, encoding="utf-8")
    found = _offences(path, tmp_path)
    assert sorted(line for _, line, _ in found) == [2, 3, 4]
