"""Start-up and install size: the bundle (dist/companion/) next to the venv, side by side in one run.

    .venv/bin/python bench/startup.py [--runs 5] [--bundle dist/companion/companion]

For each of the bundle and the venv (``.venv/bin/python -m ui.main``), alternating so both see the
same machine load:
  * launch-to-window: from just before the process is started to the first turn of the event loop
    after the window is shown (the app prints that moment's system-wide monotonic clock when
    COMPANION_STARTUP_PROBE is set; ui/main.py), median of --runs launches, on the unlock screen of a
    data folder holding one profile;
  * the CPU time (user + system, all threads) the process used up to that moment: on a shared,
    loaded machine wall-clock start-up mostly measures waiting for a core, CPU time much less so;
  * peak memory at the unlock screen: the process's VmHWM one second after the window is shown;
  * create-profile, reply, lock, unlock and quit times from ``--self-check`` (ui/self_check.py: the
    real window driven offscreen), once each; Argon2id's own time (the app's KdfParams, median of 3)
    is printed on its own line, since create-profile and unlock each include one.
Also the bundle's size on disk and as a .tar.gz. Qt runs offscreen (QT_QPA_PLATFORM) unless set.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE = re.compile(r"companion-probe window-shown (\d+\.\d+)")
STEP = re.compile(r"self-check: ([\w-]+) ok (\d+) ms")


def _env(home: Path) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE (set on some build machines) would make every launch recompile the app's
    # sources: a person's install keeps its .pyc files after the first start, and so does the bench.
    env = {k: v for k, v in os.environ.items() if k not in ("COMPANION_HOME", "PYTHONDONTWRITEBYTECODE")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["COMPANION_HOME"] = str(home)
    return env


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch(command: list[str], home: Path) -> tuple[float, int, float]:
    """(seconds from start to the window, peak KiB one second later, CPU seconds up to the window)."""
    env = {**_env(home), "COMPANION_STARTUP_PROBE": "1"}
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    try:
        assert child.stderr is not None
        for line in child.stderr:
            match = PROBE.search(line)
            if match:
                shown, cpu = float(match.group(1)), _cpu_seconds(child.pid)
                break
        else:
            raise SystemExit(f"{command[0]} exited ({child.wait()}) before showing its window")
        time.sleep(1.0)
        return shown - started, _peak_kib(child.pid), cpu
    finally:
        child.terminate()  # on the unlock screen nothing is open: a plain stop loses nothing
        child.wait(30)


def self_check(command: list[str], home: Path) -> dict[str, int]:
    out = subprocess.run([*command, "--self-check", "--home", str(home)], env=_env(home), cwd=ROOT,
                         capture_output=True, text=True, timeout=1200)
    if out.returncode != 0:
        raise SystemExit(f"self-check failed:\n{out.stdout}\n{out.stderr[-2000:]}")
    return {name: int(ms) for name, ms in STEP.findall(out.stdout)}


def argon2_seconds(runs: int = 3) -> float:
    from argon2.low_level import Type, hash_secret_raw

    from storage.keyfile import KdfParams

    params = KdfParams()  # the app's own cost
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        hash_secret_raw(b"a passphrase for timing", b"0123456789abcdef", time_cost=params.time_cost,
                        memory_cost=params.memory_kib, parallelism=params.parallelism, hash_len=32, type=Type.ID)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def disk_usage(folder: Path) -> tuple[int, int]:
    """(bytes allocated on disk, apparent bytes)."""
    allocated = apparent = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            allocated += info.st_blocks * 512
            apparent += info.st_size
    return allocated, apparent


def archive_size(folder: Path) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "companion.tar.gz"
        started = time.monotonic()
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder, arcname=folder.name)
        return archive.stat().st_size, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "companion" / "companion")
    args = parser.parse_args()
    commands = {"venv": [sys.executable, "-m", "ui.main"]}
    if args.bundle.is_file():
        commands = {"bundle": [str(args.bundle)], **commands}
    else:
        print(f"(no bundle at {args.bundle}: run python3 packaging/bundle.py; venv figures only)")
    work = Path(tempfile.mkdtemp(prefix="startup-bench-"))
    try:
        homes = {name: work / name for name in commands}
        # The self-check first: it leaves its profile in the folder, so the launches show the unlock
        # screen with one profile, as a person sees it on every start after the first.
        steps = {name: self_check(command, homes[name]) for name, command in commands.items()}
        launches: dict[str, list[tuple[float, int, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                launches[name].append(launch(command, homes[name]))
        argon2 = argon2_seconds()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    names = list(commands)
    print(f"\nStart-up, {os.cpu_count()} CPUs, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"{'what':<60}" + "".join(f"{n:>14}" for n in names) + ("   bundle/venv" if len(names) == 2 else ""))

    def row(label: str, values: list[float], unit: str, digits: int = 0) -> None:
        cells = "".join(f"{v:>{14 - len(unit) - 1}.{digits}f} {unit}" for v in values)
        ratio = f"   {values[0] / values[1]:.2f}" if len(values) == 2 and values[1] else ""
        print(f"{label:<60}{cells}{ratio}")

    row(f"launch-to-window, median of {args.runs} (target: bundle 1.5 s, venv 1 s)",
        [statistics.median(t for t, _, _ in launches[n]) for n in names], "s", 2)
    row("launch-to-window, slowest", [max(t for t, _, _ in launches[n]) for n in names], "s", 2)
    row("CPU time up to the window (median)", [statistics.median(c for _, _, c in launches[n]) for n in names],
        "s", 2)
    row("peak memory at the unlock screen (median)",
        [statistics.median(k for _, k, _ in launches[n]) / 1024 for n in names], "MiB")
    for step in ("create-profile", "reply", "lock", "unlock", "quit"):
        row(f"self-check: {step}", [steps[n].get(step, float("nan")) for n in names], "ms")
    print(f"Argon2id alone (64 MiB, t=3; once in create-profile and once in unlock): {1000 * argon2:.0f} ms")
    if "bundle" in commands:
        folder = args.bundle.parent
        allocated, apparent = disk_usage(folder)
        packed, seconds = archive_size(folder)
        print(f"bundle size: {allocated / 2**20:.0f} MiB on disk ({apparent / 2**20:.0f} MiB of file data), "
              f"{packed / 2**20:.0f} MiB as .tar.gz (packed in {seconds:.0f} s)")


if __name__ == "__main__":
    main()
