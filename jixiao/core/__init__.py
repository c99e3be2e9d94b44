"""The jixiao domain core: pure Python, no Django, no files.

Everything that computes or judges a form lives here so that the web layer, the importers and
the exporters all agree on one implementation.
"""
