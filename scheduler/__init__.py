"""Background work: outbox delivery and scheduled jobs."""
