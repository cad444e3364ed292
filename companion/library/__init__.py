"""The model library: which GGUF models are installed, which one is in use (``choice``), and its CLI."""
