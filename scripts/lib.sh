# Shared by the scripts: messages, idempotent installs, and where things live.
# Sourced, not run.

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The directory of PostgreSQL's server binaries: $ROTUNDA_PG_BIN, pg_config, or the usual places.
pg_bin_dir() {
  local c
  for c in "${ROTUNDA_PG_BIN:-}" "$(pg_config --bindir 2>/dev/null || true)" \
           $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin /opt/homebrew/bin /usr/local/bin; do
    if [ -n "$c" ] && [ -x "$c/initdb" ] && [ -x "$c/pg_ctl" ]; then echo "$c"; return 0; fi
  done
  return 1
}

# Installs the Debian packages that are missing, saying which.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    say "Missing packages: ${missing[*]} (run as root, or install them with sudo apt-get install)"; return 1
  fi
  say "Installing ${missing[*]}"
  if [ ! -f /var/lib/apt/periodic/rotunda-updated ] || [ -n "$(find /var/lib/apt/periodic/rotunda-updated -mmin +1440 2>/dev/null)" ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/rotunda-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Cargo's build directory: reuse one outside the clone when there is one, never require it.
use_shared_target_dir() {
  if [ -z "${CARGO_TARGET_DIR:-}" ]; then
    export CARGO_TARGET_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/rotunda/target"
  fi
  mkdir -p "$CARGO_TARGET_DIR"
}

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }
