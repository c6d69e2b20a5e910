"""The `jingmin` command."""
