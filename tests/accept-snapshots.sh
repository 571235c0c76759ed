#!/usr/bin/env bash
# Accepts every pending snapshot: renames each *.received.cs that a failed snapshot test wrote under tests/
# to its *.verified.cs. Review the resulting diff (git diff) before committing.
set -euo pipefail
cd "$(dirname "$0")"
count=0
while IFS= read -r -d '' received; do
  mv -f "$received" "${received%.received.cs}.verified.cs"
  echo "accepted ${received%.received.cs}.verified.cs"
  count=$((count + 1))
done < <(find . -name '*.received.cs' -not -path '*/bin/*' -not -path '*/obj/*' -print0)
echo "$count snapshot(s) accepted"
