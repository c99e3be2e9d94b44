"""绩效目标申报: a department's targets for a year, written with the live quality check."""
