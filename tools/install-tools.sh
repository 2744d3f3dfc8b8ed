#!/usr/bin/env bash
# Installs the stack's binaries (promtool/prometheus, alertmanager, the OpenTelemetry Collector
# Builder) from their Go modules into a cache outside the checkout, keyed by version.
# Idempotent: a binary already in the cache is not rebuilt. Prints the cache directory.
#
#   tools/install-tools.sh [prometheus|alertmanager|ocb|all]   (default: all)
#
# Environment: DUROBS_TOOLS_DIR (default ~/.cache/durobs/tools).
set -euo pipefail

PROMETHEUS_VERSION=v0.316.0     # Go module version of Prometheus 3.x (cmd/prometheus, cmd/promtool)
ALERTMANAGER_VERSION=v0.35.0
OCB_VERSION=v0.165.0            # go.opentelemetry.io/collector/cmd/builder

TOOLS_DIR="${DUROBS_TOOLS_DIR:-$HOME/.cache/durobs/tools}"
mkdir -p "$TOOLS_DIR"

log() { echo "[install-tools] $*" >&2; }

# go_install <dest-dir> <module/cmd@version>: builds into dest-dir atomically (tmp dir + rename).
go_install() {
  local dest="$1" pkg="$2"
  local bin; bin="$(basename "${pkg%@*}")"
  if [[ -x "$dest/$bin" ]]; then return 0; fi
  command -v go >/dev/null || { echo "install-tools: 'go' is not on PATH; it is needed to build $pkg" >&2; exit 2; }
  log "building $pkg (first run only; cached in $dest)"
  local tmp; tmp="$(mktemp -d "$TOOLS_DIR/.build.XXXXXX")"
  GOFLAGS="${GOFLAGS:-} -trimpath" GOBIN="$tmp" CGO_ENABLED=0 go install "$pkg"
  mkdir -p "$dest"
  mv "$tmp/$bin" "$dest/$bin"
  rmdir "$tmp"
}

# go_build_module <dest-dir> <module> <version> <cmd-dir>...: builds commands from a copy of the
# module's source (from the Go module proxy). Alertmanager embeds its web UI from ui/app/dist,
# which is built by npm and absent from the module zip; the copy gets a placeholder page so the
# API-only binary links (the harness and our configs never use the UI).
go_build_module() {
  local dest="$1" module="$2" version="$3"; shift 3
  local missing=0 cmd
  for cmd in "$@"; do [[ -x "$dest/$(basename "$cmd")" ]] || missing=1; done
  [[ $missing == 1 ]] || return 0
  command -v go >/dev/null || { echo "install-tools: 'go' is not on PATH; it is needed to build $module" >&2; exit 2; }
  log "building $module@$version ($*) (first run only; cached in $dest)"
  local tmp; tmp="$(mktemp -d "$TOOLS_DIR/.build.XXXXXX")"
  (cd "$tmp" && GOFLAGS=-mod=mod go mod download -json "$module@$version" >"$tmp/mod.json")
  local srcdir; srcdir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$tmp/mod.json")"
  cp -r "$srcdir" "$tmp/src" && chmod -R u+w "$tmp/src"
  if [[ -d "$tmp/src/ui/app" && ! -d "$tmp/src/ui/app/dist" ]]; then
    mkdir -p "$tmp/src/ui/app/dist/elm" "$tmp/src/ui/app/dist/mantine"
    echo '<!doctype html><title>UI not built</title>' | tee "$tmp/src/ui/app/dist/elm/index.html" >"$tmp/src/ui/app/dist/mantine/index.html"
  fi
  mkdir -p "$tmp/bin"
  for cmd in "$@"; do
    (cd "$tmp/src" && CGO_ENABLED=0 go build -trimpath -o "$tmp/bin/$(basename "$cmd")" "./$cmd")
  done
  mkdir -p "$dest"
  mv "$tmp/bin/"* "$dest/"
  rm -rf "$tmp"
}

what="${1:-all}"
case "$what" in
  prometheus|all)
    go_install "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION" "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION"
    go_install "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION" "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION"
    ;;&
  alertmanager|all)
    go_build_module "$TOOLS_DIR/alertmanager-$ALERTMANAGER_VERSION" github.com/prometheus/alertmanager "$ALERTMANAGER_VERSION" cmd/alertmanager cmd/amtool
    ;;&
  ocb|all)
    go_install "$TOOLS_DIR/ocb-$OCB_VERSION" "go.opentelemetry.io/collector/cmd/builder@$OCB_VERSION"
    ;;
  prometheus|alertmanager) ;;
  *) echo "install-tools: unknown tool '$what' (expected prometheus, alertmanager, ocb or all)" >&2; exit 2 ;;
esac
echo "$TOOLS_DIR"
