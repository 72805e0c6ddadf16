#!/usr/bin/env bash
# Set up and build Comet: install the Debian packages it needs, fetch
# TinyScheme from Debian's source package, patch it, configure CMake with
# Ninja and build. Idempotent: a second run only rebuilds what changed.
#
#   utils/setup.sh [--build-dir DIR] [--sanitize] [-j N] [-- CMAKE_ARGS...]
#
# --build-dir DIR  build tree (default: build, or build-asan with --sanitize,
#                  at the repository root)
# --sanitize       configure with -DCOMET_SANITIZE=ON (ASan + UBSan)
# -j N             parallel build jobs (default: number of CPUs)
# CMAKE_ARGS       extra arguments for cmake; given, they force a reconfigure
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=
SANITIZE=0
JOBS=$(nproc 2>/dev/null || echo 2)
CMAKE_ARGS=()

say() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }
usage() { sed -n '6,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case $1 in
    --build-dir) (($# >= 2)) || die "--build-dir needs a directory"
                 BUILD=$2; shift 2 ;;
    --build-dir=*) BUILD=${1#*=}; shift ;;
    --sanitize) SANITIZE=1; shift ;;
    -j) (($# >= 2)) || die "-j needs a number"; JOBS=$2; shift 2 ;;
    -j*) JOBS=${1#-j}; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; CMAKE_ARGS=("$@"); break ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "-j wants a positive number, not '$JOBS'"
if [[ -z $BUILD ]]; then
  if ((SANITIZE)); then BUILD=$ROOT/build-asan; else BUILD=$ROOT/build; fi
fi
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
DEPS=$BUILD/_deps

# Run as root directly, otherwise through sudo (only package installation
# needs it).
as_root() {
  if ((EUID == 0)); then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "installing packages needs root: run as root or install sudo"
  fi
}

# ---------------------------------------------------------------- packages
PACKAGES=(
  cmake ninja-build g++ gcc python3 patch xz-utils dpkg-dev
  llvm-19-dev llvm-19-tools clang-19
  # comet-vm links LLVM's static libraries, whose CMake targets name these.
  libzstd-dev zlib1g-dev
  libboost-program-options-dev libgtest-dev libedit-dev
  csmith libcsmith-dev
)
missing=()
# dpkg-query fails for a package it has never seen: only its output counts.
installed=$( (dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' \
                "${PACKAGES[@]}" 2>/dev/null || true) | awk '$1 == "ii" { print $2 }')
for p in "${PACKAGES[@]}"; do
  grep -qxF -- "$p" <<<"$installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  as_root apt-get update -qq || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]} failed"
fi

# --------------------------------------------------------------- TinyScheme
# Debian's source package, unpacked with Debian's own patches and then ours.
# The stamp records which of our patches were applied; when they change the
# source is unpacked again from the downloaded package (no new download).
TS=$DEPS/tinyscheme
TS_DL=$DEPS/tinyscheme-dl
PATCHES=("$ROOT"/scheme/patches/*.patch)
[[ -e ${PATCHES[0]} ]] || PATCHES=()
want_stamp=$( ( echo v1; ((${#PATCHES[@]} == 0)) || cat "${PATCHES[@]}" ) |
              sha256sum | cut -d' ' -f1)

# A private apt configuration: the machine's own sources turned into deb-src,
# with state, lists and cache under the build tree, so that nothing of the
# machine's apt set-up changes. Everything else (proxies, keys) is the
# machine's.
write_private_apt() {
  local apt=$DEPS/apt SL SP f
  rm -rf "$apt/sources.list.d"
  mkdir -p "$apt/sources.list.d" "$apt/state/lists/partial" \
           "$apt/cache/archives/partial"
  eval "$(apt-config shell SL Dir::Etc::SourceList/f SP Dir::Etc::SourceParts/d)"
  # One-line format: "deb [options] URI suite components" -> "deb-src ...".
  list_to_src() {
    sed -nE 's/^[[:space:]]*deb(-src)?([[:space:]])/deb-src\2/p' "$1" | awk '!seen[$0]++'
  }
  # deb822 format: every stanza's "Types:" becomes "Types: deb-src"; URIs,
  # Suites, Components, Signed-By, Enabled and the rest are kept.
  sources_to_src() {
    sed -E 's/^[Tt][Yy][Pp][Ee][Ss]:.*/Types: deb-src/' "$1"
  }
  : >"$apt/sources.list"
  [[ -n ${SL:-} && -r $SL ]] && list_to_src "$SL" >"$apt/sources.list"
  if [[ -n ${SP:-} && -d $SP ]]; then
    for f in "$SP"/*.list; do
      [[ -r $f ]] && list_to_src "$f" >"$apt/sources.list.d/${f##*/}"
    done
    for f in "$SP"/*.sources; do
      [[ -r $f ]] && sources_to_src "$f" >"$apt/sources.list.d/${f##*/}"
    done
  fi
  cat >"$apt/apt.conf" <<EOF
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "$apt/sources.list.d";
Dir::State "$apt/state";
Dir::Cache "$apt/cache";
Acquire::Languages "none";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
EOF
  APT_CONF=$apt/apt.conf
}

fetch_tinyscheme() {
  local log=$DEPS/tinyscheme-fetch.log
  write_private_apt
  say "fetching Debian source package tinyscheme"
  : >"$log"
  # Sources that have no deb-src side (third-party repositories) fail here
  # harmlessly; what matters is whether tinyscheme can be found afterwards.
  apt-get -c "$APT_CONF" -q update >>"$log" 2>&1 || true
  rm -rf "$TS_DL" "$TS_DL.new"; mkdir -p "$TS_DL.new"
  # Let apt's unprivileged download user write here, so it need not warn.
  if ((EUID == 0)) && id -u _apt >/dev/null 2>&1; then chown _apt "$TS_DL.new"; fi
  if ! (cd "$TS_DL.new" && apt-get -c "$APT_CONF" -q source --download-only \
          tinyscheme >>"$log" 2>&1); then
    cat "$log" >&2
    die "could not download the tinyscheme source package; the machine's" \
        "apt sources must reach a Debian archive with source packages" \
        "(log: $log)"
  fi
  mv "$TS_DL.new" "$TS_DL"   # complete downloads only
}

if [[ ! -f $TS/scheme.c || $(cat "$TS/.comet-stamp" 2>/dev/null) != "$want_stamp" ]]; then
  mkdir -p "$DEPS"
  compgen -G "$TS_DL/tinyscheme_*.dsc" >/dev/null || fetch_tinyscheme
  dsc=$(compgen -G "$TS_DL/tinyscheme_*.dsc" | sort -V | tail -n1)
  say "unpacking ${dsc##*/}"
  rm -rf "$TS.new"
  dpkg-source --no-copy -x "$dsc" "$TS.new" >"$DEPS/tinyscheme-unpack.log" 2>&1 ||
    { cat "$DEPS/tinyscheme-unpack.log" >&2; die "dpkg-source -x $dsc failed"; }
  for p in "${PATCHES[@]}"; do
    say "applying ${p#"$ROOT"/}"
    patch -d "$TS.new" -p1 --forward --batch --silent <"$p" ||
      die "patch ${p#"$ROOT"/} does not apply to ${dsc##*/}"
  done
  [[ -f $TS.new/scheme.c && -f $TS.new/init.scm ]] ||
    die "unexpected layout of ${dsc##*/}: no scheme.c or init.scm"
  echo "$want_stamp" >"$TS.new/.comet-stamp"
  rm -rf "$TS"
  mv "$TS.new" "$TS"
fi

# -------------------------------------------------------- configure, build
cache=$BUILD/CMakeCache.txt
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$cache" 2>/dev/null; }
reconfigure=0
if [[ ! -f $BUILD/build.ninja || ! -f $cache ]]; then
  reconfigure=1
  CMAKE_ARGS=(-DCMAKE_BUILD_TYPE=Release "${CMAKE_ARGS[@]}")
elif ((${#CMAKE_ARGS[@]})) || [[ $(cache_value COMET_TINYSCHEME_SOURCE_DIR) != "$TS" ]] ||
     { ((SANITIZE)) && [[ $(cache_value COMET_SANITIZE) != ON ]]; }; then
  reconfigure=1
fi
if ((reconfigure)); then
  ((SANITIZE)) && CMAKE_ARGS+=(-DCOMET_SANITIZE=ON)
  say "configuring $BUILD"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja --log-level=WARNING \
    -DCOMET_TINYSCHEME_SOURCE_DIR="$TS" "${CMAKE_ARGS[@]}" ||
    die "cmake configuration of $BUILD failed"
fi

say "building $BUILD (-j$JOBS)"
quiet=()
[[ -t 1 ]] || quiet=(--quiet)   # in logs, only commands that print something
ninja -C "$BUILD" -j"$JOBS" "${quiet[@]}" || die "build failed in $BUILD"
say "done"
