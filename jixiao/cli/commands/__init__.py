"""One module per sub-command (discovered by name; see ``jixiao.cli.main``)."""
