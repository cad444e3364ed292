"""Issue 13's "done means", on real builds (marked slow: about 15 minutes together on 2 cores).

* The bundle, built by ``packaging/bundle.py`` from a fresh clone, runs its self-check (create a
  profile, a streamed reply from the embedded model, lock, unlock, quit) with an empty HOME and
  PATH=/usr/bin:/bin under ``unshare -rn`` and ``strace``: no AF_INET/AF_INET6 socket, nothing
  written inside the bundle, and the same data folder as the venv would use.
* The Debian package made from that bundle installs (``dpkg -i``), runs, and ``dpkg -r`` leaves no
  file behind (root only: elsewhere the test is skipped and says why).
* The offline kit installs into a clean venv with PIP_NO_INDEX=1; a kit with one altered file is
  refused with the file's name and nothing installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_trust_scenario import _network_calls, _preflight

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.model]
NICE = ["nice", "-n", "10"]  # builds share the machine


def _tool(name: str, debian_package: str) -> str:
    """The tool's path; installs its Debian package when missing and running as root (CI is)."""
    path = shutil.which(name)
    if path is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", debian_package], capture_output=True,
                       timeout=900)
        if shutil.which(name) is None:  # the package lists may never have been fetched on this machine
            subprocess.run(["apt-get", "update"], capture_output=True, timeout=900)
            subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", debian_package],
                           capture_output=True, timeout=900)
        path = shutil.which(name)
    if path is None:
        pytest.fail(f"'{name}' is missing and could not be installed (not root or no apt-get): "
                    f"apt-get install {debian_package}", pytrace=False)
    return path


def _clean_env(home: Path) -> dict[str, str]:
    """What a person's fresh account has: an empty HOME and the system PATH, nothing of this venv."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}


def _snapshot(folder: Path) -> dict[str, tuple[int, float]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of this repository's committed HEAD, with the bundle built in it."""
    folder = tmp_path_factory.mktemp("fresh") / "companion"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(folder)], check=True, timeout=600)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "COMPANION_HOME")}
    done = subprocess.run([*NICE, "python3", "packaging/bundle.py"], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=3600)
    assert done.returncode == 0, f"bundle.py failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    assert (folder / "dist" / "companion" / "companion").is_file()
    return folder


def test_bundle_from_a_fresh_clone_runs_offline_with_nothing_but_the_system(clone: Path, tmp_path: Path) -> None:
    unshare, strace = _tool("unshare", "util-linux"), _tool("strace", "strace")
    _preflight([unshare, "-rn", strace, "-f", "-qq", "-e", "trace=network", "-o", os.devnull, "true"],
               "strace inside unshare -rn")
    bundle = clone / "dist" / "companion"
    exe = bundle / "companion"
    before = _snapshot(bundle)
    home = tmp_path / "empty home"
    home.mkdir()
    trace = tmp_path / "network.trace"
    done = subprocess.run([unshare, "-rn", strace, "-f", "-qq", "-e", "trace=network,execve", "-o", str(trace),
                           str(exe), "--self-check"], env=_clean_env(home), cwd=tmp_path, capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr[-4000:]}"
    steps = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("self-check:") and " ok " in line]
    assert steps == ["create-profile", "reply", "lock", "unlock", "quit"], done.stdout
    assert "self-check: passed" in done.stdout
    assert "streamed in" in done.stdout
    layers = next(line for line in done.stdout.splitlines() if line.startswith("self-check: safety layers"))
    assert "OFF" not in layers and "semantic semantic-" in layers, layers  # the learned layers travelled too

    text = trace.read_text("utf-8", "replace")
    assert f'execve("{exe}"' in text, "the trace does not cover the bundle"
    assert _network_calls(text) == []
    assert _snapshot(bundle) == before, "the bundle wrote inside its own folder"

    # The frozen app runs its own modules as ``python -m`` would: the child that checks an imported
    # model file before loading it, and the clinic's model command.
    gguf = next(bundle.rglob("*.gguf"))
    checked = subprocess.run([str(exe), "-m", "models.validate", str(gguf)], env=_clean_env(home), capture_output=True,
                             text=True, timeout=600)
    assert checked.returncode == 0 and '"ok": true' in checked.stdout, checked.stdout + checked.stderr[-2000:]

    # platformdirs picks the same data folder in the bundle as in the venv for the same HOME.
    shown = next(line for line in done.stdout.splitlines() if line.startswith("self-check: data folder"))
    venv = subprocess.run([sys.executable, "-c", "from companion.paths import resolve_home; print(resolve_home())"],
                          env={**_clean_env(home), "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          check=True)
    assert shown.split("data folder ", 1)[1] == venv.stdout.strip()
    assert shown.split("data folder ", 1)[1].startswith(str(home / ".local" / "share"))


def test_debian_package_installs_runs_and_removes_without_a_trace(clone: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0 or shutil.which("dpkg-deb") is None:
        pytest.skip("installing a .deb needs root and dpkg (this is not a Debian system run as root)")
    done = subprocess.run([*NICE, "python3", "packaging/deb.py", "--install-build-deps"], cwd=clone,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"deb.py failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    package = next((clone / "dist").glob("companion_*.deb"))
    info = subprocess.run(["dpkg-deb", "--field", str(package), "Depends"], capture_output=True, text=True,
                          check=True).stdout
    assert "libxcb-cursor0" in info and "fonts-noto-cjk | fonts-wqy-microhei" in info, info
    files = [line.split(None, 5)[5].removeprefix(".").split(" -> ")[0]
             for line in subprocess.run(["dpkg-deb", "-c", str(package)], capture_output=True, text=True,
                                        check=True).stdout.splitlines()]
    ours = [f.rstrip("/") for f in files if "companion" in f]  # shared folders (/usr/share/icons…) stay
    try:
        subprocess.run(["dpkg", "-i", str(package)], check=True, capture_output=True, timeout=900)
        for path in ("/usr/bin/companion", "/usr/bin/companion-model", "/opt/companion/companion",
                     "/usr/share/applications/companion.desktop", "/usr/share/doc/companion/copyright",
                     "/usr/share/icons/hicolor/256x256/apps/companion.png"):
            assert os.path.lexists(path), path
        copyright_text = Path("/usr/share/doc/companion/copyright").read_text("utf-8")
        assert "SmolLM2" in copyright_text and "llama.cpp" in copyright_text and "LGPL-3.0" in copyright_text
        home = tmp_path / "home"
        home.mkdir()
        run = subprocess.run(["companion", "--self-check"], env=_clean_env(home), capture_output=True, text=True,
                             timeout=1800)
        assert run.returncode == 0 and "self-check: passed" in run.stdout, run.stdout + run.stderr[-3000:]
        assert "OFF" not in next(line for line in run.stdout.splitlines() if "safety layers" in line), run.stdout
        listing = subprocess.run(["companion-model", "list"], env=_clean_env(home), capture_output=True,
                                 text=True, timeout=600)
        assert listing.returncode == 0, listing.stderr[-2000:]
    finally:
        subprocess.run(["dpkg", "-r", "companion"], capture_output=True, timeout=900)
    left = [path for path in ours if os.path.lexists(path)]
    assert left == [] and not os.path.exists("/opt/companion"), f"dpkg -r left files behind: {left[:20]}"


def test_offline_kit_installs_without_an_index_and_refuses_an_altered_file(clone: Path, tmp_path: Path) -> None:
    done = subprocess.run([*NICE, "python3", "packaging/kit.py", "--no-bundle", "--out", str(tmp_path / "out"),
                           "--models-from", str(tmp_path)], cwd=clone, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"kit.py failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    kit = next((tmp_path / "out").glob("companion-kit-*"))
    assert {"install.sh", "INSTALL.txt", "SHA256SUMS", "wheels"} <= {p.name for p in kit.iterdir()}
    assert any(p.name.startswith("llama_cpp_python-") for p in (kit / "wheels").iterdir())

    # A copy with one altered byte in one wheel is refused, by name, before anything is installed.
    damaged = tmp_path / "damaged kit"
    shutil.copytree(kit, damaged)
    victim = sorted((damaged / "wheels").glob("platformdirs-*.whl"))[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    refused_at = tmp_path / "refused"
    refused = subprocess.run(["sh", str(damaged / "install.sh"), "--wheels", str(refused_at), "--skip-check"],
                             capture_output=True, text=True, timeout=600, env={**os.environ, "PIP_NO_INDEX": "1"})
    assert refused.returncode == 1 and f"wheels/{victim.name}" in refused.stderr, refused.stderr
    assert not refused_at.exists()

    # The intact kit installs into a clean venv with no index, and the app works from it.
    target = tmp_path / "clinic venv"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "COMPANION_HOME")}
    env.update({"PIP_NO_INDEX": "1", "QT_QPA_PLATFORM": "offscreen", "PIP_CONFIG_FILE": os.devnull})
    installed = subprocess.run([*NICE, "sh", str(kit / "install.sh"), "--wheels", str(target)], capture_output=True,
                               text=True, timeout=1800, env=env, cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    assert "self-check: passed" in installed.stdout
    found = subprocess.run([str(target / "bin" / "python"), "-c",
                            "from models.locate import embedded_model_path; print(embedded_model_path())"],
                           capture_output=True, text=True, cwd=tmp_path, check=True)
    assert str(target) in found.stdout
