"""The two forms a budget unit files, as typed models.

``DepartmentForm`` is the 部门整体支出绩效自评表 (Guangzhou layout, as in the seed);
``ProjectForm`` is the 项目支出绩效自评表 (MoF 2020 layout). Both round-trip through JSON with
money as decimal strings and rates as percent decimal strings.
"""

from jixiao.core.model.declaration import (
    DeclarationFunds,
    DeclarationIndicator,
    TargetDeclarationForm,
)
from jixiao.core.model.department import (
    AnnualGoals,
    DepartmentForm,
    DepartmentFunds,
    KeyProject,
    RubricIndicator,
    SpendingBySource,
    Task,
    TaskIndicator,
)
from jixiao.core.model.project import (
    FundsRow,
    ProjectForm,
    ProjectFunds,
    ProjectIndicator,
    QualitativeRating,
)
from jixiao.core.model.types import Money, Rate

__all__ = [
    "AnnualGoals",
    "DeclarationFunds",
    "DeclarationIndicator",
    "DepartmentForm",
    "DepartmentFunds",
    "FundsRow",
    "KeyProject",
    "Money",
    "ProjectForm",
    "ProjectFunds",
    "ProjectIndicator",
    "QualitativeRating",
    "Rate",
    "RubricIndicator",
    "SpendingBySource",
    "TargetDeclarationForm",
    "Task",
    "TaskIndicator",
]
