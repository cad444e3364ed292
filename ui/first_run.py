"""The first-run set-up (issue 15, with issue 16's region step): shown when this computer has no profile.

Four short steps, each with Back / Next, all by keyboard: what the companion is and is not, and the
language; a nickname and passphrase (with a strength hint and the plain fact that a forgotten
passphrase cannot be recovered); the region whose crisis lines are shown, asked with the system's guess
preselected; and which model it will use and how to get a better one. Each can be changed later in
Preferences (language, region) or on the Models page. Nothing is saved until the person finishes;
the language applies at once (the window is rebuilt in it, see AppRoot.set_language).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion import Companion
from companion.safety.crisis_directory import system_region
from ui.crisis_panel import content_language
from ui.crisis_settings import ELSEWHERE
from ui.translation import LANGUAGES

MIN_PASSPHRASE = 6
#: Regions whose crisis lines are written for Chinese readers: a Chinese interface preselects one of
#: these, never another country's numbers (a bare C.UTF-8 locale once showed 911 to a reader of Chinese).
CHINESE_REGIONS = ("CN", "TW", "HK", "MO", "SG")


def guess_region(language: str, system: str | None, known: set[str]) -> str:
    """The region to preselect: the system's when the list has it and it fits the language; for a
    Chinese interface otherwise mainland China; else ELSEWHERE (unknown: "call your local emergency number")."""
    if system in known and (language != "zh_CN" or system in CHINESE_REGIONS):
        return system
    if language == "zh_CN" and "CN" in known:
        return "CN"
    return ELSEWHERE


def passphrase_strength(text: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong: length counts most; a few words beat symbols."""
    if len(text) < MIN_PASSPHRASE:
        return 0
    kinds = sum(any(test(ch) for ch in text) for test in (str.islower, str.isupper, str.isdigit,
                                                          lambda ch: not ch.isalnum()))
    words = len(text.split())
    score = 1
    if len(text) >= 12 or (len(text) >= 10 and kinds >= 3):
        score = 2
    if len(text) >= 16 and (words >= 3 or kinds >= 3) or len(text) >= 24:
        score = 3
    if len(set(text)) <= 3:
        score = 1
    return score


class _Steps(QWidget):
    """The steps, one visible at a time. Not a QStackedWidget: hidden pages drop out of the layout, so
    a step's wrapped text gets the height it needs at the width it has (a stack sized the welcome
    text for another width and cut its last line off)."""

    def __init__(self) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = 0

    def addWidget(self, page: QWidget) -> None:  # noqa: N802 - the QStackedWidget names
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(len(self._pages) == 1)

    def count(self) -> int:
        return len(self._pages)

    def currentIndex(self) -> int:  # noqa: N802
        return self._current

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        self._current = index
        for number, page in enumerate(self._pages):
            page.setVisible(number == index)


class FirstRunSetup(QWidget):
    createRequested = Signal(str, str)  # nickname, passphrase (after the preferences are saved)
    languageChosen = Signal(str)  # the window is rebuilt in this language
    wantsModelsPage = Signal()

    def __init__(self, core: Companion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FirstRunSetup")
        self._core = core
        self.open_models_after = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.step_label = QLabel()
        self.step_label.setObjectName("muted")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.step_label)
        self.steps = _Steps()
        for build in (self._build_welcome, self._build_profile, self._build_region, self._build_model):
            self.steps.addWidget(build())
        layout.addWidget(self.steps)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(lambda: self.go(self.steps.currentIndex() - 1))
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self._next)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.go(0)

    # -- steps ---------------------------------------------------------------------------------
    def _text(self, text: str, muted: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if muted:
            label.setObjectName("muted")
        return label

    def _build_welcome(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.about = self._text(self.tr(
            "Companion is an AI you can talk to at any hour, without being judged. It listens, helps you "
            "notice thoughts and feelings, and offers exercises and self-checks.\n\n"
            "It is not a person and not a therapist: it can be wrong, it does not diagnose, and it cannot "
            "call anyone. If you are in danger, the \u201cNeed help now\u201d button at the top shows "
            "crisis lines at any time.\n\n"
            "Everything you write stays on this computer, encrypted. Nothing is ever sent anywhere."))
        layout.addWidget(self.about)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        current = self._core.preferences.language or ("zh_CN" if content_language() == "zh" else "en")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.setAccessibleName(self.tr("Language"))
        self.language.setAccessibleDescription(self.tr("The language of Companion. It applies at once."))
        self.language.activated.connect(self._language_picked)
        form.addRow(self.tr("Language"), self.language)
        layout.addLayout(form)
        return page

    def _build_profile(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.name.setAccessibleName(self.tr("Nickname"))
        self.name.setAccessibleDescription(self.tr("The only thing others using this computer can see."))
        form.addRow(self.tr("Nickname"), self.name)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setAccessibleDescription(self.tr("At least %1 characters. A few words you will "
                                                         "remember are best.").replace("%1", str(MIN_PASSPHRASE)))
        self.passphrase.textChanged.connect(self._show_strength)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.passphrase2 = QLineEdit()
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase2.setAccessibleName(self.tr("Passphrase again"))
        self.passphrase2.returnPressed.connect(self._next)
        form.addRow(self.tr("Again"), self.passphrase2)
        layout.addLayout(form)
        self.strength = self._text("", muted=True)
        self.strength.setAccessibleName(self.tr("Passphrase strength"))
        layout.addWidget(self.strength)
        warning = self._text(self.tr(
            "Nobody can recover your passphrase. If you forget it, only the recovery code offered right "
            "after this step can open this profile again; without both, nobody (not even a clinic's admin) can."))
        warning.setObjectName("notice")
        layout.addWidget(warning)
        layout.addWidget(self._text(self.tr(
            "On a shared computer, use a nickname rather than your name."), muted=True))
        self._show_strength("")
        return page

    def _build_region(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._text(self.tr(
            "When things get very hard, Companion shows crisis lines you can call or message. Where are you, "
            "so they are the right ones?")))
        self.region = QComboBox()
        self.region.setAccessibleName(self.tr("Region for crisis lines"))
        lang = content_language()
        self.region.addItem(self.tr("Somewhere else (show: call your local emergency number)"), ELSEWHERE)
        regions = self._core.crisis.regions(lang)
        for code, name in regions:
            self.region.addItem(name, code)
        guess = self._core.preferences.region or guess_region(
            "zh_CN" if lang == "zh" else "en", system_region(), {code for code, _ in regions})
        self.region.setCurrentIndex(max(0, self.region.findData(guess)))
        layout.addWidget(self.region)
        layout.addWidget(self._text(self.tr("You can change this later in Preferences."), muted=True))
        return page

    def _build_model(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        path = self._core.model_path
        if path is None or not path.exists():
            text = self.tr("No language model is installed yet. Exercises, self-checks, your safety plan and a "
                           "guided conversation all work without one; for free conversation, add a model "
                           "(a .gguf file) on the Models page.")
        else:
            text = self.tr("Companion will talk with \u201c%1\u201d, a model that runs on this computer. The one "
                           "that comes built in is very small: its replies are short and sometimes miss the "
                           "point. A larger model (1 to 4 billion parameters, a .gguf file from a USB stick "
                           "or a folder) talks much better; you can add one on the Models page at any time."
                           ).replace("%1", path.stem)
        self.model_text = self._text(text)
        layout.addWidget(self.model_text)
        self.models_after = QCheckBox(self.tr("Show me the Models page when we're done"))
        layout.addWidget(self.models_after)
        layout.addWidget(self._text(self.tr(
            "Creating your profile takes a few seconds: the passphrase is turned into a key slowly on "
            "purpose, so it is hard to guess."), muted=True))
        return page

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        """Wrapped text as tall as it needs at this width. The unlock screen's centred column sizes
        itself from size hints, which a wrapped label computes for another width: its last lines were
        cut off. A minimum height is something every layout respects."""
        width = self.steps.width()
        if width <= 0:
            return
        for label in self.findChildren(QLabel):
            if label.wordWrap():
                margins = label.contentsMargins()
                label.setMinimumHeight(label.heightForWidth(width - margins.left() - margins.right()))

    # -- behaviour -----------------------------------------------------------------------------
    def go(self, index: int) -> None:
        index = max(0, min(self.steps.count() - 1, index))
        self.steps.setCurrentIndex(index)
        total = self.steps.count()
        self.step_label.setText(self.tr("Step %1 of %2").replace("%1", str(index + 1)).replace("%2", str(total)))
        self.back_button.setVisible(index > 0)
        last = index == total - 1
        self.next_button.setText(self.tr("Create my profile") if last else self.tr("Next"))
        self.error_text = ""
        first = (self.language, self.name, self.region, self.models_after)[index]
        first.setFocus()

    def _language_picked(self, _index: int) -> None:
        code = self.language.currentData()
        if code != (self._core.preferences.language or ""):
            self.languageChosen.emit(code)

    def _show_strength(self, text: str) -> None:
        words = [self.tr("Too short: use at least %1 characters.").replace("%1", str(MIN_PASSPHRASE)),
                 self.tr("Weak: longer is better, for example three or four words."),
                 self.tr("Fair. A few more characters or another word would make it strong."),
                 self.tr("Strong.")]
        self.strength.setText(self.tr("Strength: %1").replace("%1", words[passphrase_strength(text)]))

    def check_profile(self) -> str:
        """One clear sentence about what is wrong on the profile step, or ""."""
        if not self.name.text().strip():
            return self.tr("Choose a nickname.")
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            return self.tr("Use a passphrase of at least %1 characters.").replace("%1", str(MIN_PASSPHRASE))
        if self.passphrase.text() != self.passphrase2.text():
            return self.tr("The two passphrases are different.")
        return ""

    #: Set by the unlock view: shows one sentence under the steps (the shared status line).
    show_error = staticmethod(lambda text: None)

    def _next(self) -> None:
        index = self.steps.currentIndex()
        if index == 1:
            problem = self.check_profile()
            self.show_error(problem)
            if problem:
                (self.name if not self.name.text().strip() else self.passphrase).setFocus()
                return
        if index < self.steps.count() - 1:
            self.go(index + 1)
            return
        self.finish()

    def finish(self) -> None:
        """Save the language and the region (asked, so saved even when it is the guess), then ask for
        the profile to be created."""
        prefs = dataclasses.replace(self._core.preferences, language=self.language.currentData(),
                                    region=self.region.currentData(), ai_notice_seen=True)
        try:
            self._core.save_preferences(prefs)
        except OSError:
            pass  # the set-up simply asks again next time; the profile matters more
        self.open_models_after = self.models_after.isChecked()
        self.createRequested.emit(self.name.text().strip(), self.passphrase.text())

    def clear_secrets(self) -> None:
        self.passphrase.clear()
        self.passphrase2.clear()
