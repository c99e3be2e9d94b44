"""Realistic demo data for a province: organisations and forms generated deterministically
from a seed, in pure Python (no Django). :mod:`jixiao.web.dashboards` loads them in bulk."""
