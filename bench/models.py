"""Each installed model with the settings the app chooses vs llama-cpp-python's defaults, side by side.

    .venv/bin/python bench/models.py [--runs 3] [--home DATA_FOLDER]

Models: the embedded SmolLM2-135M, the Gemma 3 270M test model (when its packages are installed),
and every model in the library of DATA_FOLDER (or COMPANION_HOME). Every measurement runs in a fresh
child process, so load time includes mapping the file and the peak resident memory is that child's
own. Figures are medians of --runs children. Prompt: 256 tokens; decode: 64 greedy tokens.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(model: str, settings: str) -> None:
    from models.reference import measure

    print(json.dumps(measure(Path(model), json.loads(settings) or None)))


def run(model: Path, settings: dict | None, runs: int) -> dict:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--child", str(model), json.dumps(settings or {})],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--home")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from companion.library.choice import ModelManager
    from companion.paths import resolve_home
    from companion.preferences import load_preferences
    from models import embedded_model_path
    from models.locate import assemble_second_test_model

    home = resolve_home(args.home)
    manager = ModelManager(home, lambda: load_preferences(home).model_path, lambda _: None)
    models = [p for p in (embedded_model_path(),
                          assemble_second_test_model(Path(tempfile.gettempdir()) / "companion-bench-models"))
              if p is not None]
    models += [Path(e.path) for e in manager.entries() if Path(e.path) not in models and e.stored != "embedded"]
    machine = manager.machine
    print(f"machine: {machine.physical_cores} physical cores, {machine.total_memory / 2**30:.1f} GB memory "
          f"({machine.available_memory / 2**30:.1f} GB free), GPU offload: {machine.gpu_offload}; "
          f"median of {args.runs} child processes each")
    header = f"{'model':<28} {'settings':<9} {'n_ctx':>6} {'thr':>4} {'batch':>5} {'load s':>7} " \
             f"{'prompt t/s':>10} {'decode t/s':>10} {'peak MiB':>9} {'estimate MiB':>12}"
    print(header)
    print("-" * len(header))
    for model in models:
        plan = manager.plan(model)
        assert plan.runtime is not None and plan.facts is not None
        app = {"n_ctx": plan.settings.n_ctx, "n_threads": plan.runtime.n_threads,
               "n_threads_batch": plan.runtime.n_threads, "n_batch": min(plan.runtime.n_batch, plan.settings.n_ctx),
               "n_gpu_layers": plan.runtime.n_gpu_layers}
        rows = {"app": run(model, app, args.runs), "defaults": run(model, None, args.runs)}
        for label, r in rows.items():
            estimate = plan.facts.memory_needed(int(r["n_ctx"]), int(r["n_batch"])) / 2**20
            print(f"{model.name[:28]:<28} {label:<9} {r['n_ctx']:>6.0f} {r['n_threads']:>4.0f} {r['n_batch']:>5.0f} "
                  f"{r['load_s']:>7.2f} {r['prompt_tps']:>10.1f} {r['decode_tps']:>10.1f} "
                  f"{r['peak_rss_mib']:>9.0f} {estimate:>12.0f}")
        a, d = rows["app"], rows["defaults"]
        print(f"{'':<28} {'app/def':<9} {'':>6} {'':>4} {'':>5} {a['load_s'] / d['load_s']:>7.2f} "
              f"{a['prompt_tps'] / d['prompt_tps']:>10.2f} {a['decode_tps'] / d['decode_tps']:>10.2f} "
              f"{a['peak_rss_mib'] / d['peak_rss_mib']:>9.2f}")


if __name__ == "__main__":
    main()
