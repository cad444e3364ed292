"""Versioned rule data for the safety screen and the reply guard (JSON). A package only so that
built wheels include the files (package data "*.json")."""
