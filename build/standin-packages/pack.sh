#!/usr/bin/env bash
# Rebuilds the stand-in Patched.DistributedLock.Postgres 1.3.3 package into build/standin-packages/feed.
# nuget.config maps that one package id to this folder (packageSourceMapping); everything else comes from nuget.org.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet pack "$here/src/Patched.DistributedLock.Postgres.csproj" -c Release -o "$here/feed" --nologo
