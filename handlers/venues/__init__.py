"""Officers' chat commands about venues: plates, venue records, risk ratings."""
