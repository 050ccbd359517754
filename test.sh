#!/usr/bin/env bash
# Builds everything and runs every test project; the last line is the totals: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# libtorch (TorchSharp) spins its OpenMP workers unless told otherwise; on a busy machine that slows training ~10x.
# It must be in the process environment before libtorch loads (Environment.SetEnvironmentVariable is too late).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# The NAB corpus: $VIGIL_NAB_DIR, else ../shared/nab beside the repository. Made absolute because test
# processes run in their own output folders.
nab="${VIGIL_NAB_DIR:-$root/../shared/nab}"
if [[ -d "$nab" ]]; then
  export VIGIL_NAB_DIR="$(cd "$nab" && pwd)"
else
  echo "test.sh: NAB corpus not found at '$nab' (set VIGIL_NAB_DIR); corpus tests will fail under CI=true, else be skipped." >&2
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test Vigil.slnx -c Release --filter "Category!=Gpu" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 41, Skipped: 0, Total: 41, ...").
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
if [[ $rc -ne 0 && $failed -eq 0 ]]; then
  echo "test.sh: dotnet test exited with $rc (build or runner failure; see above)" >&2
  failed=1
fi
if [[ $skipped -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[[ $rc -eq 0 && $failed -eq 0 ]]
