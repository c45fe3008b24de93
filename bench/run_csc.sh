#!/bin/sh
# Char-level detection of draftlint's typo rules on the shared CSC sets (one command).
# Usage: bench/run_csc.sh [--data FILE...]   (default: every test set in ../shared/csc)
cd "$(dirname "$0")/.." || exit 2
exec python3 ../shared/eval/score_csc.py --py bench/csc_adapter.py:detect --markdown "$@"
