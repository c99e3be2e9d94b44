"""The ``jixiao`` console command. Each sub-command is a module in ``commands``."""
