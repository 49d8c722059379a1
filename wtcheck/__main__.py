"""``python -m wtcheck`` runs the command line."""

from wtcheck.cli import main

main()
