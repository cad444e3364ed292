"""The crisis panel: emergency numbers first, then the region's crisis lines, then the person's plan.

Opened by ``MainWindow.open_help(reason)`` from the "Need help now" button, F1, the safety card in
the chat and the self-checks. It is a non-modal window beside the main one, so the conversation stays
open behind it; it needs no model and no unlocked profile (the safety plan appears once one is
unlocked). Numbers are plain selectable text: nothing here opens a link or dials anything.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion import Session
from companion.safety import CrisisLine, RegionEntry
from companion.safety.crisis_directory import CrisisDirectory
from companion.safety.plan import plan_as_text

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


def content_language() -> str:
    """"en" or "zh": the language of the bilingual data (crisis lines, plan steps) matching the UI."""
    # Translators: the content language code for this translation; "zh" for Chinese.
    code = QCoreApplication.translate("ContentLanguage", "en")
    return "zh" if code.startswith("zh") else "en"


def selectable(text: str, name: str = "") -> QLabel:
    """Plain text a person can select and copy; never a link (setOpenExternalLinks stays False)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(_SELECTABLE)
    label.setWordWrap(True)
    label.setCursor(Qt.CursorShape.IBeamCursor)
    if name:
        label.setObjectName(name)
    return label


class CrisisPanel(QDialog):
    openPlanRequested = Signal()  # "Open my safety plan": the main window shows the page

    def __init__(self, crisis: CrisisDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrisisPanel")
        self.setWindowTitle(self.tr("Need help now"))
        self.setModal(False)
        self.resize(480, 660)
        self._crisis = crisis
        self._session: Session | None = None
        self.reason = ""
        self.numbers: list[QLabel] = []  # every number shown, emergency first, in order
        self.plan_text: QLabel | None = None
        self.plan_button: QPushButton | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self._scroll, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(20, 8, 20, 16)
        bottom.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)
        self.refresh()

    # -- state ---------------------------------------------------------------------------------
    def show_for(self, session: Session | None, reason: str) -> None:
        """Refresh (the region or list may have changed), then show and raise the panel."""
        self.reason = reason
        self._session = session
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()

    def set_session(self, session: Session | None) -> None:
        """None on lock: the plan's words leave the panel at once; the crisis lines stay."""
        self._session = session
        self.refresh()

    @property
    def entry(self) -> RegionEntry:
        return self._crisis.entry()

    # -- building ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.numbers = []
        self.plan_text = None
        self.plan_button = None
        lang = content_language()
        entry = self._crisis.entry()
        body = QWidget()
        body.setObjectName("crisisBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(10)

        title = QLabel(self.tr("You don't have to face this alone"))
        title.setObjectName("title")
        title.setWordWrap(True)
        layout.addWidget(title)
        intro = QLabel(self.tr("If you are in danger or might act on thoughts of harming yourself, please "
                               "reach out to someone now."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        layout.addWidget(self._heading(self.tr("Emergency")))
        if entry.is_fallback:
            layout.addWidget(selectable(entry.instruction[lang], "emergencyInstruction"))
        else:
            for number in entry.emergency:
                layout.addWidget(self._number_row(number.number, number.label[lang], "emergencyNumber"))

        if not entry.is_fallback:
            layout.addWidget(self._heading(self.tr("Crisis lines · %1").replace("%1", entry.name[lang])))
            for line in entry.lines:
                layout.addWidget(self._line_card(line, lang))
            source = self.tr("Source: %1").replace("%1", entry.source)
            if entry.last_verified:
                checked = self.tr("last checked %1").replace("%1", entry.last_verified)
            else:
                checked = self.tr("date of the last check not recorded")
            provenance = QLabel(f"{source} · {checked}")
            provenance.setObjectName("muted")
            provenance.setWordWrap(True)
            layout.addWidget(provenance)
        if self._crisis.is_clinic_list:
            clinic = QLabel(self.tr("This list was provided by your clinic."))
            clinic.setObjectName("muted")
            layout.addWidget(clinic)
        region = QLabel(self._region_text(entry, lang))
        region.setObjectName("muted")
        region.setWordWrap(True)
        layout.addWidget(region)

        present = QLabel(self.tr("Companion can't call anyone for you, but it's still here if you want to "
                                 "keep talking."))
        present.setObjectName("present")
        present.setWordWrap(True)
        layout.addSpacing(6)
        layout.addWidget(present)

        layout.addWidget(self._heading(self.tr("My safety plan")))
        self._plan_section(layout, lang)
        layout.addStretch(1)
        old = self._scroll.takeWidget()
        self._scroll.setWidget(body)
        if old is not None:
            old.deleteLater()

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionHeading")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 8, 0, 0)
        label.setWordWrap(True)
        return label

    def _number_row(self, number: str, label: str, name: str) -> QWidget:
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(12)
        num = selectable(number, name)
        num.setWordWrap(False)
        num.setStyleSheet("font-size: 18pt; font-weight: 600;")
        num.setAccessibleName(f"{label}: {number}")
        self.numbers.append(num)
        h.addWidget(num)
        text = QLabel(label)
        text.setWordWrap(True)
        h.addWidget(text, 1)
        return row

    def _line_card(self, line: CrisisLine, lang: str) -> QFrame:
        card = QFrame()
        card.setObjectName("companionBubble")  # the theme's calm rounded surface
        v = QVBoxLayout(card)
        v.setContentsMargins(14, 8, 14, 8)
        v.setSpacing(2)
        name = selectable(line.name[lang])
        name.setStyleSheet("font-weight: 600;")
        v.addWidget(name)
        number = selectable(line.number, "lineNumber")
        number.setStyleSheet("font-size: 16pt; font-weight: 600;")
        number.setAccessibleName(f"{line.name[lang]}: {line.number}")
        self.numbers.append(number)
        v.addWidget(number)
        kinds = {"call": self.tr("Call"), "text": self.tr("Text"), "chat": self.tr("Chat"), "whatsapp": "WhatsApp"}
        details = [" / ".join(kinds[k] for k in line.kinds)]
        details.append(line.hours[lang] if line.hours else self.tr("hours not listed"))
        details.append(", ".join(self._language_name(code) for code in line.languages))
        info = QLabel(" · ".join(details))
        info.setWordWrap(True)
        v.addWidget(info)
        if line.note:
            note = QLabel(line.note[lang])
            note.setObjectName("muted")
            note.setWordWrap(True)
            v.addWidget(note)
        if line.verified == "partial" and not line.note:  # the data's note usually says so already
            partial = QLabel(self.tr("Only partly verified: if it doesn't answer, try another number."))
            partial.setObjectName("muted")
            partial.setWordWrap(True)
            v.addWidget(partial)
        return card

    def _language_name(self, code: str) -> str:
        names = {"en": self.tr("English"), "fr": self.tr("French"), "zh": self.tr("Chinese"),
                 "zh-yue": self.tr("Cantonese"), "multi": self.tr("many languages")}
        return names.get(code, code)

    def _region_text(self, entry: RegionEntry, lang: str) -> str:
        chosen = bool(self._crisis.preferred_region)
        if entry.is_fallback:
            return self.tr("Companion doesn't have crisis lines for this region. You can choose another "
                           "region in Preferences.")
        if chosen:
            return self.tr("Region: %1 (chosen in Preferences).").replace("%1", entry.name[lang])
        return self.tr("Region: %1 (from this computer's settings; you can change it in Preferences).").replace(
            "%1", entry.name[lang])

    def _plan_section(self, layout: QVBoxLayout, lang: str) -> None:
        session = self._session
        if session is None or session.is_locked:
            layout.addWidget(QLabel(self.tr("Your safety plan is kept in your profile. Unlock it to see it "
                                            "here.")))
            return
        try:
            plan = session.safety_plan.load()
        except Exception:  # noqa: BLE001 - a storage failure must never take the crisis lines with it
            plan = None
        self.plan_button = QPushButton(self.tr("Open my safety plan (Ctrl+6)") if plan and not plan.is_empty
                                       else self.tr("Write my safety plan"))
        self.plan_button.clicked.connect(self.openPlanRequested)
        row = QHBoxLayout()
        row.addWidget(self.plan_button)
        row.addStretch(1)
        if plan is None:
            layout.addWidget(QLabel(self.tr("Your safety plan couldn't be read just now.")))
            layout.addLayout(row)
        elif plan.is_empty:
            empty = QLabel(self.tr("You haven't written a safety plan yet. It takes a few minutes, and it helps "
                                   "to have it ready for a hard moment."))
            empty.setWordWrap(True)
            layout.addWidget(empty)
            layout.addLayout(row)
        else:  # the button first: a long plan must not push it out of sight
            layout.addLayout(row)
            self.plan_text = selectable(plan_as_text(plan, lang), "planText")
            layout.addWidget(self.plan_text)
