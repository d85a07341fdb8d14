#!/usr/bin/env bash
# Set up the shared harness (../shared/anchors, "the ruler" of issue 14) for this checkout's
# built site, so its S and S-nav rows measure this product.
#
#   bash bench/anchors.sh [site folder]      (default: ./site, built by `make site`)
#   $ANCHORS_WORK/venv/bin/python "$ANCHORS/run.py" --runs 7 --only F,S,S-nav --out <file>
#
# ANCHORS: the harness folder (default /work/shared/anchors); ANCHORS_WORK: its work folder
# (default /work/anchors-work). The harness looks for scripts/serve.py and
# scripts/site_headers.py in the product's checkout; the header code has since moved to
# sitebuild/headers.py, so this script hands it a small stand-in checkout under
# $ANCHORS_WORK/stride-repo that links to this one (serve.py, the header module, the
# calculators package and the venv). S and S-nav need only the CLI from it; the harness's
# S-own rows, which import the product's server in the harness's venv, are not supported.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="${ANCHORS:-/work/shared/anchors}"
export ANCHORS_WORK="${ANCHORS_WORK:-/work/anchors-work}"
SITE="$(cd "${1:-$ROOT/site}" && pwd)"
[ -f "$SITE/calculators/ramp-up/index.html" ] || { echo "no built site in $SITE (make site)" >&2; exit 1; }

SHIM="$ANCHORS_WORK/stride-repo"
rm -rf "$SHIM"
mkdir -p "$SHIM/scripts"
ln -s "$ROOT/scripts/serve.py" "$SHIM/scripts/serve.py"
ln -s "$ROOT/sitebuild/headers.py" "$SHIM/scripts/site_headers.py"
ln -s "$ROOT/calculators" "$SHIM/calculators"
ln -s "$ROOT/.venv" "$SHIM/.venv"
git -C "$ROOT" rev-parse HEAD > "$SHIM/COMMIT"

STRIDE_SITE="$SITE" STRIDE_REPO="$SHIM" STRIDE_PYTHON="$ROOT/.venv/bin/python" bash "$ANCHORS/setup.sh"
echo "Stride Shift site from $SITE, commit $(cat "$SHIM/COMMIT")$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)')"
