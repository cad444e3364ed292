"""The Models page, driven as a person would, offscreen, with real model files (issue 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from companion import Companion, ModelState
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from tests.test_ui_chat import create_profile
from ui.main import AppRoot
from ui.models_view import ModelsView

pytestmark = pytest.mark.model


@pytest.fixture
def root(qtbot, home: Path):  # noqa: ANN001, ANN201
    core = Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF)
    app_root = AppRoot(QApplication.instance(), core)
    qtbot.addWidget(app_root.window)
    app_root.window.show()
    qtbot.waitExposed(app_root.window)
    create_profile(qtbot, app_root)
    yield app_root
    page = app_root.window.page("models")
    page.cancel()
    page.wait(120)
    app_root.shutdown()


def open_page(qtbot, root: AppRoot) -> ModelsView:  # noqa: ANN001
    qtbot.keyClick(root.window.chat_view.input, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = root.window.page("models")
    qtbot.waitUntil(lambda: root.window.pages.currentWidget() is page, timeout=3000)  # an animated click
    assert isinstance(page, ModelsView) and page.isVisible()
    return page


def rows(page: ModelsView) -> list[str]:
    return [page.list.item(i).text() for i in range(page.list.count())]


def idle(page: ModelsView) -> bool:
    return page._job is None  # noqa: SLF001 - the page's one background job (a BackgroundCall)


def test_ctrl7_opens_the_library_with_the_built_in_model_verified(qtbot, root: AppRoot) -> None:  # noqa: ANN001
    page = open_page(qtbot, root)
    qtbot.waitUntil(lambda: any("verified: SmolLM2 135M Instruct" in r for r in rows(page)), timeout=180_000)
    text = rows(page)[0]
    assert "Built in" in text and "llama 135M" in text and "needs about" in text
    assert not page.remove_button.isEnabled()  # the built-in model cannot be removed
    assert "cores" in page.machine_label.text()


def test_a_text_file_is_refused_in_one_calm_sentence(qtbot, root: AppRoot, home: Path) -> None:  # noqa: ANN001
    page = open_page(qtbot, root)
    qtbot.waitUntil(lambda: idle(page), timeout=180_000)
    notes = home / "notes.gguf"
    notes.write_text("not a model at all\n")
    page.import_path(notes)
    qtbot.waitUntil(lambda: idle(page), timeout=60_000)
    assert page.message.text() == ("This file is not a GGUF model, so it can't be used. Model files end in .gguf.")
    assert len(rows(page)) == 1  # only the built-in model
    root.window.show_page("talk")  # and the rest of the app still works
    assert root.window.chat_view.isVisible()


def test_drop_a_model_file_to_import_it_then_remove_it_after_one_question(
        qtbot, root: AppRoot, home: Path, embedded_model: Path, monkeypatch) -> None:  # noqa: ANN001
    page = open_page(qtbot, root)
    qtbot.waitUntil(lambda: idle(page), timeout=180_000)
    stick = home / "usb stick"
    stick.mkdir()
    source = stick / "my model.gguf"
    data = bytearray(embedded_model.read_bytes())
    data[-1] ^= 0xFF  # not the published file: allowed, labelled unverified
    source.write_bytes(bytes(data))
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    qtbot.waitUntil(lambda: idle(page), timeout=180_000)
    assert any(v > 0 for v in seen)
    imported = [r for r in rows(page) if "unverified" in r]
    assert len(imported) == 1 and "was added" in page.message.text()
    copy = next((home / "models").glob("my model*.gguf"))

    def answer(box: QMessageBox) -> None:
        assert "Remove Smollm2" in box.text() and "will be deleted" in box.text()
        next(b for b in box.findChildren(QPushButton) if b.text() == "Remove").click()

    page.list.setCurrentRow([i for i, r in enumerate(rows(page)) if "unverified" in r][0])
    page.remove_selected()
    box = page.findChild(QMessageBox, "removeModel")
    answer(box)
    qtbot.waitUntil(lambda: len(rows(page)) == 1, timeout=10_000)
    assert not copy.exists() and source.exists()


def test_settings_save_and_reset_to_recommended(qtbot, root: AppRoot) -> None:  # noqa: ANN001
    page = open_page(qtbot, root)
    qtbot.waitUntil(lambda: idle(page) and page.settings_box.isEnabled(), timeout=180_000)
    recommended = page.temperature.value(), page.max_tokens.value()
    page.temperature.setValue(0.3)
    page.max_tokens.setValue(128)
    page.save_settings()
    page.refresh()
    assert (page.temperature.value(), page.max_tokens.value()) == (0.3, 128)
    page.reset_settings()
    assert (page.temperature.value(), page.max_tokens.value()) == recommended


def test_use_this_model_switches_and_the_status_bar_names_it(qtbot, root: AppRoot, embedded_model: Path) -> None:  # noqa: ANN001
    page = open_page(qtbot, root)
    qtbot.waitUntil(lambda: idle(page) and page.use_button.isEnabled(), timeout=180_000)
    page.use_selected()
    core = root.core
    qtbot.waitUntil(lambda: core.worker.state.state in (ModelState.READY, ModelState.FAILED), timeout=180_000)
    qtbot.waitUntil(lambda: core.worker.state.info is not None and core.worker.state.info.name.startswith("Smollm2"),
                    timeout=180_000)
    qtbot.waitUntil(lambda: "Smollm2" in root.window.status_label.text(), timeout=10_000)
    assert core.preferences.model_path == str(embedded_model)
    assert "in use" in rows(page)[0]
