"""The officer's morning digest, assembled from pluggable sections."""
