"""One module per self-check, each exposing `INSTRUMENT`; modules starting with "_" are shared parts."""
