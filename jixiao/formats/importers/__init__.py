"""Importers: one module per source format, each registering itself."""
