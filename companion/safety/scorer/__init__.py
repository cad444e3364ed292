"""The learned risk scorer beside the rules (issue 16). See ``runtime.py`` for the interface the app uses."""
