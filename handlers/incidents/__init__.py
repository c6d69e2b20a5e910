"""Officers' incident commands: `/警情` (enter one) and `/警情趋势` (the seven-day warning)."""
