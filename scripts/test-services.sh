#!/usr/bin/env bash
# Make sure the PostgreSQL server binaries exist for the database tests (Debian packages, root only).
# The tests start and stop their own server on loopback; this only installs it when missing.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing PostgreSQL server (Debian package) for the database tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || echo "PostgreSQL could not be installed; its tests will be skipped." >&2
else
  echo "PostgreSQL server not found and not root: its tests will be skipped." >&2
fi
