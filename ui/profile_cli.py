"""The ``companion-profile`` entry point. The commands live in the core
(companion/portability/cli.py); the PDF report needs Qt to draw, so the entry point sits here and
passes the Qt renderer in. Qt is started (offscreen, no window) only for ``report``."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from companion.portability.cli import main as core_main


def _render_pdf(report, path: Path) -> None:  # noqa: ANN001 - companion.portability.report.Report
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from ui.data_dialogs.report_pdf import write_report_pdf

    app = QGuiApplication.instance() or QGuiApplication(["companion-profile"])  # alive until the PDF is written
    write_report_pdf(report, path)
    del app


def main(argv: Sequence[str] | None = None) -> int:
    return core_main(argv, render_pdf=_render_pdf)


if __name__ == "__main__":
    sys.exit(main())
