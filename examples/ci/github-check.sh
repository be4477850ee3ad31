#!/usr/bin/env bash
# The action's check step: runs `changegate check` with the reports written
# to $CHANGEGATE_REPORT_DIR and records the exit code as a step output. The
# step itself succeeds so the upload step still runs; the action's last step
# fails the job on a non-zero code.
set -uo pipefail
dir=${CHANGEGATE_REPORT_DIR:-changegate-reports}
mkdir -p "$dir"
read -r -a extra <<<"${CHANGEGATE_ARGS:-}"
changegate check -o "$dir/changegate.xml" -o "$dir/changegate.md" -o "$dir/evaluation.json" \
  "${extra[@]}"
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
