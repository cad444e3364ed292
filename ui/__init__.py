"""The desktop interface (PySide6 lives only here). It renders what the core decides."""
