"""jingmin (警民通): a bot server connecting community police officers with their beat."""
