#!/usr/bin/env bash
# Install what the test suite needs outside Python, from Debian packages, when it is missing:
#   postgresql  server binaries (initdb, pg_ctl) — tests/conftest.py starts a throwaway
#               cluster of its own on a free local port; no system cluster is needed
#   chromium    the headless browser of the web UI tests
# Idempotent: installs nothing that is already there, and says what it found or did.
# Needs root (or sudo) only when something has to be installed.
set -euo pipefail

missing=()

pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

chromium_bin() {
    command -v chromium || command -v chromium-browser || command -v google-chrome || return 1
}

if dir="$(pg_bindir)"; then
    echo "postgresql: found ($dir)"
else
    missing+=(postgresql)
fi

if bin="$(chromium_bin)"; then
    echo "chromium: found ($bin)"
else
    missing+=(chromium)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "services: nothing to install"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "services: missing ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "services: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
    exit 1
fi

echo "services: installing ${missing[*]} (apt-get install -y ${missing[*]})"
export DEBIAN_FRONTEND=noninteractive
${sudo[@]+"${sudo[@]}"} apt-get update -qq
${sudo[@]+"${sudo[@]}"} apt-get install -y -qq --no-install-recommends "${missing[@]}"

for pkg in "${missing[@]}"; do
    case "$pkg" in
        postgresql) dir="$(pg_bindir)" && echo "postgresql: installed ($dir)" ;;
        chromium) bin="$(chromium_bin)" && echo "chromium: installed ($bin)" ;;
    esac
done
