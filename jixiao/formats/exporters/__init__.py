"""Exporters: one module per target format, each registering itself."""
