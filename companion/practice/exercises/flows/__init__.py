"""One module per exercise or card, each exposing `FLOW`."""
