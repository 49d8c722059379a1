"""``python -m wtcheck`` runs the command line."""

from wtcheck.console import main

main()
