"""Local language models: the only package that imports ``llama_cpp``; it imports nothing of ours."""

from models.backend import ChatBackend, GenerationOptions, ModelInfo, ModelLoadError
from models.locate import embedded_model_path, resolve_model_path

__all__ = [
    "ChatBackend",
    "GenerationOptions",
    "ModelInfo",
    "ModelLoadError",
    "embedded_model_path",
    "resolve_model_path",
]


def open_llama_backend(path, **kwargs):  # noqa: ANN001, ANN201 - thin lazy factory
    """Create the llama.cpp backend; importing llama_cpp is deferred so the app opens without it."""
    from models.llama_backend import LlamaBackend

    return LlamaBackend(path, **kwargs)
