"""The llama.cpp backend. Every method must be called from the one worker thread that owns it:
llama-cpp-python is not thread-safe (its issues #471, #1995)."""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import llama_cpp
from llama_cpp._internals import LlamaModel
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from models.backend import ChatMessage, GenerationOptions, ModelInfo, ModelLoadError, PromptStats
from models.budget import choose_first_turn
from models.context import choose_context_size
from models.llama_logging import install_log_callback, quiet_python_prints
from models.machine import physical_cores

log = logging.getLogger(__name__)

# Used only when a GGUF carries no chat template; the fallback is logged and shown, never silent.
CHATML_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
GEMMA_TEMPLATE = (
    # System text goes into the next user turn (Gemma has no system role), then is emptied.
    "{{ bos_token }}{% set ns = namespace(system='') %}{% for message in messages %}"
    "{% if message.role == 'system' %}{% set ns.system = ns.system + message.content + '\\n\\n' %}"
    "{% else %}<start_of_turn>{{ 'model' if message.role == 'assistant' else 'user' }}\n"
    "{% if message.role == 'user' %}{{ ns.system }}{% set ns.system = '' %}{% endif %}"
    "{{ message.content }}<end_of_turn>\n{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)
# Template overhead per message (role markers); only needs to be a safe over-estimate.
_PER_MESSAGE_OVERHEAD = 8
# Model states of recent conversations kept in memory (never on disk), so switching back to one does
# not re-read its history. A state is the KV cache's used cells: ~23 KB per token for a 135M model.
_MAX_STATES = 4
_MAX_STATE_BYTES = 768 * 1024 * 1024
# Only a prompt that keeps less than this share of what is evaluated counts as "another conversation".
_SWITCH_SHARE = 0.5


def read_metadata(path: Path) -> dict[str, str]:
    """The GGUF key/values, reading the vocabulary only (no weights, no context)."""
    params = llama_cpp.llama_model_default_params()
    params.vocab_only = True
    model = LlamaModel(path_model=str(path), params=params, verbose=True)
    try:
        return dict(model.metadata())
    finally:
        model.close()


def _is_gguf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"GGUF"
    except OSError:
        return False


class LlamaBackend:
    def __init__(self, path: str | Path, *, n_ctx: int | None = None, n_threads: int | None = None,
                 n_batch: int = 512, max_context: int = 8192, n_gpu_layers: int = 0) -> None:
        self.path = Path(path)
        self._requested_ctx = n_ctx
        self._n_threads = n_threads or physical_cores()
        self._n_batch = n_batch
        self._max_context = max_context
        self._n_gpu_layers = n_gpu_layers
        self._llm: llama_cpp.Llama | None = None
        self._formatter: Jinja2ChatFormatter | None = None
        self._add_bos = False
        self._evaluated: list[int] = []  # tokens whose KV entries llama.cpp currently holds
        self._states: list[tuple[list[int], bytes]] = []  # saved (tokens, llama state), oldest first
        self.info: ModelInfo | None = None
        self.last_stats: PromptStats | None = None
        self.default_options: GenerationOptions | None = None  # the model's settings, set by its owner

    # -- life cycle ----------------------------------------------------------------------------
    def load(self) -> ModelInfo:
        if not self.path.is_file():
            raise ModelLoadError(f"The model file {self.path.name} was not found.")
        if not _is_gguf(self.path):
            raise ModelLoadError(f"{self.path.name} is not a GGUF model file.")
        install_log_callback()
        try:
            # verbose=True: with verbose=False llama-cpp-python redirects the whole process's stdout and
            # stderr file descriptors while it loads. Its Python-level prints during construction go to
            # our log instead, and llama.cpp's own lines through install_log_callback().
            with quiet_python_prints():
                metadata = read_metadata(self.path)
                n_ctx = self._requested_ctx or choose_context_size(metadata, self._max_context)
                self._llm = llama_cpp.Llama(
                    str(self.path),
                    n_ctx=n_ctx,
                    n_threads=self._n_threads,
                    n_threads_batch=self._n_threads,
                    n_batch=min(self._n_batch, n_ctx),
                    n_gpu_layers=self._n_gpu_layers,
                    verbose=True,
                )
            self._llm.verbose = False  # no per-call prints from here on (and no fd redirection)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelLoadError(f"The model {self.path.name} could not be loaded: {exc}") from exc
        template = metadata.get("tokenizer.chat_template")
        warning = ""
        if template:
            source = "gguf"
        elif metadata.get("general.architecture", "").startswith("gemma"):
            # Gemma GGUFs without a template (Gemma 3 270M) still use Gemma's turn markers.
            template, source = GEMMA_TEMPLATE, "gemma"
            warning = "This model has no chat template; Gemma's usual one is used."
            log.warning("%s: %s", self.path.name, warning)
        else:
            template, source = CHATML_TEMPLATE, "chatml"
            warning = "This model has no chat template; a generic one (ChatML) is used and replies may be poor."
            log.warning("%s: %s", self.path.name, warning)
        llm = self._llm
        eos = llm._model.token_get_text(llm.token_eos()) if llm.token_eos() != -1 else ""
        bos = llm._model.token_get_text(llm.token_bos()) if llm.token_bos() != -1 else ""
        self._formatter = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos)
        self._add_bos = False
        self.info = ModelInfo(
            name=metadata.get("general.name") or self.path.stem,
            path=str(self.path),
            n_ctx=llm.n_ctx(),
            n_threads=self._n_threads,
            chat_template=source,
            template_warning=warning,
            parameter_count=int(llm._model.n_params()),  # from the loaded weights: no extra work
        )
        return self.info

    def close(self) -> None:
        if self._llm is not None:
            self.clear_memory()
            self._llm.close()
            self._llm = None

    def clear_memory(self) -> None:
        """Forget the conversation: reset the token history and wipe the KV memory's contents."""
        if self._llm is None:
            return
        self._llm.reset()
        memory = llama_cpp.llama_get_memory(self._llm._ctx.ctx)
        llama_cpp.llama_memory_clear(memory, True)
        self._evaluated = []
        self._states = []  # the saved states hold conversations too

    # -- saved states of recent conversations (memory only) ------------------------------------
    def _save_state(self) -> None:
        assert self._llm is not None
        tokens = list(self._evaluated)
        if len(tokens) < 64 or any(saved == tokens for saved, _ in self._states):
            return
        ctx = self._llm._ctx.ctx
        size = llama_cpp.llama_state_get_size(ctx)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_get_data(ctx, buffer, size)
        self._states.append((tokens, bytes(buffer)[:written]))
        while len(self._states) > _MAX_STATES or (
                len(self._states) > 1 and sum(len(data) for _, data in self._states) > _MAX_STATE_BYTES):
            self._states.pop(0)

    def _restore_state(self, index: int) -> None:
        assert self._llm is not None
        tokens, data = self._states.pop(index)
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if llama_cpp.llama_state_set_data(self._llm._ctx.ctx, buffer, len(data)) != len(data):
            raise RuntimeError("restoring a saved model state failed")
        self._llm.input_ids[: len(tokens)] = tokens
        self._llm.n_tokens = len(tokens)
        self._llm._requires_eval = True  # the logits must come from a fresh decode
        self._evaluated = tokens

    def _best_start(self, tokens: list[int]) -> tuple[int, bool]:
        """Make llama.cpp hold the state that shares the longest prefix with ``tokens``: the current
        one, or a saved one (the current one is saved first when the prompt belongs elsewhere).
        Returns the tokens reused and whether a saved state was restored."""
        reused = _common_prefix(self._evaluated, tokens[:-1])
        best, best_index = reused, -1
        for index, (saved, _) in enumerate(self._states):
            shared = _common_prefix(saved, tokens[:-1])
            if shared > best + 32:
                best, best_index = shared, index
        switching = reused < len(self._evaluated) * _SWITCH_SHARE
        if best_index >= 0 or switching:
            self._save_state()
        if best_index >= 0:
            # The list may have lost its oldest entry while saving; find the chosen one again.
            index = next(i for i, (saved, _) in enumerate(self._states)
                         if _common_prefix(saved, tokens[:-1]) == best)
            self._restore_state(index)
            return best, True
        return reused, False

    def warm_up(self, prefix: Sequence[ChatMessage]) -> int:
        """Read the fixed start of every prompt (the system prompt) now, right after loading, so the
        first reply only has to read the person's message; or, after a long conversation was folded,
        its new start while the person is still typing. Returns the tokens evaluated."""
        if self._llm is None or not prefix:
            return 0
        # The tokens two different conversations share are exactly the fixed prefix, whatever the template.
        a, _ = self._render([*prefix, ChatMessage("user", "a")])
        b, _ = self._render([*prefix, ChatMessage("user", "b")])
        shared = 0
        for x, y in zip(a, b):
            if x != y:
                break
            shared += 1
        if shared < 2:
            return 0
        target = a[: shared - 1]
        # Only what the model does not already hold is read (after a fold: the new start of the prompt).
        reused = _common_prefix(self._evaluated, target)
        if reused < len(self._evaluated) * _SWITCH_SHARE:
            self._save_state()
        if reused == len(target):
            return 0
        self._llm.n_tokens = reused  # eval() drops the KV entries from here on
        self._llm._requires_eval = True
        self._llm.eval(target[reused:])
        self._evaluated = list(self._llm._input_ids[: self._llm.n_tokens])
        return len(target) - reused

    # -- prompting -----------------------------------------------------------------------------
    def _tokens(self, text: str) -> list[int]:
        assert self._llm is not None
        return self._llm.tokenize(text.encode("utf-8", "replace"), add_bos=False, special=True)

    def _render(self, messages: Sequence[ChatMessage]) -> tuple[list[int], list[str]]:
        assert self._formatter is not None and self._llm is not None
        result = self._formatter(messages=[{"role": m.role, "content": m.content} for m in messages])
        tokens = self._llm.tokenize(result.prompt.encode("utf-8", "replace"),
                                    add_bos=not result.added_special, special=True)
        stop = result.stop if isinstance(result.stop, list) else [result.stop] if result.stop else []
        return tokens, [s for s in stop if s]

    def build_prompt(self, messages: Sequence[ChatMessage], reply_room: int) -> tuple[list[int], list[str], int]:
        """Tokens of the prompt that fits ``n_ctx - reply_room``, its stop strings, and the number of
        turns dropped. Never raises for length: the oldest whole turns go first, then (only for a
        single enormous message) the middle of the newest message is cut."""
        assert self._llm is not None
        budget = max(64, self._llm.n_ctx() - reply_room)
        system = [m for m in messages[:1] if m.role == "system"]
        rest = list(messages[len(system):])
        turns: list[list[ChatMessage]] = []
        for message in rest:
            if message.role == "user" or not turns:
                turns.append([message])
            else:
                turns[-1].append(message)
        fixed = sum(len(self._tokens(m.content)) + _PER_MESSAGE_OVERHEAD for m in system)
        turn_tokens = [sum(len(self._tokens(m.content)) + _PER_MESSAGE_OVERHEAD for m in turn) for turn in turns]
        first = choose_first_turn(turn_tokens, fixed, budget, block_tokens=max(64, budget // 4))
        while True:
            kept = [m for turn in turns[first:] for m in turn]
            tokens, stop = self._render(system + kept)
            if len(tokens) <= budget:
                return tokens, stop, first
            if first < len(turns) - 1:
                first += 1
                continue
            # One message alone is too long: keep its beginning and end, cut the middle.
            last = kept[-1]
            keep = max(16, int(len(last.content) * budget / len(tokens) * 0.9) // 2)
            if len(last.content) <= 2 * keep:
                keep = len(last.content) // 2 - 1
            turns[-1] = turns[-1][:-1] + [ChatMessage(last.role, last.content[:keep] + "\n…\n" + last.content[-keep:])]

    def stream(self, messages: Sequence[ChatMessage], options: GenerationOptions,
               cancel: threading.Event) -> Iterator[str]:
        """Yield the reply's text pieces; stops between tokens once ``cancel`` is set."""
        if self._llm is None:
            raise ModelLoadError("The model is not loaded.")
        tokens, stop, dropped = self.build_prompt(messages, reply_room=options.max_tokens)
        reused, restored = self._best_start(tokens)
        self.last_stats = PromptStats(len(tokens), reused, dropped, restored)
        chunks = self._llm.create_completion(
            tokens,
            max_tokens=options.max_tokens,
            temperature=options.temperature,
            top_p=options.top_p,
            repeat_penalty=options.repeat_penalty,
            seed=options.seed,
            stop=stop,
            stream=True,
        )
        try:
            for chunk in chunks:
                text = chunk["choices"][0]["text"]
                if text:
                    yield text
                if cancel.is_set():
                    break
        finally:
            chunks.close()
            # What llama.cpp now holds: the prompt plus whatever it generated.
            self._evaluated = list(self._llm._input_ids[: self._llm.n_tokens])


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    return shared
