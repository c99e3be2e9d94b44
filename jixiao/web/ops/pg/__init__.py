"""PostgreSQL as jixiao uses it: Django's backend, waiting out a restart (see :mod:`.base`)."""
