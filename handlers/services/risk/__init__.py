"""Four-colour venue risk: rules over the data, officer and department ratings, combined."""
