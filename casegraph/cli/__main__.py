"""`python -m casegraph.cli` runs the command, as the `casegraph` script does."""

from casegraph.cli import main

main()
