"""Test helpers: a controllable clock, a chat driver over the real dispatcher, seeded data."""
