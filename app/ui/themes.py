"""Themes: named colours, the pairs of them that carry text, and how they reach Qt.

Every colour a widget draws text with is paired here with the background it
sits on; `PAIRS` is what the contrast test measures (WCAG 2 relative
luminance), so a new colour cannot slip in unchecked. Text size is applied
the way Anki applies its UI scale: one base font for the application, and a
style sheet whose sizes are computed from the same scale.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from alongside.paths import CONTROLS

BASE_POINT_SIZE = 11
# Fusion draws the same on every platform and honours the palette fully. It is chosen
# by argument when the application is made, not with setStyle() later: that re-polishes
# every widget, and handing the style to Python builds all of QStyle's enums (~8 ms).
STYLE_ARGUMENTS = ["-style", "Fusion"]
# Focus rings are this many points wide at 100% text (scaled with the text).
FOCUS_WIDTH = 3


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    button: str
    button_text: str
    border: str
    focus: str
    good: str
    bad: str
    panel: str
    critical_panel: str
    highlight: str
    highlight_text: str
    minimum_contrast: float = 4.5

    def colours(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in ("name", "minimum_contrast")}

    @property
    def arrow(self) -> Path:
        """A list's drop-down arrow, drawn in this theme's text colour."""
        return CONTROLS / f"arrow-down-{self.name}.svg"


LIGHT = Theme(
    name="light", window="#f6f4ef", surface="#ffffff", text="#1f2a30", muted="#4b575e",
    accent="#1d5f6b", accent_text="#ffffff", button="#e4e9e7", button_text="#1f2a30",
    border="#75828a", focus="#a04800", good="#1e6b35", bad="#a12a1f", panel="#e8f1ef",
    critical_panel="#fbeceb", highlight="#1d5f6b", highlight_text="#ffffff",
)
DARK = Theme(
    name="dark", window="#1b2226", surface="#232c31", text="#e8ecea", muted="#b4bec2",
    accent="#7cc4c9", accent_text="#10262a", button="#33404a", button_text="#eef1f0",
    border="#8a979e", focus="#ffb454", good="#8fd49c", bad="#ffa397", panel="#213a3d",
    critical_panel="#42292a", highlight="#7cc4c9", highlight_text="#10262a",
)
HIGH_CONTRAST = Theme(
    name="high-contrast", window="#ffffff", surface="#ffffff", text="#000000", muted="#262626",
    accent="#00303d", accent_text="#ffffff", button="#ffffff", button_text="#000000",
    border="#000000", focus="#0a2fa8", good="#00461a", bad="#7a0000", panel="#eaf4f4",
    critical_panel="#fdeeee", highlight="#00303d", highlight_text="#ffffff",
    minimum_contrast=7.0,
)
THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}

# The cohort grid's status marks, by theme: the Okabe-Ito colour-blind-safe set (blue,
# vermillion, orange, bluish green, reddish purple, grey), darkened or lightened until each
# meets its theme's text contrast on a cell. Colour is the third signal of a status, after
# its words and its shape; a selected cell draws its mark in `highlight_text`.
STATUS_COLOURS: dict[str, dict[str, str]] = {
    "light": {"passed": "#005a8c", "failed": "#a33f00", "in-progress": "#8a5a00",
              "completed": "#006b4f", "waived": "#8a3a6e", "not-started": "#4b575e"},
    "dark": {"passed": "#56b4e9", "failed": "#ff9466", "in-progress": "#e6a700",
             "completed": "#3fcf9f", "waived": "#e6a3cc", "not-started": "#b4bec2"},
    "high-contrast": {"passed": "#004a75", "failed": "#8f2f00", "in-progress": "#5c3b00",
                      "completed": "#004d38", "waived": "#6d2456", "not-started": "#262626"},
}

# (foreground, background) for every place text is drawn.
PAIRS = (
    ("text", "window"), ("text", "surface"), ("muted", "window"), ("muted", "surface"),
    ("accent_text", "accent"), ("button_text", "button"), ("good", "surface"),
    ("bad", "surface"), ("good", "window"), ("bad", "window"), ("text", "panel"),
    ("muted", "panel"), ("text", "critical_panel"), ("bad", "critical_panel"),
    ("highlight_text", "highlight"), ("accent", "surface"), ("accent", "window"),
    ("bad", "panel"), ("good", "panel"), ("muted", "critical_panel"),
)
# Non-text shapes (focus ring, field borders, a meter's fill) need 3:1 against what is around them.
OUTLINES = (("focus", "window"), ("focus", "surface"), ("border", "surface"),
            ("highlight", "surface"))


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def resolve(name: str) -> Theme:
    """The theme for a preference value; "system" follows the desktop's light or dark."""
    if name == "system":
        scheme = QGuiApplication.styleHints().colorScheme()
        return DARK if scheme == Qt.ColorScheme.Dark else LIGHT
    return THEMES[name]


def palette(theme: Theme) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for r, colour in (
            (role.Window, theme.window), (role.WindowText, theme.text),
            (role.Base, theme.surface), (role.AlternateBase, theme.panel),
            (role.Text, theme.text), (role.PlaceholderText, theme.muted),
            (role.Button, theme.button), (role.ButtonText, theme.button_text),
            (role.Highlight, theme.highlight), (role.HighlightedText, theme.highlight_text),
            (role.ToolTipBase, theme.surface), (role.ToolTipText, theme.text),
            (role.Link, theme.accent), (role.BrightText, theme.bad),
        ):
            p.setColor(group, r, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(theme.muted))
    p.setColor(disabled, role.Button, QColor(theme.window))
    p.setColor(disabled, role.Base, QColor(theme.window))
    return p


class _Sizes:
    """Pixel and point sizes for one text size: everything grows with the text."""

    def __init__(self, text_size: int) -> None:
        self.scale = text_size / 100
        self.pt = BASE_POINT_SIZE * self.scale
        self.ring = self.px(FOCUS_WIDTH)

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def rest(self, padding: float) -> int:
        """Padding beside a 1 px resting border that leaves room for the focus ring."""
        return self.px(padding) + self.ring - 1


def _text(theme: Theme, s: _Sizes) -> str:
    return f"""
    QWidget {{ font-size: {s.pt:.1f}pt; }}
    QLabel[role="title"] {{ font-size: {s.pt * 1.6:.1f}pt; font-weight: 600; }}
    QLabel[role="heading"] {{ font-size: {s.pt * 1.25:.1f}pt; font-weight: 600; }}
    QLabel[role="muted"] {{ color: {theme.muted}; }}
    QLabel[role="good"] {{ color: {theme.good}; font-weight: 600; }}
    QLabel[role="bad"] {{ color: {theme.bad}; font-weight: 600; }}
    QFrame[role="panel"] {{ background: {theme.panel}; border: 1px solid {theme.border};
        border-radius: {s.px(6)}px; }}
    QFrame[role="critical"] {{ background: {theme.critical_panel};
        border: {s.px(2)}px solid {theme.bad}; border-radius: {s.px(6)}px; }}
    QFrame[role="panel"] QLabel, QFrame[role="critical"] QLabel {{ background: transparent;
        border: none; }}
    """


def _controls(theme: Theme, s: _Sizes) -> str:
    return f"""
    QPushButton {{ outline: none; background: {theme.button}; color: {theme.button_text};
        border: 1px solid {theme.border}; border-radius: {s.px(5)}px;
        padding: {s.rest(6)}px {s.rest(14)}px; }}
    QPushButton[role="primary"] {{ background: {theme.accent}; color: {theme.accent_text};
        border-color: {theme.accent}; font-weight: 600; }}
    QPushButton[role="choice"] {{ text-align: left; }}
    QPushButton:disabled {{ color: {theme.muted}; background: {theme.window};
        border-style: dashed; }}
    QLineEdit, QComboBox, QPlainTextEdit, QSpinBox {{ background: {theme.surface};
        color: {theme.text}; border: 1px solid {theme.border}; border-radius: {s.px(4)}px;
        padding: {s.rest(4)}px; }}
    QComboBox {{ padding-right: {s.px(28)}px; combobox-popup: 0; }}
    QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
        width: {s.px(24)}px; border: none; }}
    QComboBox::down-arrow {{ image: url("{theme.arrow.as_posix()}");
        width: {s.px(12)}px; height: {s.px(12)}px; }}
    QCheckBox, QRadioButton {{ border: {s.ring}px solid transparent; padding: {s.px(2)}px; }}
    QCheckBox::indicator, QRadioButton::indicator {{ width: {s.px(16)}px;
        height: {s.px(16)}px; border: {s.px(2)}px solid {theme.border};
        background: {theme.surface}; }}
    QRadioButton::indicator {{ border-radius: {s.px(10)}px; }}
    QCheckBox::indicator:checked, QRadioButton::indicator:checked {{
        background: {theme.accent}; border-color: {theme.accent}; }}
    """


def _focus(theme: Theme, s: _Sizes) -> str:
    return f"""
    QPushButton:focus, QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus,
    QTextBrowser:focus, QListView:focus, QTableView:focus, QSpinBox:focus,
    QSlider:focus, QToolButton:focus {{ border: {s.ring}px solid {theme.focus}; }}
    QPushButton:focus {{ padding: {s.px(6)}px {s.px(14)}px; }}
    QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus {{
        padding: {s.px(4)}px; }}
    QComboBox:focus {{ padding-right: {s.px(28) - s.ring + 1}px; }}
    QCheckBox:focus, QRadioButton:focus {{ border-color: {theme.focus}; }}
    """


def style_sheet(theme: Theme, text_size: int) -> str:
    """Sizes and the parts a palette cannot say: focus rings, panels, headings.

    A focused control's ring is wider than its resting border, so each control
    gives back in padding what its ring takes: border plus padding stays the
    same, and focus never moves or clips a control's text; a button draws no
    focus rectangle of the style's own inside its ring. A combo box opens as a
    list beside it rather than Fusion's menu laid over the current item, which
    scrolls to hide an item when it meets the screen's edge. A disabled button
    has a dashed border, not only a paler colour (the high-contrast theme's
    muted text is nearly as dark as its text). The focus rules come last so
    that they win over the resting ones.
    """
    sizes = _Sizes(text_size)
    return _text(theme, sizes) + _controls(theme, sizes) + _focus(theme, sizes)



def apply(app: QApplication, theme_name: str, text_size: int) -> Theme:
    """Apply a theme and a text size to the whole application, live.

    The palette and style sheet assume the Fusion style, which `alongside.ui.app`
    chooses when it makes the application (`STYLE_ARGUMENTS`).
    """
    theme = resolve(theme_name)
    app.setPalette(palette(theme))
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * text_size / 100)
    app.setFont(font)
    app.setStyleSheet(style_sheet(theme, text_size))
    return theme
