"""Venues' fire-safety self-inspection (隐患自查) and the officers' review of it."""
