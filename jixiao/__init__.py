"""jixiao (绩效): budget performance management for Chinese budget units.

Layout: ``core`` is the pure-Python domain (form model, money, computations, indicator parsing,
scoring, validation, workflow); ``formats`` reads and writes files; ``cli`` is the console
command; ``web`` is the Django application. Outer layers call the core, never the reverse.
"""

__version__ = "0.1.0"
