"""No network and no plaintext, proved on the real app: tests/scenario.py runs the GUI offscreen in a
child process with no network at all (``unshare -rn``), every network system call traced
(``strace -f -e trace=network``), and canary strings in every kind of input. Afterwards (and once while
the app is running, with the vault's -wal/-shm files open) no canary is found in any file it could
have written, nor in its output."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.model

ALLOWED_FAMILIES = {"AF_UNIX", "AF_LOCAL", "AF_NETLINK"}


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"'{tool}' is not installed, so the no-network proof cannot run. Install it "
                    f"(Debian/Ubuntu: apt-get install {'util-linux' if tool == 'unshare' else tool}).",
                    pytrace=False)
    return path


def _preflight(command: list[str], what: str) -> None:
    """Fail (not skip) with the reason when the sandbox itself cannot run on this machine."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        pytest.fail(f"{what} does not work on this machine, so the no-network proof cannot run: "
                    f"{' '.join(command)} said: {result.stderr.strip()[:500]}. Unprivileged user namespaces "
                    f"(sysctl kernel.unprivileged_userns_clone=1) and ptrace must be allowed.", pytrace=False)


def _canaries() -> dict:
    """Made at run time, so no source file or command line can contain them beforehand."""
    chinese = "".join(chr(0x4E00 + secrets.randbelow(0x5000)) for _ in range(6))
    latin = f"zebra{secrets.token_hex(5)}"
    passphrase = f"pass{secrets.token_hex(5)} 口令"
    messages = [f"I keep thinking about {latin} tonight.", f"我一直在想{chinese}，睡不着。"]
    plan = [f"Call my sister about {latin}", f"想想{chinese}"]
    return {"latin": latin, "chinese": chinese, "passphrase": passphrase, "messages": messages, "plan": plan}


def _needles(c: dict) -> dict[bytes, str]:
    needles = {}
    for name in ("latin", "chinese", "passphrase"):
        text = c[name]
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
            needles[text.encode(encoding)] = f"{name} ({encoding})"
    needles[c["passphrase"].split()[0].encode()] = "passphrase (ascii part)"
    return needles


def _scan(roots: list[Path], needles: dict[bytes, str], newer_than: float = 0.0) -> list[str]:
    hits = []
    for root in roots:
        if not root.exists():
            continue
        for folder, _dirs, files in os.walk(root):  # os.walk: folders may vanish while it walks
            for name in files:
                path = Path(folder, name)
                try:
                    info = path.lstat()
                    if not path.is_file() or info.st_size > 512 * 1024 * 1024 or info.st_mtime < newer_than:
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue
                hits += [f"{path}: {what}" for needle, what in needles.items() if needle in data]
    return hits


def _network_calls(trace: str) -> list[str]:
    """Every socket() of another family and every connect/sendto/bind to a non-Unix address."""
    bad = []
    for line in trace.splitlines():
        created = re.search(r"\bsocket\((AF_\w+|\d+)", line)
        if created and created.group(1) not in ALLOWED_FAMILIES:
            bad.append(line.strip())
        addressed = re.search(r"\b(connect|sendto|sendmsg|bind)\(\d+, \{sa_family=(AF_\w+|\d+)", line)
        if addressed and addressed.group(2) not in ALLOWED_FAMILIES:
            bad.append(line.strip())
    return bad


def test_check_of_the_trace_flags_inet_sockets() -> None:
    """The trace reader can fail: an AF_INET socket and an AF_INET6 connect are flagged, Unix ones not."""
    trace = ('12 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3\n'
             '12 connect(3, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = 0\n'
             '13 socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 4\n'
             '13 connect(5, {sa_family=AF_INET6, sin6_port=htons(443)}, 28) = -1 ENETUNREACH\n')
    assert len(_network_calls(trace)) == 2


def test_gui_scenario_offline_traced_and_without_plaintext(tmp_path: Path, embedded_model: Path) -> None:
    unshare, strace = _require("unshare"), _require("strace")
    _preflight([unshare, "-rn", "true"], "unshare -rn (a process without network)")
    _preflight([unshare, "-rn", strace, "-f", "--seccomp-bpf", "-qq", "-e", "trace=network", "-o", os.devnull,
                "true"], "strace inside unshare -rn")
    sandbox = tmp_path / "sandbox ü 中"
    env_home = sandbox / "home"
    dirs = {"HOME": env_home, "XDG_CONFIG_HOME": env_home / ".config", "XDG_CACHE_HOME": env_home / ".cache",
            "XDG_DATA_HOME": env_home / ".local share", "XDG_STATE_HOME": env_home / ".local state",
            "XDG_RUNTIME_DIR": sandbox / "run", "TMPDIR": sandbox / "tmp"}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    dirs["XDG_RUNTIME_DIR"].chmod(0o700)
    data = sandbox / "data folder ü 数据"
    env = {k: v for k, v in os.environ.items() if k not in ("COMPANION_HOME",)}
    env.update({k: str(v) for k, v in dirs.items()})
    env["QT_QPA_PLATFORM"] = "offscreen"
    c = _canaries()
    # The one plaintext file a person may ask for: the safety plan's PDF, where they chose to put it.
    export = tmp_path / "chosen by the person" / "safety plan.pdf"
    export.parent.mkdir()
    config = {"home": str(data), "nickname": "River", "passphrase": c["passphrase"], "messages": c["messages"],
              "plan": c["plan"], "export_path": str(export), "secrets": [c["latin"], c["chinese"], c["passphrase"]]}
    needles = _needles(c)
    trace_file = tmp_path / "network.trace"
    started = time.time() - 1
    # unshare -rn: a new user and network namespace with no interface but a down loopback.
    command = [unshare, "-rn", strace, "-f", "--seccomp-bpf", "-qq", "-e", "trace=network", "-o", str(trace_file),
               sys.executable, "-m", "tests.scenario"]
    out_lines = []
    qt_paths: list[Path] = []
    running_hits: list[str] = []
    wal_seen = False
    with subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as child:
        assert child.stdin is not None and child.stdout is not None and child.stderr is not None
        child.stdin.write(json.dumps(config) + "\n")
        child.stdin.flush()
        for line in child.stdout:
            out_lines.append(line)
            if line.startswith("PATHS "):
                qt_paths = [Path(p) for p in json.loads(line[6:])]
            if line.startswith("PAUSE"):
                wal_seen = any(p.name.endswith("-wal") for p in data.rglob("*"))
                running_hits = _scan([sandbox], needles)
                child.stdin.write("go\n")
                child.stdin.flush()
        stderr = child.stderr.read()
        child.wait(60)
    stdout = "".join(out_lines)
    assert child.returncode == 0 and "DONE" in stdout, f"the scenario failed:\n{stdout}\n{stderr[-4000:]}"
    assert wal_seen, "the scan while running did not see the vault's -wal file"
    assert running_hits == [], "while running"

    # No network: the trace names every socket the process tree created.
    trace = trace_file.read_text("utf-8", "replace")
    assert "socketpair(AF_UNIX" in trace, "the trace does not cover the scenario (its marker is missing)"
    assert _network_calls(trace) == []

    # No plaintext: data folder (vault checkpointed at quit), home (~/.config, ~/.cache...), temp
    # folders, Qt's own locations, the system temp folder (files written since the start), the output.
    vaults = list(data.rglob("vault.db"))
    assert vaults and not any(Path(str(v) + "-wal").exists() and Path(str(v) + "-wal").stat().st_size
                              for v in vaults), "the vault was not checkpointed at quit"
    hits = _scan([sandbox, *qt_paths], needles)
    hits += [h for h in _scan([Path(tempfile.gettempdir()), Path("/var/tmp")], needles, newer_than=started)
             if not h.startswith(f"{export}:")]
    for name, text in (("stdout", stdout), ("stderr", stderr), ("network trace", trace)):
        hits += [f"{name}: {what}" for needle, what in needles.items() if needle in text.encode("utf-8")]
    assert hits == []
    if "STEP safety_plan" in stdout:  # the export holds the plan the person wrote (and is the only copy)
        from tests.pdf_text import pdf_text

        # (the test's little extractor cannot map every glyph back, digits among them)
        assert "Call my sister about zebra" in " ".join(pdf_text(export).split())
