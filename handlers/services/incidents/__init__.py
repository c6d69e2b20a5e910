"""Incidents (警情): import, the seven-day moving-average warning, its chart and notices."""
