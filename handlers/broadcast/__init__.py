"""Broadcast alerts: composing, audiences, delivery records, acknowledgements, CAP."""
