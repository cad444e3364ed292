"""Issue 16 in the window: the crisis script is on screen while a slow model is still loading, and
"Try another reply" on it says why it is not written again (offscreen, pytest-qt)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.safety.aftercare import NOT_REGENERATED
from tests.safety.test_instant_crisis import SlowLoadingBackend
from tests.safety.test_safety_conversation import IMMINENT
from tests.test_ui_safety import create_profile, make_root  # noqa: F401 - the fixture


def test_the_script_is_painted_while_the_model_loads(qtbot, make_root) -> None:  # noqa: ANN001, F811
    backend = SlowLoadingBackend(load_seconds=4.0)
    root = make_root(backend=backend)
    create_profile(qtbot, root)
    chat = root.window.chat_view
    qtbot.keyClicks(chat.input, IMMINENT["en"])
    qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)

    def script_shown() -> bool:
        bubbles = chat.messages.bubbles()
        return bool(bubbles) and bubbles[-1].role == "assistant" and "116 123" in bubbles[-1].text()

    qtbot.waitUntil(script_shown, timeout=2000)
    assert not backend.loaded.is_set()  # still loading: the script did not wait for it
    qtbot.waitUntil(lambda: chat.regenerate_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(chat.regenerate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: NOT_REGENERATED.get("en") in chat.messages.bubbles()[-1].note.text(), timeout=5000)
    assert "116 123" in chat.messages.bubbles()[-1].text()
