"""Realistic demo data for a province: organisations and forms generated deterministically
from a seed, in pure Python (no Django). :mod:`jixiao.web.dashboards` loads them in bulk."""

from pathlib import Path

#: The published seed form (see ``data/README.md`` for its provenance), shipped with the package
#: so that the demo and the tests need nothing beside the clone.
SEED_TEXT = Path(__file__).parent / "data" / "tianhe_zhengfawei_2022.txt"

#: The password every demo user starts with (``manage.py load_demo``); outside debug a demo
#: user must change it at the first login.
DEMO_PASSWORD = "jixiao-demo"
