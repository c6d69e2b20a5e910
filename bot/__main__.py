"""`python -m bot` is the `jingmin` command."""

from bot.cli.main import main

main()
