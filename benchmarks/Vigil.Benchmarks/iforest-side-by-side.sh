#!/usr/bin/env bash
# Runs scikit-learn's Isolation Forest peer workload and Vigil's, one after the other on the same machine, and
# prints both timings and the speed ratio of fit + score.
# Usage: benchmarks/Vigil.Benchmarks/iforest-side-by-side.sh [--parity] [NAB_DIR]
#   --parity  afterwards, also write sklearn's per-window scores (iforest_sklearn_scores.py, not timed) and print
#             Vigil's per-file Spearman correlation with them, min and median, and how many scores are bit-identical.
# Needs Debian's python3-sklearn and python3-pandas (apt-get install -y python3-sklearn python3-pandas).
set -euo pipefail
parity=0
if [[ "${1:-}" == "--parity" ]]; then parity=1; shift; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nab="${1:-${VIGIL_NAB_DIR:-$root/../shared/nab}}"
peer="${IFOREST_PEER:-$root/../shared/bench/peers/iforest_sklearn.py}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 VIGIL_NAB_DIR="$nab"
dotnet build "$root/benchmarks/Vigil.Benchmarks/Vigil.Benchmarks.csproj" -c Release -v q -nologo >/dev/null
# The project builds for linux-x64 (libtorch runtime), so the assembly sits in a runtime-specific folder.
for dll in "$root"/benchmarks/Vigil.Benchmarks/bin/Release/net10.0/{linux-x64/,}Vigil.Benchmarks.dll; do
  [[ -f "$dll" ]] && break
done
sk="$(cd /tmp && /usr/bin/python3 -I "$peer" "$nab/data")"
vg="$(dotnet "$dll" iforest-workload --repeat 3)"
echo "$vg" | head -3
/usr/bin/python3 -I -c '
import json, re, sys
sk = json.loads(sys.argv[1]); vg = sys.argv[2]
wall = float(re.search(r"fit\+score wall ([0-9.]+) s", vg).group(1))
auc = float(re.search(r"mean ROC-AUC ([0-9.]+)", vg).group(1))
t = sk["fit_s"] + sk["score_s"]
print("sklearn %s: fit %.3f s + score %.3f s = %.3f s, mean ROC-AUC %.5f" % (sk["versions"]["sklearn"], sk["fit_s"], sk["score_s"], t, sk["mean_auc"]))
print("vigil: fit + score %.3f s wall, mean ROC-AUC %.5f" % (wall, auc))
print("speed-up (fit + score): %.1fx; AUC difference %+.5f" % (t / wall, auc - sk["mean_auc"]))
' "$sk" "$vg"
if [[ "$parity" == 1 ]]; then
  scores="$(mktemp -d)"
  trap 'rm -rf "$scores"' EXIT
  /usr/bin/python3 -I "$root/benchmarks/Vigil.Benchmarks/iforest_sklearn_scores.py" "$nab/data" "$scores"
  dotnet "$dll" iforest-workload --repeat 1 --sklearn-scores "$scores" | sed -n '4,6p'
fi
