"""Bundled crisis lines (JSON). A package only so that built wheels include the file."""
