"""`python -m bot` is the `thorup-bot` command."""

from bot.cli import main

raise SystemExit(main())
