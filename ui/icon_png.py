"""Render the app's SVG icon to PNGs with Qt's SVG renderer (in ``ui``: the only package that imports Qt).

    python -m ui.icon_png SVG OUT_FOLDER     # writes companion-<size>.png for each size

The packaging scripts (packaging/bundle.py, packaging/deb.py) run it at build time, so that no binary
image lives in the repository. PyInstaller turns the 256 px PNG into an .ico (Windows) or .icns (macOS)
when Pillow is installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, out: Path) -> list[Path]:
    app = QGuiApplication.instance() or QGuiApplication(["render", "-platform", "offscreen"])  # noqa: F841
    renderer = QSvgRenderer(str(svg))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        path = out / f"companion-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in render(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
