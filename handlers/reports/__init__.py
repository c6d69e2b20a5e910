"""Self-service reports (自助报案): templates for simple cases, an instant receipt, follow-ups."""
