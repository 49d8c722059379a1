"""One module per command: each takes its typed request, gets what the run reads
(:mod:`wtcheck.shell.inputs`), builds its model (:mod:`wtcheck.models`) from the runner's
results, hands it to a format (:mod:`wtcheck.formats.registry`) and returns the exit code.
The command line (:mod:`wtcheck.cli`) only gathers options into requests."""
