"""The paced-breathing pacer: a calm painted circle that grows on the in-breath and shrinks on the
out-breath (QPropertyAnimation), with a text cue that screen readers hear, and a countdown.

There are no hold phases (CLINICAL.md section 6). The rhythm and the length come from the flow's
choices through ``companion.practice.exercises.timer_settings``.
"""

from __future__ import annotations

from PySide6.QtCore import (Property, QEasingCurve, QPropertyAnimation, QRectF, QSequentialAnimationGroup, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class BreathingCircle(QWidget):
    """A soft circle whose size (0..1 of the available room) is animated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.35
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _get_level(self) -> float:
        return self._level

    def _set_level(self, value: float) -> None:
        self._level = value
        self.update()

    level = Property(float, _get_level, _set_level)

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        room = min(self.width(), self.height()) - 8
        centre_x, centre_y = self.width() / 2, self.height() / 2
        halo = QColor(accent)
        halo.setAlphaF(0.12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(halo)
        painter.drawEllipse(QRectF(centre_x - room / 2, centre_y - room / 2, room, room))
        fill = QColor(accent)
        fill.setAlphaF(0.55)
        painter.setBrush(fill)
        diameter = room * (0.3 + 0.7 * self._level)
        painter.drawEllipse(QRectF(centre_x - diameter / 2, centre_y - diameter / 2, diameter, diameter))


class BreathingPacer(QWidget):
    """Start / pause / finish; ``finished(elapsed_seconds)`` when the time is up or on Finish."""

    finished = Signal(int)
    cueChanged = Signal(str)
    ticked = Signal(int)  # seconds breathed so far, once a second while running

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seconds = 300
        self._elapsed = 0
        self._inhale = 4.0
        self._exhale = 6.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.circle = BreathingCircle()
        self.circle.setAccessibleName(self.tr("Breathing guide"))
        layout.addWidget(self.circle, 1)
        self.cue = QLabel(self.tr("Press Start when you are ready."))
        self.cue.setObjectName("title")
        self.cue.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.cue)
        self.remaining = QLabel()
        self.remaining.setObjectName("muted")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.remaining)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.toggle)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._cue_timer = QTimer(self)
        self._cue_timer.setSingleShot(True)
        self._cue_timer.timeout.connect(self._next_phase)
        self._breathing_in = True
        self._animation = QSequentialAnimationGroup(self)
        self._grow = QPropertyAnimation(self.circle, b"level", self)
        self._shrink = QPropertyAnimation(self.circle, b"level", self)
        for animation, start, end in ((self._grow, 0.0, 1.0), (self._shrink, 1.0, 0.0)):
            animation.setStartValue(start)
            animation.setEndValue(end)
            animation.setEasingCurve(QEasingCurve.Type.InOutSine)
            self._animation.addAnimation(animation)
        self._animation.setLoopCount(-1)
        self.configure(300, 4, 6)

    # -- settings --------------------------------------------------------------------------------
    def configure(self, seconds: float, inhale: float, exhale: float) -> None:
        self.stop()
        self._seconds, self._inhale, self._exhale = int(seconds), float(inhale), float(exhale)
        self._elapsed = 0
        self._grow.setDuration(int(self._inhale * 1000))
        self._shrink.setDuration(int(self._exhale * 1000))
        self.circle.level = 0.35
        self._show_remaining()
        self._set_cue(self.tr("Press Start when you are ready."))
        self.start_button.setText(self.tr("Start"))

    @property
    def elapsed(self) -> int:
        return self._elapsed

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    @property
    def animating(self) -> bool:
        return self._animation.state() == QSequentialAnimationGroup.State.Running

    # -- control ---------------------------------------------------------------------------------
    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def start(self) -> None:
        if self._elapsed >= self._seconds:
            return
        self._tick.start()
        self._breathing_in = False
        self._animation.stop()
        self._animation.start()
        self._next_phase()
        self.start_button.setText(self.tr("Pause"))

    def pause(self) -> None:
        self.stop()
        self._set_cue(self.tr("Paused. Breathe normally; press Continue when you like."))
        self.start_button.setText(self.tr("Continue"))

    def stop(self) -> None:
        self._tick.stop()
        self._cue_timer.stop()
        self._animation.stop()

    def _next_phase(self) -> None:
        self._breathing_in = not self._breathing_in
        if self._breathing_in:
            self._set_cue(self.tr("Breathe in…"))
            self._cue_timer.start(int(self._inhale * 1000))
        else:
            self._set_cue(self.tr("Breathe out, slowly…"))
            self._cue_timer.start(int(self._exhale * 1000))

    def _set_cue(self, text: str) -> None:
        self.cue.setText(text)
        self.cue.setAccessibleName(text)
        self.circle.setAccessibleDescription(text)
        self.cueChanged.emit(text)

    def _on_tick(self) -> None:
        self._elapsed += 1
        self._show_remaining()
        self.ticked.emit(self._elapsed)
        if self._elapsed >= self._seconds:
            self.stop()
            self._set_cue(self.tr("Well done. Let your breathing return to its own pace."))
            self.start_button.setEnabled(False)
            self.finished.emit(self._elapsed)

    def _show_remaining(self) -> None:
        left = max(0, self._seconds - self._elapsed)
        self.remaining.setText(self.tr("%1:%2 left").replace("%1", str(left // 60))
                               .replace("%2", f"{left % 60:02d}"))
        self.start_button.setEnabled(left > 0)
