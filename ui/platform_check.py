"""Say in plain words what a bare Linux system lacks before Qt fails with a cryptic plugin error.

Qt 6.5+ needs the system library libxcb-cursor0 for its X11 (xcb) platform plugin, and Debian-like
systems without a desktop do not have it: the window then never appears and Qt prints "Could not
load the Qt platform plugin xcb". pip cannot install a system library, so the app says what to run.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

MISSING_XCB_CURSOR = ("Companion needs the system library libxcb-cursor0 to open its window on X11. "
                      "Install it once, then start Companion again:\n"
                      "    sudo apt-get install libxcb-cursor0      (Debian, Ubuntu)\n"
                      "    sudo dnf install xcb-util-cursor          (Fedora)")


def missing_system_libraries(environ: dict[str, str] | None = None, platform: str | None = None,
                             find=ctypes.util.find_library) -> list[str]:  # noqa: ANN001
    """The messages for what is missing for the Qt platform plugin about to be used ([] when fine)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return []
    wanted = environ.get("QT_QPA_PLATFORM", "")
    uses_xcb = wanted.startswith("xcb") or (not wanted and not environ.get("WAYLAND_DISPLAY"))
    if uses_xcb and find("xcb-cursor") is None:
        return [MISSING_XCB_CURSOR]
    return []
