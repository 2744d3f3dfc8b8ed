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

what="${1:-all}"
case "$what" in
  prometheus|all)
    go_install "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION" "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION"
    go_install "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION" "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION"
    ;;&
  alertmanager|all)
    go_install "$TOOLS_DIR/alertmanager-$ALERTMANAGER_VERSION" "github.com/prometheus/alertmanager/cmd/alertmanager@$ALERTMANAGER_VERSION"
    ;;&
  ocb|all)
    go_install "$TOOLS_DIR/ocb-$OCB_VERSION" "go.opentelemetry.io/collector/cmd/builder@$OCB_VERSION"
    ;;
  prometheus|alertmanager) ;;
  *) echo "install-tools: unknown tool '$what' (expected prometheus, alertmanager, ocb or all)" >&2; exit 2 ;;
esac
echo "$TOOLS_DIR"
