"""The pieces of issue 13 that need no build: the bundle's ``-m`` entry point, the start-up probe,
the self-check, the About dialog, and the kit's install script refusing a damaged kit."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion import Companion
from tests.conftest import FAST_KDF

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "packaging" / "entry.py"


def test_entry_runs_the_apps_own_modules_and_nothing_else() -> None:
    own = subprocess.run([sys.executable, str(ENTRY), "-m", "models.validate"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert own.returncode == 2 and "usage: python -m models.validate PATH" in own.stderr
    foreign = subprocess.run([sys.executable, str(ENTRY), "-m", "http.server"], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    assert foreign.returncode == 2 and "only the app's own modules" in foreign.stderr


def test_entry_passes_the_arguments_to_the_module(tmp_path: Path) -> None:
    not_a_model = tmp_path / "notes.gguf"
    not_a_model.write_text("not a model")
    done = subprocess.run([sys.executable, str(ENTRY), "-m", "models.validate", str(not_a_model)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and '"kind": "not_gguf"' in done.stdout


def test_startup_probe_prints_one_text_free_line_only_when_asked(home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMPANION_HOME": str(home)}
    for probe, expected in (("1", True), ("", False)):
        child = subprocess.Popen([sys.executable, "-m", "ui.main"], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env={**env, "COMPANION_STARTUP_PROBE": probe})
        try:
            child.wait(8)  # the app keeps running: the window is up by then
        except subprocess.TimeoutExpired:
            pass
        child.terminate()
        out, err = child.communicate(timeout=30)
        probe_lines = [line for line in err.splitlines() if line.startswith("companion-probe")]
        if expected:
            assert len(probe_lines) == 1 and probe_lines[0].split()[1] == "window-shown"
            float(probe_lines[0].split()[2])
        else:
            assert probe_lines == [], "the probe printed without being asked"


@pytest.mark.model
def test_self_check_passes_in_the_venv_and_removes_its_folder(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "ui.main", "--self-check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=900, env=env)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    steps = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("self-check:") and " ok " in line]
    assert steps == ["create-profile", "reply", "lock", "unlock", "quit"] and "self-check: passed" in done.stdout, steps
    layers = next(line for line in done.stdout.splitlines() if line.startswith("self-check: safety layers"))
    assert "OFF" not in layers and "semantic semantic-" in layers, layers  # the learned layers travelled too
    assert "streamed in" in done.stdout
    assert list(tmp_path.iterdir()) == [], "the self-check left its temporary data folder behind"


def test_about_dialog_says_version_model_licence_no_network_and_notices(qtbot, home: Path,  # noqa: ANN001
                                                                           embedded_model: Path) -> None:
    from ui.about_dialog import AboutDialog, app_version, third_party_components

    core = Companion(home=home, kdf=FAST_KDF)
    try:
        # Not yet in the library (a fresh install): the licence comes from the file's header.
        dialog = AboutDialog(core)
        qtbot.addWidget(dialog)
        texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.model_line)))
        assert f"Companion {app_version()}" in texts and app_version()[0].isdigit()
        assert "never connects to the internet" in dialog.no_network.text()
        assert "licence: apache-2.0" in dialog.model_line.text().lower(), dialog.model_line.text()
        assert dialog.data_line.text() == str(home)
        notices = dialog.notices.toPlainText()
        assert len(notices.splitlines()) == len(third_party_components()) >= 10
        for name in ("llama.cpp", "SQLCipher", "PySide6", "SmolLM2"):
            assert name in notices
    finally:
        core.close()


def _fake_kit(folder: Path) -> Path:
    """A kit with the real install script and checksums, and two small files standing in for wheels."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from kit import write_checksums
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    kit = folder / "kit"
    (kit / "wheels").mkdir(parents=True)
    (kit / "wheels" / "a-1.0-py3-none-any.whl").write_bytes(b"wheel a")
    (kit / "wheels" / "b-1.0-py3-none-any.whl").write_bytes(b"wheel b")
    shutil.copyfile(ROOT / "packaging" / "kit_install.sh", kit / "install.sh")
    write_checksums(kit)
    listed = (kit / "SHA256SUMS").read_text().splitlines()
    assert f"{hashlib.sha256(b'wheel a').hexdigest()}  wheels/a-1.0-py3-none-any.whl" in listed
    return kit


@pytest.mark.parametrize("damage", ["altered", "missing", "added"])
def test_kit_install_stops_on_a_damaged_kit_naming_the_file_and_installs_nothing(tmp_path: Path,
                                                                                  damage: str) -> None:
    kit = _fake_kit(tmp_path)
    name = "wheels/b-1.0-py3-none-any.whl"
    if damage == "altered":
        (kit / name).write_bytes(b"wheel B")
    elif damage == "missing":
        (kit / name).unlink()
    else:
        name = "wheels/c-9.9-py3-none-any.whl"
        (kit / name).write_bytes(b"a wheel someone slipped in")
    dest = tmp_path / "installed"
    done = subprocess.run(["sh", str(kit / "install.sh"), "--wheels", str(dest), "--skip-check"],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PIP_NO_INDEX": "1"})
    assert done.returncode == 1 and "STOPPED" in done.stderr and name in done.stderr, done.stderr
    assert "Nothing was installed" in done.stderr
    assert not dest.exists()
