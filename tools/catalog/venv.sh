#!/usr/bin/env bash
# Create target/sdk-venv with the pinned Huawei Cloud Meeting Python SDK.
#
# Why a venv under target/: the SDK is only an input to tools/catalog/extract.py,
# never a dependency of the Rust workspace; target/ is git-ignored and removed
# by `cargo clean`, so nothing of it is committed by accident.
#
# Why pinned: sdk.json must be reproducible. requirements.txt holds the exact
# versions of huaweicloudsdkmeeting and everything it pulls in (generated once
# with `pip freeze` inside the venv); taking in a new SDK release means editing
# SDK_VERSION, deleting requirements.txt, running this script (it regenerates
# the file) and re-running extract.py.
#
# Idempotent: when the venv exists and already holds exactly requirements.txt,
# it does nothing.
set -euo pipefail

SDK_VERSION=3.1.219
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${CARGO_TARGET_DIR:-$root/target}/sdk-venv"
req="$here/requirements.txt"
py="$venv/bin/python"

[ -x "$py" ] || python3 -m venv "$venv"

if [ -f "$req" ] && ! grep -qx "huaweicloudsdkmeeting==$SDK_VERSION" "$req"; then
    echo "venv.sh: $req does not pin huaweicloudsdkmeeting==$SDK_VERSION; delete it to re-resolve" >&2
    exit 1
fi
if [ -f "$req" ]; then
    # Up to date when the installed set equals the pinned set.
    if diff -q <("$py" -m pip freeze --disable-pip-version-check | sort) <(grep -v '^#' "$req" | sort) >/dev/null; then
        echo "sdk-venv: up to date ($venv)"
        exit 0
    fi
    "$py" -m pip install --disable-pip-version-check --quiet -r "$req"
else
    # First run (or a new SDK release): resolve, then freeze the result.
    "$py" -m pip install --disable-pip-version-check --quiet "huaweicloudsdkmeeting==$SDK_VERSION"
    {
        echo "# pip freeze of target/sdk-venv after installing huaweicloudsdkmeeting==$SDK_VERSION (tools/catalog/venv.sh)"
        "$py" -m pip freeze --disable-pip-version-check
    } >"$req"
fi
echo "sdk-venv: installed into $venv"
"$py" -m pip show huaweicloudsdkmeeting huaweicloudsdkcore 2>/dev/null | grep -E '^(Name|Version):'
