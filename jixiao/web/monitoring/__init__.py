"""绩效运行监控: monthly figures per unit and project, the monitoring form, early warnings and
the daily summary."""
