"""The deterministic screen engine: rule data (``rules/*.json``), normalisation, language detection,
screening a message (``message``) and reviewing a reply (``reply``). Standard library only; the public
names are re-exported by ``companion.safety``."""
