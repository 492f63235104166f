#!/usr/bin/env bash
# Runs a command with a real Secret Service, so keytar is tested against the real thing.
# Where a session bus with an unlocked keyring already exists (a desktop), it is used as is;
# otherwise a private D-Bus session is started with its own gnome-keyring-daemon, unlocked with a
# throwaway password, in a throwaway HOME (the user's real keyring is never touched).
set -euo pipefail

if [ "${CDD_KEYRING_READY:-}" = "1" ] || [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec "$@"
fi

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon missing; keychain tests will report the missing keychain (apt-get install dbus gnome-keyring)" >&2
  exec "$@"
fi

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export CDD_KEYRING_READY=1
HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/.local/share" dbus-run-session -- bash -c '
  printf "throwaway-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"
' with-keyring "$@"
