# Sourced by install.sh and uninstall.sh: where the probe lives on a Mac, under $root (empty: the real system; a
# directory: a test's temporary root). Sets LABEL, state, logs and plist; stops with die when $root is no directory.
LABEL=io.portwatch.probe
root=${root%/}
if [ -n "$root" ]; then [ -d "$root" ] || die "--root $root is not a directory"; fi
state="$root/Library/Application Support/Portwatch"
logs="$root/Library/Logs/Portwatch"
plist="$root/Library/LaunchDaemons/$LABEL.plist"
