"""Residents' tips: anonymous by default, two-way through the bot, routed to the right beat."""
