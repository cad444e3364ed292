#!/usr/bin/env python3
"""Make a Debian package from the bundle: dist/companion_<version>_<arch>.deb.

    python3 packaging/bundle.py && python3 packaging/deb.py [--install-build-deps]

Installs under /opt/companion with ``companion`` (and ``companion-model``) on PATH, a .desktop entry,
icons in the hicolor theme and a copyright file listing every bundled component and model with its
licence (from ui/third_party.json). ``Depends:`` is worked out the way dpkg-shlibdeps does it: every
system library that any ELF file in the bundle links to, mapped to the package that ships it here.
Qt's platform plugins (xcb above all) link to libraries a bare system lacks, libxcb-cursor0 among
them; a library that is not installed on the build machine stops the build with its name, so the
list is never silently short. No maintainer scripts: dpkg alone installs and removes every file,
and the person's data folder (in their home) is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import CJK_FONT_PACKAGE, ROOT, ensure_environment  # noqa: E402
from bundle import BUNDLE, MODEL_CLI_MODULE  # noqa: E402

STAGE = ROOT / "build" / "deb"
PREFIX = "opt/companion"
# Clinic commands, run through the bundle's ``-m`` (packaging/entry.py): command -> module.
COMMANDS = {"companion-model": MODEL_CLI_MODULE}
# The packages the interpreter and loader themselves belong to are implied; everything else is listed.
ESSENTIAL = {"libc6", "libc-bin"}
# The display stack belongs to the system: these must match its X server / compositor and get its
# security updates, so the package uses the system's copies (PyInstaller bundles whatever the build
# machine had) and depends on them. The portable bundle and the kit keep theirs.
SYSTEM_LIBRARIES = ("libX11", "libxcb", "libxkbcommon", "libwayland", "libfontconfig", "libfreetype", "libdbus-1",
                    "libEGL", "libGL", "libdrm")
# What Qt's xcb and wayland plugins link to, by package: installed by --install-build-deps (as root) so
# that every library resolves while Depends is worked out. A bare system lacks several of these.
DISPLAY_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-randr0",
                    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libx11-xcb1",
                    "libwayland-cursor0", "libwayland-egl1", "libfontconfig1", "libdbus-1-3", "libegl1", "libgl1")
# Not a library, so ldd cannot find it: every screen has Chinese text (the language choice, the zh_CN interface,
# the crisis lines' names), and a system whose only fonts are Latin ones (Debian's minimal installs have just
# DejaVu) draws it as empty boxes, and the safety plan's PDF leaves it out. Either package covers the interface;
# the first is the one bootstrap.py installs for a source checkout.
FONT_DEPENDS = f"{CJK_FONT_PACKAGE} | fonts-wqy-microhei"

DESKTOP = """[Desktop Entry]
Type=Application
Name=Companion
Name[zh_CN]=Companion 陪伴
GenericName=Offline AI companion
GenericName[zh_CN]=离线 AI 陪伴助手
Comment=A private, offline AI companion for low and anxious moments. No network, ever.
Comment[zh_CN]=私密、离线的 AI 陪伴助手，陪你度过低落和焦虑的时刻。永远不联网。
Exec=companion
Icon=companion
Terminal=false
Categories=Utility;
Keywords=CBT;journal;mood;offline;private;
Keywords[zh_CN]=认知行为;日记;情绪;离线;隐私;
StartupWMClass=companion
"""


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(folder: Path) -> tuple[set[str], set[str]]:
    """(paths of system libraries the bundle links to, names ldd could not find)."""
    lib_dirs = sorted({str(p.parent) for p in folder.rglob("*.so*") if p.is_file()})
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(lib_dirs)}
    resolved, missing = set(), set()
    for elf in _elf_files(folder):
        out = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            name, _, rest = line.strip().partition(" => ")
            if rest.startswith("not found"):
                if not any(Path(d, name).exists() for d in lib_dirs):
                    missing.add(f"{name} (needed by {elf.relative_to(folder)})")
                continue
            match = re.match(r"(/\S+)", rest)
            if match and not match.group(1).startswith(str(folder)):
                resolved.add(match.group(1))
    return resolved, missing


def _owner(path: str) -> str | None:
    real = os.path.realpath(path)
    candidates = {path, real}
    for p in list(candidates):  # merged /usr: dpkg may know /lib/... or /usr/lib/...
        candidates.add(p[4:] if p.startswith("/usr/") else "/usr" + p)
    for candidate in candidates:
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout.split(":")[0].strip()
    return None


def depends(folder: Path) -> list[str]:
    libraries, missing = system_libraries(folder)
    if missing:
        raise SystemExit("These libraries are not installed here, so Depends: cannot name their packages. "
                         "Install them (apt-get install …) and run again:\n  " + "\n  ".join(sorted(missing)))
    packages, unowned = set(), []
    for library in sorted(libraries):
        owner = _owner(library)
        if owner is None:
            unowned.append(library)
        else:
            packages.add(owner)
    if unowned:
        raise SystemExit("No package owns these libraries (installed by hand?):\n  " + "\n  ".join(unowned))
    return sorted(packages - ESSENTIAL)


def copyright_text() -> str:
    """A plain-text copyright file: the app's licence, then each bundled component and model."""
    import json

    components = json.loads((ROOT / "ui" / "third_party.json").read_text("utf-8"))["components"]
    width = max(len(c["name"]) for c in components)
    lines = ["Companion: a private, offline AI companion.", "",
             f"Installed under /{PREFIX} as a one-folder bundle that contains these components:", ""]
    lines += [f"  {c['name']:<{width}}  {c['licence']}  ({c['what']['en']})" for c in components]
    lines += ["", "Companion itself is licensed under the Apache License 2.0; on Debian systems its full",
              "text is in /usr/share/common-licenses/Apache-2.0. The LGPL-3.0 text (Qt, PySide6) is in",
              "/usr/share/common-licenses/LGPL-3, the GPL-2 text (PyInstaller's bootloader, with its",
              "exception) in /usr/share/common-licenses/GPL-2.", ""]
    return "\n".join(lines)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def installed_size_kib(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*")) // 1024 + 1


def stage(python: Path) -> Path:
    if not (BUNDLE / "companion").is_file():
        raise SystemExit(f"No bundle at {BUNDLE}: run python3 packaging/bundle.py first.")
    name = f"companion_{version()}_{architecture()}"
    root = STAGE / name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(BUNDLE, root / PREFIX, symlinks=True)
    for library in (root / PREFIX).rglob("*.so*"):
        if library.parent == root / PREFIX / "_internal" and library.name.startswith(SYSTEM_LIBRARIES):
            library.unlink()
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "companion").symlink_to(f"/{PREFIX}/companion")
    for command, module in COMMANDS.items():
        _write(bin_dir / command, f'#!/bin/sh\nexec /{PREFIX}/companion -m {module} "$@"\n', 0o755)
    share = root / "usr" / "share"
    _write(share / "applications" / "companion.desktop", DESKTOP)
    icons = STAGE / "icons"
    subprocess.run([str(python), "-m", "ui.icon_png", str(ROOT / "packaging" / "icons" / "companion.svg"), str(icons)],
                   check=True, capture_output=True, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    for png in icons.glob("companion-*.png"):
        size = png.stem.split("-")[1]
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "companion.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / "companion.svg"
    scalable.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / "packaging" / "icons" / "companion.svg", scalable)
    _write(share / "doc" / "companion" / "copyright", copyright_text())
    control = (f"Package: companion\nVersion: {version()}\nArchitecture: {architecture()}\n"
               f"Maintainer: Companion maintainers <companion@localhost>\n"
               f"Installed-Size: {installed_size_kib(root)}\n"
               f"Depends: {', '.join([*depends(root / PREFIX), FONT_DEPENDS])}\n"
               "Section: utils\nPriority: optional\n"
               "Description: private, offline AI companion for low and anxious moments\n"
               " CBT-informed chat with a small local language model (llama.cpp), exercises,\n"
               " self-checks and crisis resources. Conversations are encrypted with SQLCipher\n"
               " under the person's passphrase. It never connects to any network.\n"
               " .\n"
               " Data stays in each person's own data folder; removing the package leaves it.\n")
    _write(root / "DEBIAN" / "control", control)
    for path in [root, *root.rglob("*")]:  # what dpkg installs: readable by all, writable by root
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)
    return root


def install_build_deps() -> None:
    missing = [p for p in DISPLAY_PACKAGES
               if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if not missing:
        return
    install = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if subprocess.run(install).returncode != 0:  # the package lists may never have been fetched here
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(install, check=True)


def main(argv: list[str]) -> int:
    if "--install-build-deps" in argv:
        install_build_deps()
    python = ensure_environment()
    root = stage(python)
    out = ROOT / "dist" / f"{root.name}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(root), str(out)], check=True)
    print(f"Built {out} ({out.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
