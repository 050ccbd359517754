#!/bin/sh
# Starts a silo that advertises the container's own address (Vigil refuses 0.0.0.0, which other silos cannot dial).
# Used by docker-compose.yml; on Kubernetes the pod's address comes from POD_IP instead.
set -eu
address="$(hostname -i | awk '{print $1}')"
exec dotnet /app/vigil.dll cluster silo --address "$address" "$@"
