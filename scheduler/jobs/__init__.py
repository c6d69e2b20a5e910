"""Scheduled jobs: each is `async def job(services) -> int` (how many things it did)."""
