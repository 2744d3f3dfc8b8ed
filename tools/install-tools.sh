#!/usr/bin/env bash
# Installs the stack's binaries from their Go modules into a cache outside the checkout, keyed by
# version (or, for the collector, by the builder manifest's SHA-256). Idempotent: a binary already
# in the cache is not rebuilt, so a cached run takes well under a second. Builds go to a temporary
# directory next to the cache and are moved into place only when complete; concurrent runs
# serialise on a lock file.
#
#   tools/install-tools.sh [prometheus|alertmanager|ocb|all]   (default: all)
#       prints the cache directory. Binaries:
#         <dir>/prometheus-<v>/{prometheus,promtool}
#         <dir>/alertmanager-<v>/{alertmanager,amtool}
#         <dir>/ocb-<v>/builder
#       'all' also builds the collector from generated/collector/builder-config.yaml when the
#       checkout has one.
#   tools/install-tools.sh bin <prometheus|promtool|alertmanager|amtool|builder|dashboard-schema|kube-validate|compose-check>
#       installs what provides that binary and prints the binary's path. dashboard-schema is this
#       checkout's strict dashboard validator (tools/dashboard-schema, on the Grafana foundation
#       SDK's Go module), kube-validate its Kubernetes manifest validator (tools/kube-validate, on
#       kustomize's library and the k8s.io/api and prometheus-operator Go types), compose-check its
#       Compose file loader (tools/compose-check, on compose-go, the library docker compose loads
#       files with); each cached by the SHA-256 of its sources.
#   tools/install-tools.sh collector <builder-manifest.yaml>
#       builds an OpenTelemetry Collector with the OpenTelemetry Collector Builder from the manifest
#       into <dir>/otelcol-<sha256 of the manifest>/ and prints the binary's path. A few minutes on
#       2 cores the first time (the Go module cache makes later builds of other manifests faster).
#
# Environment: DUROBS_TOOLS_DIR (default ~/.cache/durobs/tools). Exit code 2: bad usage or a
# missing prerequisite (go, sha256sum); 1: a build failed (its output is on stderr).
set -euo pipefail

PROMETHEUS_VERSION=v0.316.0     # Go module version of Prometheus 3.16 (cmd/prometheus, cmd/promtool)
ALERTMANAGER_VERSION=v0.35.0
OCB_VERSION=v0.165.0            # go.opentelemetry.io/collector/cmd/builder
# k8s.io/kubernetes, whose api/openapi-spec/v3 kube-validate embeds: the release of its k8s.io/api v0.37.2
KUBERNETES_OPENAPI_VERSION=v1.37.2
KUBE_OPENAPI_DOCS="api__v1_openapi.json apis__apps__v1_openapi.json"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${DUROBS_TOOLS_DIR:-$HOME/.cache/durobs/tools}"
mkdir -p "$TOOLS_DIR"

log() { echo "[install-tools] $*" >&2; }

# Temporary build directories are removed however the script ends.
TMPS=()
cleanup() { if [[ ${#TMPS[@]} -gt 0 ]]; then rm -rf "${TMPS[@]}"; fi; }
trap cleanup EXIT
new_tmp() { TMP="$(mktemp -d "$TOOLS_DIR/.build.XXXXXX")"; TMPS+=("$TMP"); }
die() { echo "install-tools: $*" >&2; exit 2; }
need_go() { command -v go >/dev/null || die "'go' is not on PATH; it is needed to build $1"; }

# Serialises builds across processes (CI's 'all' and a test may both ask for the same binary).
lock() {
  exec 9>"$TOOLS_DIR/.lock"
  if command -v flock >/dev/null; then flock 9; fi
}

# go_install <dest-dir> <module/cmd@version>: builds into dest-dir atomically (tmp dir + rename).
go_install() {
  local dest="$1" pkg="$2"
  local bin; bin="$(basename "${pkg%@*}")"
  if [[ -x "$dest/$bin" ]]; then return 0; fi
  need_go "$pkg"
  lock
  if [[ -x "$dest/$bin" ]]; then return 0; fi
  log "building $pkg (first run only; cached in $dest)"
  new_tmp; local tmp="$TMP"
  GOFLAGS="${GOFLAGS:-} -trimpath" GOBIN="$tmp" CGO_ENABLED=0 go install "$pkg"
  mkdir -p "$dest"
  mv "$tmp/$bin" "$dest/$bin"
  rm -rf "$tmp"
}

# Alertmanager's module zip lacks its web UI's build output (ui/app/dist, produced by npm and
# embedded with go:embed), so 'go install github.com/prometheus/alertmanager/cmd/alertmanager@v'
# fails. Build from a copy of the module with a placeholder page instead; the HTTP API, which is
# all the stack uses, is unaffected.
install_alertmanager() {
  local dest="$TOOLS_DIR/alertmanager-$ALERTMANAGER_VERSION"
  if [[ -x "$dest/alertmanager" ]]; then return 0; fi
  need_go "alertmanager"
  lock
  if [[ -x "$dest/alertmanager" ]]; then return 0; fi
  log "building github.com/prometheus/alertmanager/cmd/alertmanager@$ALERTMANAGER_VERSION (first run only; cached in $dest)"
  local src; src="$(go mod download -json "github.com/prometheus/alertmanager@$ALERTMANAGER_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$src" ]] || { echo "install-tools: could not download github.com/prometheus/alertmanager@$ALERTMANAGER_VERSION" >&2; exit 1; }
  new_tmp; local tmp="$TMP"
  cp -r "$src" "$tmp/src"
  chmod -R u+w "$tmp/src"
  local ui
  for ui in elm mantine; do
    mkdir -p "$tmp/src/ui/app/dist/$ui"
    echo '<!doctype html><title>Alertmanager</title><p>Web UI not built; use the HTTP API (/api/v2).</p>' \
      >"$tmp/src/ui/app/dist/$ui/index.html"
  done
  (cd "$tmp/src" && CGO_ENABLED=0 go build -trimpath -o "$tmp/alertmanager" ./cmd/alertmanager)
  mkdir -p "$dest"
  mv "$tmp/alertmanager" "$dest/alertmanager"
  rm -rf "$tmp"
}

# install_checkout_tool <name>: builds this checkout's Go program tools/<name> (pinned by its
# go.mod/go.sum) into <dir>/<name>-<sha256 of its sources>/ and prints the binary's path.
# kube-validate is built from a copy of its sources with the official Kubernetes OpenAPI v3
# documents (k8s.io/kubernetes@$KUBERNETES_OPENAPI_VERSION, api/openapi-spec/v3) in openapi/,
# which it embeds.
install_checkout_tool() {
  local name="$1"
  local src="$ROOT/tools/$name"
  [[ -f "$src/go.mod" ]] || die "$name: no $src/go.mod"
  command -v sha256sum >/dev/null || die "'sha256sum' is not on PATH; it keys the $name cache"
  local hash; hash="$( (cd "$src" && cat go.mod go.sum ./*.go; [[ "$name" != kube-validate ]] \
    || echo "$KUBERNETES_OPENAPI_VERSION $KUBE_OPENAPI_DOCS") | sha256sum | cut -d' ' -f1)"
  local dest="$TOOLS_DIR/$name-$hash"
  if [[ ! -x "$dest/$name" ]]; then
    need_go "$name"
    lock
    if [[ ! -x "$dest/$name" ]]; then
      log "building tools/$name (first run only; cached in $dest)"
      new_tmp; local tmp="$TMP"
      cp -r "$src" "$tmp/src"
      if [[ "$name" == kube-validate ]]; then
        local k8s; k8s="$(cd "$tmp/src" && go mod download -json "k8s.io/kubernetes@$KUBERNETES_OPENAPI_VERSION" \
          | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
        [[ -n "$k8s" ]] || { echo "install-tools: cannot download k8s.io/kubernetes@$KUBERNETES_OPENAPI_VERSION" >&2; exit 1; }
        for doc in $KUBE_OPENAPI_DOCS; do cp "$k8s/api/openapi-spec/v3/$doc" "$tmp/src/openapi/"; done
      fi
      (cd "$tmp/src" && CGO_ENABLED=0 go build -trimpath -mod=readonly -o "$tmp/$name" .)
      mkdir -p "$dest"
      mv "$tmp/$name" "$dest/$name"
      rm -rf "$tmp"
    fi
  fi
  echo "$dest/$name"
}

# build_collector <manifest>: prints the path of the collector binary built from the manifest.
build_collector() {
  local manifest="$1"
  [[ -f "$manifest" ]] || die "collector: builder manifest '$manifest' does not exist"
  command -v sha256sum >/dev/null || die "'sha256sum' is not on PATH; it keys the collector cache"
  local name; name="$(sed -n 's/^[[:space:]]*name:[[:space:]]*\([A-Za-z0-9._-]*\)[[:space:]]*$/\1/p' "$manifest" | head -n1)"
  [[ -n "$name" ]] || die "collector: '$manifest' has no dist.name (the binary's name)"
  local hash; hash="$(sha256sum "$manifest" | cut -d' ' -f1)"
  local dest="$TOOLS_DIR/otelcol-$hash"
  if [[ ! -x "$dest/$name" ]]; then
    go_install "$TOOLS_DIR/ocb-$OCB_VERSION" "go.opentelemetry.io/collector/cmd/builder@$OCB_VERSION"
    need_go "the collector"
    lock
    if [[ ! -x "$dest/$name" ]]; then
      log "building the collector from $manifest (first run only, a few minutes; cached in $dest)"
      new_tmp; local tmp="$TMP"
      mkdir "$tmp/out"
      cp "$manifest" "$tmp/out/builder-config.yaml"
      # The manifest's dist.output_path is relative, so building from $tmp keeps the sources there.
      # GOFLAGS=-e lets the builder's 'go mod tidy' tolerate imports that only the components' own
      # tests need and that the module proxy does not serve (fileexporter's tests import
      # otlpencodingextension); anything the binary needs still fails the build below.
      if ! (cd "$tmp" && GOFLAGS="${GOFLAGS:-} -e" "$TOOLS_DIR/ocb-$OCB_VERSION/builder" \
              --config "$tmp/out/builder-config.yaml" >"$tmp/build.log" 2>&1); then
        cat "$tmp/build.log" >&2
        rm -rf "$tmp"
        echo "install-tools: building the collector from $manifest failed (output above)" >&2
        exit 1
      fi
      local built; built="$(find "$tmp" -path "$tmp/out" -prune -o -type f -name "$name" -perm -u+x -print | head -n1)"
      [[ -n "$built" ]] || { cat "$tmp/build.log" >&2; rm -rf "$tmp"; echo "install-tools: the builder produced no '$name' binary" >&2; exit 1; }
      mv "$built" "$tmp/out/$name"
      rm -rf "$dest"
      mv -T "$tmp/out" "$dest"
      rm -rf "$tmp"
    fi
  fi
  echo "$dest/$name"
}

what="${1:-all}"
case "$what" in
  bin)
    [[ $# -eq 2 ]] || die "usage: tools/install-tools.sh bin <prometheus|promtool|alertmanager|amtool|builder|dashboard-schema|kube-validate|compose-check>"
    case "$2" in
      prometheus|promtool)
        go_install "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION" "github.com/prometheus/prometheus/cmd/$2@$PROMETHEUS_VERSION"
        echo "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION/$2" ;;
      alertmanager)
        install_alertmanager
        echo "$TOOLS_DIR/alertmanager-$ALERTMANAGER_VERSION/alertmanager" ;;
      amtool)
        go_install "$TOOLS_DIR/alertmanager-$ALERTMANAGER_VERSION" "github.com/prometheus/alertmanager/cmd/amtool@$ALERTMANAGER_VERSION"
        echo "$TOOLS_DIR/alertmanager-$ALERTMANAGER_VERSION/amtool" ;;
      builder)
        go_install "$TOOLS_DIR/ocb-$OCB_VERSION" "go.opentelemetry.io/collector/cmd/builder@$OCB_VERSION"
        echo "$TOOLS_DIR/ocb-$OCB_VERSION/builder" ;;
      dashboard-schema|kube-validate|compose-check)
        install_checkout_tool "$2" ;;
      *) die "bin: unknown binary '$2' (expected prometheus, promtool, alertmanager, amtool, builder, dashboard-schema, kube-validate or compose-check)" ;;
    esac
    exit 0
    ;;
  collector)
    [[ $# -eq 2 ]] || die "usage: tools/install-tools.sh collector <builder-manifest.yaml>"
    build_collector "$2"
    exit 0
    ;;
  prometheus|alertmanager|ocb|all)
    [[ $# -le 1 ]] || die "usage: tools/install-tools.sh [prometheus|alertmanager|ocb|all]"
    ;;
  *) die "unknown tool '$what' (expected prometheus, alertmanager, ocb, all, bin <binary> or collector <manifest>)" ;;
esac

if [[ "$what" == prometheus || "$what" == all ]]; then
  go_install "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION" "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION"
  go_install "$TOOLS_DIR/prometheus-$PROMETHEUS_VERSION" "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION"
fi
if [[ "$what" == alertmanager || "$what" == all ]]; then
  install_alertmanager
  go_install "$TOOLS_DIR/alertmanager-$ALERTMANAGER_VERSION" "github.com/prometheus/alertmanager/cmd/amtool@$ALERTMANAGER_VERSION"
fi
if [[ "$what" == ocb || "$what" == all ]]; then
  go_install "$TOOLS_DIR/ocb-$OCB_VERSION" "go.opentelemetry.io/collector/cmd/builder@$OCB_VERSION"
fi
if [[ "$what" == all && -f "$ROOT/generated/collector/builder-config.yaml" ]]; then
  build_collector "$ROOT/generated/collector/builder-config.yaml" >/dev/null
fi
echo "$TOOLS_DIR"
