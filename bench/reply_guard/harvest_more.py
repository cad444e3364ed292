"""Run the extra harvesting conversations through the real Sessions (both embedded models).

    .venv/bin/python bench/reply_guard/harvest_more.py /tmp/more.json
    .venv/bin/python bench/reply_guard/harvest.py /tmp/replies.json /tmp/more.json

``harvest_conversations.json`` holds ordinary conversations (exams, work, sleep, loneliness, grief,
"are you a real person?", a new medicine's side effects) written for this; they all count as training
(``split`` "tune"). The output has the shape of ``bench/conversation.py --out``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent))

from conversation import installed_models, run_model  # noqa: E402
from models.llama_logging import install_log_callback  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1])
    install_log_callback()
    conversations = json.loads((HERE / "harvest_conversations.json").read_text("utf-8"))["conversations"]
    results = {name: run_model(path, conversations, 5, free=True) for name, path in installed_models()}
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
