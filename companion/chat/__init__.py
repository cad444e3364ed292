"""Talking with the model: a profile's session, the reply events, the model thread, prompts and memory."""
