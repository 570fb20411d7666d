#!/usr/bin/env bash
# Interoperability suite (issue 6 item 5): the files Cardbox writes against
# vobject, khard and vdirsyncer, and theirs against Cardbox. Run by .ci/run after
# `swift test`. Any failure fails the run, installing the tools included: a tool
# that is missing is an error, never a skipped test.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PYTHONDONTWRITEBYTECODE=1

if ! python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
        -r Tests/Interop/requirements.txt; then
  echo "interop: installing vobject, khard and vdirsyncer with pip failed" >&2
  exit 1
fi
for tool in khard vdirsyncer; do
  command -v "$tool" >/dev/null || { echo "interop: $tool is not on PATH after pip install" >&2; exit 1; }
done
python3 -c 'import pytest, vobject' || { echo "interop: pytest or vobject cannot be imported" >&2; exit 1; }

export CARDBOX_BIN="${CARDBOX_BIN:-$PWD/.build/debug/cardbox}"
if [ ! -x "$CARDBOX_BIN" ]; then
  swift build --product cardbox
fi

# pytest's exit code is the script's (set -e); conftest.py prints "interop: N passed, N failed"
# and turns any skipped test into a failure.
python3 -m pytest -p no:cacheprovider -q Tests/Interop
