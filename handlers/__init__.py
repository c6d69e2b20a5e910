"""Features: each module is one router (or service) that takes neutral messages."""
