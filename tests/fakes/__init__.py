"""Stand-ins for the platforms on the other side of the wire, speaking their real protocols."""
