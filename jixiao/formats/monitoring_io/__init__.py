"""Monitoring (绩效运行监控) files: monthly figures read from CSV/XLSX with a Chinese error per
row, merged into monitoring forms, and the 绩效运行监控表 written to XLSX/PDF through a layout
described as data (``monitoring.json``), drawn by the same renderers as the official forms."""

from jixiao.formats.monitoring_io.merge import MergeOutcome, apply_rows
from jixiao.formats.monitoring_io.reading import (
    FigureRow,
    MonitoringImportFailure,
    MonthlyImport,
    RowError,
    read_monthly_figures,
    template_csv,
)
from jixiao.formats.monitoring_io.sheet import (
    monitoring_html_table,
    monitoring_sheet,
    write_monitoring_pdf,
    write_monitoring_xlsx,
)

__all__ = [
    "FigureRow",
    "MergeOutcome",
    "MonitoringImportFailure",
    "MonthlyImport",
    "RowError",
    "apply_rows",
    "monitoring_html_table",
    "monitoring_sheet",
    "read_monthly_figures",
    "template_csv",
    "write_monitoring_pdf",
    "write_monitoring_xlsx",
]
