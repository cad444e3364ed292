"""The Models page (Ctrl+7): the model library, importing with progress, and per-model settings.

Everything slow (hashing, copying, checking a file in a child process) runs on a short-lived thread;
progress and results come back through queued signals. The page shows no personal data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion import Companion
from companion.library.choice import ModelManager
from models.library import ImportCancelled, ImportRejected, LibraryEntry
from models.tuning import ModelSettings
from ui.background import BackgroundCall
from ui.file_dialogs import start_folder


def _gb(size: float) -> str:
    return f"{size / 2**30:.1f}"


class ModelsView(QWidget):
    # The capability check's scores ({"en": 0.8, "zh": 0.5}); emitted on the model thread, delivered queued.
    capabilityMeasured = Signal(object)

    def __init__(self, core: Companion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capabilityMeasured.connect(self._on_measured)
        self.core = core
        self.manager: ModelManager = core.models
        self._job: BackgroundCall | None = None
        self._after = None  # what to do with the result of the running job
        self.setAcceptDrops(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        title = QLabel(self.tr("Models"))
        title.setObjectName("title")
        layout.addWidget(title)
        intro = QLabel(self.tr("Choose the language model Companion talks with. Everything stays on this "
                               "computer: import a .gguf file from a folder or a USB stick, or drop it here."))
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        self.machine_label = QLabel()
        self.machine_label.setObjectName("muted")
        self.machine_label.setWordWrap(True)
        layout.addWidget(self.machine_label)

        self.list = QListWidget()
        self.list.setObjectName("modelList")
        self.list.setAccessibleName(self.tr("Models"))
        self.list.setAlternatingRowColors(False)
        self.list.setSpacing(4)
        self.list.currentItemChanged.connect(self._show_selected)
        layout.addWidget(self.list, 3)

        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import a model…"))
        self.import_button.clicked.connect(self.choose_file)
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setToolTip(self.tr("Switch to it now and load it from now on"))
        self.use_button.clicked.connect(self.use_selected)
        self.verify_button = QPushButton(self.tr("Check file"))
        self.verify_button.setToolTip(self.tr("Read the file again to make sure it has not changed"))
        self.verify_button.clicked.connect(self.verify_selected)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.measure_button = QPushButton(self.tr("Check how it talks"))
        self.measure_button.setToolTip(self.tr("Ask the model in use ten short questions in English and in Chinese "
                                               "and check its replies (a few minutes)"))
        self.measure_button.clicked.connect(self.measure_in_use)
        self.better_button = QPushButton(self.tr("Get a better model…"))
        self.better_button.setToolTip(self.tr("Which models talk freely, and how to bring one to this computer"))
        self.better_button.clicked.connect(self.open_better_model)
        for button in (self.import_button, self.use_button, self.verify_button, self.remove_button,
                       self.measure_button, self.better_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        busy = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout.addLayout(busy)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("notice")
        layout.addWidget(self.message)

        self.settings_box = QGroupBox(self.tr("Settings for this model"))
        form = QFormLayout(self.settings_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.temperature = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=2.0, singleStep=0.05)
        self.temperature.setToolTip(self.tr("Higher is more varied, lower is steadier"))
        self.top_p = QDoubleSpinBox(decimals=2, minimum=0.05, maximum=1.0, singleStep=0.05)
        self.n_ctx = QSpinBox(minimum=512, maximum=131072, singleStep=256)
        self.n_ctx.setToolTip(self.tr("How much of the conversation the model can keep in mind, in tokens"))
        self.max_tokens = QSpinBox(minimum=16, maximum=4096, singleStep=16)
        for spin in (self.temperature, self.top_p, self.n_ctx, self.max_tokens):
            spin.setMinimumWidth(120)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Context (tokens)"), self.n_ctx)
        form.addRow(self.tr("Longest reply (tokens)"), self.max_tokens)
        row = QHBoxLayout()
        self.save_settings_button = QPushButton(self.tr("Save settings"))
        self.save_settings_button.clicked.connect(self.save_settings)
        self.reset_button = QPushButton(self.tr("Reset to recommended"))
        self.reset_button.clicked.connect(self.reset_settings)
        row.addWidget(self.save_settings_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        form.addRow(row)
        layout.addWidget(self.settings_box)
        self._set_busy(False)
        self.refresh()

    # -- the page protocol (no personal data here) ---------------------------------------------
    def set_session(self, session: object) -> None:
        self.refresh()

    def clear(self) -> None:
        self.message.clear()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        """List the built-in model too, the first time the page is shown (it is hashed and checked)."""
        super().showEvent(event)
        self._show_machine()
        if self._job is None and not any(e.stored == "embedded" for e in self.manager.entries()):
            from models import embedded_model_path

            if embedded_model_path() is not None:
                self._start(lambda progress, cancel: self.manager.add_embedded(progress), None)
                self.message.setText(self.tr("Checking the built-in model once, so it can be listed here…"))

    # -- the list ------------------------------------------------------------------------------
    def _show_machine(self) -> None:
        # Asking llama.cpp about graphics offload loads it (and numpy): a third of a second, so it waits
        # until the page is first seen instead of holding up the start-up window (bench/startup.py).
        machine = self.manager.machine
        gpu = self.tr("yes") if machine.gpu_offload else self.tr("no")
        self.machine_label.setText(
            self.tr("This computer: %1 cores, %2 GB memory (%3 GB free), graphics card offload: %4")
            .replace("%1", str(machine.physical_cores)).replace("%2", _gb(machine.total_memory or 0))
            .replace("%3", _gb(machine.available_memory or 0)).replace("%4", gpu))

    def refresh(self) -> None:
        if self.isVisible():
            self._show_machine()
        current = self.selected()
        default = self.manager.default_entry()
        self.list.clear()
        for entry in self.manager.entries():
            item = QListWidgetItem(self._describe(entry, default is not None and default.id == entry.id))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
            if current is not None and current.id == entry.id:
                self.list.setCurrentItem(item)
        if self.list.count() == 0:
            item = QListWidgetItem(self.tr("No models imported yet. The small built-in model is in use; "
                                           "import a bigger one for real conversations."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        elif self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self._show_selected()

    def _describe(self, entry: LibraryEntry, is_default: bool) -> str:
        f = entry.facts
        known = next((m for m in self.manager.recommended() if m.id == entry.verified_as), None)
        name = entry.name
        if entry.verified_as:
            label = self.tr("verified: %1").replace("%1", known.name if known else entry.verified_as)
        else:
            label = self.tr("unverified")
        params = f"{f.parameter_count / 1e9:.1f}B" if f.parameter_count >= 1e9 else f"{f.parameter_count / 1e6:.0f}M"
        plan_ctx = min(f.context_length or 2048, 4096)
        first = f"{name}  ·  {label}"
        if is_default:
            first += "  ·  " + self.tr("in use")
        second = (self.tr("%1 %2 · %3 · %4 MB on disk · needs about %5 GB of memory · trained context %6")
                  .replace("%1", f.architecture).replace("%2", params).replace("%3", f.quantisation)
                  .replace("%4", str(entry.size // 2**20)).replace("%5", _gb(f.memory_needed(plan_ctx)))
                  .replace("%6", str(f.context_length)))
        lines = [first, second]
        licence = f.license_name or f.license
        if licence:
            lines.append(self.tr("Licence: %1").replace("%1", licence))
        if "no_chat_template" in entry.warnings:
            lines.append(self.tr("This model has no chat template; a generic one is used and replies may be poorer."))
        if "low_memory" in entry.warnings:
            lines.append(self.tr("Less memory is free than this model needs; it may be slow."))
        if entry.stored == "embedded":
            lines.append(self.tr("Built in"))
        lines.append(self._talk_line(entry))
        return "\n".join(lines)

    def _talk_line(self, entry: LibraryEntry) -> str:
        """The capability gate (issue 14): in which language this model talks freely."""
        from companion.chat.talk import GATE

        parts = []
        for lang, label in (("en", self.tr("English")), ("zh", self.tr("Chinese"))):
            score = self.manager.capability(entry.path, lang)
            if self.manager.poor_at(entry.path, lang):
                verdict = self.tr("guided only (this model writes it poorly)")
            elif score is None:
                verdict = self.tr("not measured")
            elif score >= GATE:
                verdict = self.tr("talks freely (%1)").replace("%1", f"{score:.2f}")
            else:
                verdict = self.tr("guided only (%1)").replace("%1", f"{score:.2f}")
            parts.append(f"{label}: {verdict}")
        return self.tr("Conversation: %1").replace("%1", " · ".join(parts))

    def selected(self) -> LibraryEntry | None:
        item = self.list.currentItem()
        entry_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return self.manager.library.get(entry_id) if entry_id else None

    def _show_selected(self, *_: object) -> None:
        entry = self.selected()
        enabled = entry is not None and self._job is None
        for widget in (self.use_button, self.verify_button, self.settings_box):
            widget.setEnabled(enabled)
        # No model chosen: no settings at all, rather than the boxes' own minimums (0.00, 16) as if real.
        self.settings_box.setVisible(entry is not None)
        self.remove_button.setEnabled(enabled and entry is not None and entry.stored != "embedded")
        if entry is None:
            return
        settings = self.manager.plan(entry.path).settings
        self.temperature.setValue(settings.temperature)
        self.top_p.setValue(settings.top_p)
        self.n_ctx.setMaximum(max(512, entry.facts.context_length or 131072))
        self.n_ctx.setValue(settings.n_ctx)
        self.max_tokens.setValue(settings.max_tokens)

    # -- background jobs -----------------------------------------------------------------------
    def _start(self, work, after) -> None:  # noqa: ANN001
        if self._job is not None:
            return
        self._after = after
        self._job = BackgroundCall.reporting(work, self)
        self._job.progress.connect(self._on_progress)
        self._job.finished.connect(self._on_finished)
        self._set_busy(True)
        self._job.start()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.import_button.setEnabled(not busy)
        if busy:
            self.progress.setRange(0, 0)
            for widget in (self.use_button, self.verify_button, self.remove_button, self.settings_box):
                widget.setEnabled(False)

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        words = {"copying": self.tr("Copying and checking the file… %1%"),
                 "hashing": self.tr("Reading the file to check it… %1%"),
                 "checking": self.tr("Making sure llama.cpp can read it…")}
        percent = done * 100 // total if total else 0
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(done * 1000 // total)
        else:
            self.progress.setRange(0, 0)
        self.message.setText(words.get(stage, "").replace("%1", str(percent)))
        self.cancel_button.setEnabled(stage != "checking")  # a child-process check cannot be cut short

    def _on_finished(self, result: object, error: object) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.wait()
        self._set_busy(False)
        after, self._after = self._after, None
        self.message.clear()  # the last stage ("Making sure llama.cpp can read it…") is over
        if error is not None:
            self.message.setText(self.explain(error))
        elif after is not None:
            after(result)
        self.refresh()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def wait(self, timeout: float | None = None) -> None:
        if self._job is not None:
            self._job.wait(timeout)

    def explain(self, error: object) -> str:
        if isinstance(error, ImportCancelled):
            return self.tr("Import cancelled. Nothing was added.")
        if isinstance(error, ImportRejected):
            kind = error.report.kind
            words = {
                "not_gguf": self.tr("This file is not a GGUF model, so it can't be used. Model files end in .gguf."),
                "truncated": self.tr("This model file is incomplete. It may not have finished copying; "
                                     "try copying it again."),
                "corrupt_header": self.tr("This model file is damaged and can't be used."),
                "unsupported_version": self.tr("This model file uses a newer format than this app can read."),
                "unsupported_architecture": self.tr("This kind of model (%1) isn't supported by this version "
                                                    "of the app.").replace("%1", str(error.report.params.get(
                                                        "architecture", "?"))),
                "too_big": self.tr("This model needs more memory than this computer has. A smaller model "
                                   "(for example a 3B one) will fit better."),
                "crashed": self.tr("The model engine stopped while reading this file, so it is probably "
                                   "damaged. Companion is still running."),
            }
            return words.get(kind, self.tr("This model could not be loaded, so it wasn't added."))
        if isinstance(error, OSError):
            return self.tr("The file could not be read or copied. Check that the disk has room and try again.")
        return self.tr("Something went wrong; nothing was changed.")

    # -- actions -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a model"), str(start_folder()),
                                              self.tr("GGUF models (*.gguf);;All files (*)"))
        if path:
            self.import_path(path)

    def import_path(self, path: str | Path) -> None:
        name = Path(path).name

        def done(entry: object) -> None:
            assert isinstance(entry, LibraryEntry)
            self.message.setText(self.tr("%1 was added. Choose \u201cUse this model\u201d to talk with it.")
                                 .replace("%1", entry.name))
            self._select(entry.id)

        self.message.setText(self.tr("Importing %1…").replace("%1", name))
        self._start(lambda progress, cancel: self.manager.library.import_file(path, progress=progress,
                                                                              cancel=cancel), done)

    def _select(self, entry_id: str) -> None:
        self.refresh()
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == entry_id:
                self.list.setCurrentRow(row)

    def use_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.manager.set_default(entry.id)
        self.core.switch_model(entry.path)
        self.message.setText(self.tr("Switching to %1. The conversation carries on with it.").replace("%1", entry.name))
        self.refresh()

    def verify_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return

        def done(result: object) -> None:
            if getattr(result, "missing", False):
                self.message.setText(self.tr("The file of this model is no longer there."))
            elif getattr(result, "unchanged", False):
                self.message.setText(self.tr("The file is unchanged since it was imported."))
            else:
                self.message.setText(self.tr("The file has changed since it was imported. Import it again "
                                             "if you trust where it came from."))

        self._start(lambda progress, cancel: self.manager.library.verify(entry.id, progress, cancel), done)

    def remove_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.stored == "embedded":
            return
        detail = (self.tr("Its copy in Companion's models folder will be deleted.") if entry.stored == "copy"
                  else self.tr("The file itself stays where it is."))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove this model?"),
                          self.tr("Remove %1 from the library?").replace("%1", entry.name) + " " + detail
                          + " " + self.tr("Your conversations are not affected."),
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("removeModel")
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _: self._removed(entry) if box.clickedButton() is remove else None)
        box.open()

    def _removed(self, entry: LibraryEntry) -> None:
        try:
            self.manager.remove(entry.id)
        except OSError:
            self.message.setText(self.tr("The model could not be removed. Check the disk and try again."))
            return
        self.message.setText(self.tr("%1 was removed.").replace("%1", entry.name))
        self.refresh()

    def measure_in_use(self) -> None:
        """The capability gate for the loaded model, in both languages (companion.chat.gate)."""
        from companion.chat.gate import GateRun

        info = self.core.worker.state.info
        if info is None:
            self.message.setText(self.tr("Load a model first: nothing is loaded to check."))
            return
        self.measure_button.setEnabled(False)
        self.message.setText(self.tr("Checking how the model talks… You can keep using Companion meanwhile."))
        results: dict[str, float] = {}

        def finished(lang: str, score: float) -> None:  # on the model thread
            self.manager.record_capability(info.path, lang, score)
            results[lang] = score
            if len(results) == 2:
                self.capabilityMeasured.emit(dict(results))  # queued to the GUI thread

        self._gate_runs = [GateRun(self.core.worker, lang, lambda score, lang=lang: finished(lang, score),
                                   self.core.reply_scorer)  # the probes pass the app's own reply guard
                           for lang in ("en", "zh")]
        for run in self._gate_runs:
            run.start()

    def _on_measured(self, results: object) -> None:
        self.measure_button.setEnabled(True)
        self.message.setText(self.tr("Checked. The model's conversation results are shown in the list."))
        self.refresh()

    def open_better_model(self) -> None:
        from ui.better_model import open_better_model
        from ui.translation import pick_language

        open_better_model(self, self.core, pick_language(self.core.preferences.language))

    def save_settings(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        # The repeat penalty has no field here: keep the recommended one (issue 14 sets it per model).
        current = self.manager.plan(entry.path).settings
        self.manager.save_settings(entry.id, ModelSettings(self.temperature.value(), self.top_p.value(),
                                                           self.n_ctx.value(), self.max_tokens.value(),
                                                           current.repeat_penalty))
        self.message.setText(self.tr("Saved. The new settings apply the next time this model loads."))

    def reset_settings(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.manager.reset_settings(entry.id)
        self._show_selected()
        self.message.setText(self.tr("Back to the recommended settings for this computer."))

    # -- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.import_path(urls[0].toLocalFile())
