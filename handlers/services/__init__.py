"""Feature logic shared by chat handlers, scheduled jobs and the CLI."""
