# Sourced by .ci/run and scripts/start.sh: puts Node 26 first on PATH without touching the system
# Node. It is installed from the npm registry's `node` package into a folder of its own.
IMSCOUT_NODE_VERSION=26.10.0
IMSCOUT_NODE_HOME="${IMSCOUT_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/imscout/node-$IMSCOUT_NODE_VERSION}"
if [ ! -x "$IMSCOUT_NODE_HOME/node_modules/node/bin/node" ]; then
  echo "Installing Node $IMSCOUT_NODE_VERSION into $IMSCOUT_NODE_HOME" >&2
  mkdir -p "$IMSCOUT_NODE_HOME"
  npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    --prefix "$IMSCOUT_NODE_HOME" "node@$IMSCOUT_NODE_VERSION" >&2
fi
export PATH="$IMSCOUT_NODE_HOME/node_modules/.bin:$PATH"
case "$(node --version)" in
  v26.*) ;;
  *) echo "Node 26 did not install (node is $(node --version))" >&2; exit 1 ;;
esac

# npm ci when the lock file is newer than the installed tree (or nothing is installed).
imscout_npm_ci() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
