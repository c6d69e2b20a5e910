"""Persistence: the SQLModel schema, the async engine, field encryption and migrations."""
