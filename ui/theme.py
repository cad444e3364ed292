"""Calm, warm looks: a soft neutral background, one gentle accent, rounded bubbles.

Light and dark follow the system; a high-contrast theme is available in preferences.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Fonts with CJK glyphs come after the Latin ones, so Chinese text never falls back to boxes.
FONT_FAMILIES = ("Inter", "Noto Sans", "Segoe UI", "Helvetica Neue", "Noto Sans CJK SC", "Source Han Sans SC",
                 "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "sans-serif")


#: A mid-grey chevron that reads on every theme's background (a styled combo box loses Fusion's arrow).
ARROW_DOWN = (Path(__file__).with_name("icons") / "arrow-down.svg").as_posix()


@dataclass(frozen=True)
class Colours:
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    user_bubble: str
    companion_bubble: str
    border: str


LIGHT = Colours("#f6f3ee", "#fffdf9", "#2b2a28", "#6d6a64", "#4f7d6a", "#ffffff", "#e3ede7", "#fffdf9", "#e4ded4")
DARK = Colours("#1e2021", "#26292a", "#e9e6e1", "#a7a39c", "#86b9a2", "#10211a", "#2f4238", "#2b2e30", "#3a3d3f")
HIGH_CONTRAST = Colours("#000000", "#000000", "#ffffff", "#ffffff", "#ffd500", "#000000", "#1a1a1a", "#000000", "#ffffff")


def colours_for(theme: str) -> Colours:
    if theme == "light":
        return LIGHT
    if theme == "dark":
        return DARK
    if theme == "high_contrast":
        return HIGH_CONTRAST
    scheme = QGuiApplication.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def apply_theme(app: QApplication, theme: str, font_size: int) -> Colours:
    c = colours_for(theme)
    app.setStyle("Fusion")
    palette = QPalette()
    for role, value in (
        (QPalette.ColorRole.Window, c.window), (QPalette.ColorRole.Base, c.surface),
        (QPalette.ColorRole.AlternateBase, c.window), (QPalette.ColorRole.Text, c.text),
        (QPalette.ColorRole.WindowText, c.text), (QPalette.ColorRole.Button, c.surface),
        (QPalette.ColorRole.ButtonText, c.text), (QPalette.ColorRole.Highlight, c.accent),
        (QPalette.ColorRole.HighlightedText, c.accent_text), (QPalette.ColorRole.PlaceholderText, c.muted),
        (QPalette.ColorRole.ToolTipBase, c.surface), (QPalette.ColorRole.ToolTipText, c.text),
    ):
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPointSize(font_size)
    app.setFont(font)
    border = "2px" if theme == "high_contrast" else "1px"
    # The keyboard focus ring (issue 15): the accent, which every theme keeps clear of its background.
    focus = c.accent
    app.setStyleSheet(f"""
        QWidget {{ color: {c.text}; }}
        QMainWindow, #UnlockView, #ChatView {{ background: {c.window}; }}
        QLineEdit, QPlainTextEdit, QTextEdit, QListWidget, QComboBox {{
            background: {c.surface}; border: {border} solid {c.border}; border-radius: 10px; padding: 6px;
        }}
        QLineEdit {{ min-height: 1.6em; }}
        QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 22px;
                                border: none; }}
        QComboBox::down-arrow {{ image: url("{ARROW_DOWN}"); width: 12px; height: 8px; }}
        QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QListWidget:focus, QComboBox:focus,
        QAbstractSpinBox:focus, QSlider:focus {{
            border: 2px solid {focus};
        }}
        QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 6px; padding: 2px; }}
        QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {focus}; }}
        QToolButton:focus, QScrollArea:focus {{ border: 2px solid {focus}; border-radius: 8px; }}
        QPushButton {{
            background: {c.surface}; border: {border} solid {c.border}; border-radius: 10px; padding: 7px 14px;
        }}
        QPushButton:focus {{ border: 2px solid {focus}; }}
        QPushButton:disabled {{ color: {c.muted}; }}
        QPushButton#primary {{ background: {c.accent}; color: {c.accent_text}; border: none; font-weight: 600; }}
        QPushButton#primary:focus {{ border: 2px solid {c.text}; }}
        QListWidget::item {{ padding: 8px; border-radius: 8px; }}
        QListWidget::item:selected {{ background: {c.user_bubble}; color: {c.text}; }}
        QLabel#muted, QLabel#notice {{ color: {c.muted}; }}
        QLabel#title {{ font-size: {font_size + 8}pt; font-weight: 600; }}
        QLabel#error {{ color: {"#ffd500" if theme == "high_contrast" else "#a8432f"}; }}
        QFrame#userBubble {{ background: {c.user_bubble}; border-radius: 14px; }}
        QFrame#companionBubble {{ background: {c.companion_bubble}; border: {border} solid {c.border};
                                  border-radius: 14px; }}
        #messages {{ background: {c.window}; border: none; }}
        QScrollArea {{ background: {c.window}; border: 2px solid transparent; border-radius: 8px; }}
        QTabBar::tab {{ border: 2px solid transparent; border-radius: 8px; padding: 6px 12px; }}
        QTabBar::tab:selected {{ background: {c.user_bubble}; font-weight: 600; }}
        QTabBar::tab:focus {{ border: 2px solid {focus}; }}
        QFrame#sideBar {{ background: {c.surface}; border-right: {border} solid {c.border}; }}
        QToolButton#navButton {{ border: none; border-radius: 10px; padding: 8px 12px; text-align: left; }}
        QToolButton#navButton:checked {{ background: {c.user_bubble}; font-weight: 600; }}
        QToolButton#navButton:focus {{ border: 2px solid {focus}; }}
    """)
    return c
