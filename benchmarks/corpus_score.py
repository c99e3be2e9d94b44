"""Scoring imports against hand-made truth files (the development corpus's format).

A truth file (``truth/<id>.json``) names its document (``raw_file``) and holds, as printed, the
identity (department, project, year, money unit), the funds figures, the totals and the
indicators (name, target, actual, weight, score). Every non-null truth value is one figure; the
import's value for it is *right*, *wrong* or *missing*. A figure the import holds that is
printed nowhere in the document is *invented*; a document the importer refused is *rejected*,
one it crashed on is a *crash*. Totals are kept per layout family (the truth's
``layout_family`` up to its first space).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jixiao.core.serialization import form_to_data
from jixiao.formats.importing import ImportFailure, import_path
from jixiao.formats.tableread.fold import fold

FIELDS = ("right", "wrong", "missing")


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    missing: int = 0
    invented: int = 0
    rejected: int = 0
    crashes: int = 0
    documents: int = 0

    @property
    def present(self) -> int:
        return self.right + self.wrong + self.missing

    def add(self, other: Tally) -> None:
        for name in ("right", "wrong", "missing", "invented", "rejected", "crashes", "documents"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class DocumentScore:
    id: str
    family: str
    tally: Tally
    outcome: str  # "read", "rejected: …", "crash: …"
    wrong: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split())


def _printed(value: Any) -> str:
    """A truth value without the transcriber's notes: ``10 (printed 'IO')`` → ``10``."""
    text = str(value)
    for cut in (" (", "; "):
        if cut in text:
            text = text.split(cut)[0]
    return text.strip()


def _number(value: Any) -> Decimal | None:
    if value is None:
        return None
    text = _text(value).replace(",", "")
    text = re.sub(r"(万元|元|%|分)$", "", text)
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _same(truth: Any, got: Any) -> bool:
    t, g = _number(truth), _number(got)
    if t is not None and g is not None:
        return t == g
    return fold(_text(truth)) == fold(_text(got))


def _target(indicator: dict[str, Any]) -> str:
    """An indicator's target as one string: operator, value and unit."""
    nature = indicator.get("nature") or indicator.get("operator") or ""
    value = str(indicator.get("target") or indicator.get("initial_target") or "")
    unit = indicator.get("unit") or ""
    text = value
    if nature in ("≥", "≤", "=", ">", "<", "﹦") and not value.startswith(nature):
        text = nature + text
    if unit and unit not in value and (nature or not value):
        text += unit
    return fold(_text(text))


def _indicators(form: dict[str, Any]) -> list[dict[str, Any]]:
    if form.get("form_type") == "project":
        return list(form.get("indicators") or [])
    found = list(form.get("indicators") or [])
    for task in form.get("tasks") or []:
        found += task.get("indicators") or []
    return found


def _funds(form: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    funds = form.get("funds") or {}
    if form.get("form_type") != "project":
        keys = (
            "initial_budget",
            "adjusted_budget",
            "actual_spending",
            "adjustment",
            "completion_rate",
            "adjustment_rate",
        )
        out = {k: funds.get(k) for k in keys}
        out["budget_weight"] = funds.get("weight")
        out["budget_score"] = funds.get("score")
        return out
    row_name = "total"
    if "本年财政拨款" in (truth.get("figures_source_note") or ""):
        row_name = "current_year_appropriation"
    row = funds.get(row_name) or {}
    return {
        "initial_budget": row.get("initial_budget"),
        "adjusted_budget": row.get("annual_budget"),
        "actual_spending": row.get("executed"),
        "completion_rate": funds.get("execution_rate"),
        "budget_weight": funds.get("weight"),
        "budget_score": funds.get("score"),
    }


def _figures(truth: dict[str, Any], form: dict[str, Any]) -> Iterator[tuple[str, Any, Any, str]]:
    """(name, truth, imported, kind) for every figure the truth holds."""
    if truth.get("department") and "inferred" not in truth["department"]:
        yield "department", _printed(truth["department"]), form.get("department"), "text"
    if truth.get("kind") == "project" and truth.get("project"):
        project = _printed(truth["project"])
        if not project.startswith("all "):
            yield "project", project, form.get("project_name"), "text"
    if truth.get("year") is not None:
        yield "year", truth["year"], form.get("year"), "number"
    if truth.get("unit"):
        yield "money_unit", _printed(truth["unit"]), form.get("money_unit"), "text"
    funds = _funds(form, truth)
    for key, got in funds.items():
        if truth.get(key) is not None:
            yield f"funds.{key}", truth[key], got, "number"
    if truth.get("overall_score") is not None:
        got = form.get("total_score", form.get("overall_score"))
        yield "overall_score", truth["overall_score"], got, "number"
    if truth.get("indicator_count") is not None:
        yield "indicator_count", truth["indicator_count"], len(_indicators(form)) or None, "number"
    if truth.get("task_count") is not None and form.get("form_type") != "project":
        yield "task_count", truth["task_count"], len(form.get("tasks") or []) or None, "number"
    got_rows = _indicators(form)
    truth_names = {fold(_text(row["name"])) for row in truth.get("indicators") or []}
    # A row matched by name to some truth row is never also someone's positional match.
    by_name = {j for j, g in enumerate(got_rows) if fold(_text(g.get("name") or "")) in truth_names}
    used: set[int] = set()
    for n, row in enumerate(truth.get("indicators") or []):
        match = next(
            (
                j
                for j, g in enumerate(got_rows)
                if j not in used and fold(_text(g.get("name") or "")) == fold(_text(row["name"]))
            ),
            None,
        )
        if match is None and n < len(got_rows) and n not in used and n not in by_name:
            match = n
        got = got_rows[match] if match is not None else {}
        if match is not None:
            used.add(match)
        yield f"ind[{n}].name", _printed(row["name"]), got.get("name"), "text"
        if (row.get("target") or row.get("initial_target")) is not None:
            yield f"ind[{n}].target", _target(row), _target(got) if got else None, "target"
        for key in ("actual", "weight", "score"):
            if row.get(key) is not None:
                yield f"ind[{n}].{key}", _printed(row[key]), got.get(key), "text"


def _form_numbers(form: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    funds = form.get("funds") or {}
    for key, value in funds.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                yield f"funds.{key}.{sub}", v
        elif not isinstance(value, list):
            yield f"funds.{key}", value
    for n, row in enumerate(_indicators(form)):
        for key in ("weight", "score"):
            yield f"ind[{n}].{key}", row.get(key)
    yield "total_score", form.get("total_score")


def invented(form: dict[str, Any], source_text: str) -> list[str]:
    """The figures of ``form`` that are printed nowhere in ``source_text``."""
    printed = {
        _number(n)
        for n in re.findall(r"\d[\d,]*(?:\.\d+)?", unicodedata.normalize("NFKC", source_text))
    }
    out = []
    for name, value in _form_numbers(form):
        number = _number(value) if isinstance(value, str) and value else None
        if (
            number is not None
            and number not in printed
            and number.normalize() not in {p.normalize() for p in printed if p is not None}
        ):
            out.append(f"{name}={value}")
    return out


def score_document(truth_path: Path, root: Path) -> DocumentScore:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    raw = root / truth.get("raw_file", f"raw/{truth_path.stem}.txt")
    family = str(truth.get("layout_family") or "unknown").split(" ")[0]
    tally = Tally(documents=1)
    try:
        results = import_path(raw)
        forms = [form_to_data(r.form) for r in results]
        outcome = "read"
    except ImportFailure as exc:
        forms, outcome = [], f"rejected: {exc.message}"
        tally.rejected = 1
    except Exception as exc:  # a crash is what the bench exists to count
        forms, outcome = [], f"crash: {type(exc).__name__}: {exc}"
        tally.crashes = 1
    best: tuple[int, dict[str, Any]] = (-1, {})
    for form in forms or [{}]:
        rights = sum(
            1
            for _, t, g, k in _figures(truth, form)
            if g is not None and _verdict(t, g, k) == "right"
        )
        if rights > best[0]:
            best = (rights, form)
    form = best[1]
    wrong: list[str] = []
    for name, t, g, kind in _figures(truth, form):
        verdict = "missing" if g is None or g == "" else _verdict(t, g, kind)
        setattr(tally, verdict, getattr(tally, verdict) + 1)
        if verdict == "wrong":
            wrong.append(f"{name}: {t} ≠ {g}")
    text = raw.read_text(encoding="utf-8", errors="replace") if raw.suffix == ".txt" else None
    if text is not None:
        for other in forms:
            found = invented(other, text)
            tally.invented += len(found)
            wrong += [f"invented {f}" for f in found]
    return DocumentScore(truth_path.stem, family, tally, outcome, wrong)


def _verdict(truth: Any, got: Any, kind: str) -> str:
    if kind == "target":
        return (
            "right"
            if truth == got or (_number(truth) is not None and _number(truth) == _number(got))
            else "wrong"
        )
    return "right" if _same(truth, got) else "wrong"


def score_corpus(root: Path) -> list[DocumentScore]:
    return [score_document(p, root) for p in sorted((root / "truth").glob("*.json"))]
