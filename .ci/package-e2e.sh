#!/usr/bin/env bash
# End-to-end check of the NuGet package, as a user would consume it: pack, then in a brand-new console
# project outside the repository (so none of the repository's build files apply) add the package from a
# local folder feed plus TorchSharp-cpu, declare a two-task model, build (the generator must run), train a
# few steps, and check that a miswired copy fails to build with the expected diagnostic.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A unique version per run: the global packages folder caches packages by id and version.
version="0.1.0-e2e.$(date +%s)"
feed="$work/feed"
dotnet pack "$repo/runtime/MultiTaskSharp/MultiTaskSharp.csproj" -c Release -o "$feed" -p:Version="$version" -v q --nologo

package="$feed/MultiTaskSharp.$version.nupkg"
echo "packed $(basename "$package"):"
unzip -l "$package" | awk '{print $4}' | grep -E '^(lib|analyzers|buildTransitive)/|\.nuspec$|README' | sed 's/^/  /'
for expected in lib/net10.0/MultiTaskSharp.dll analyzers/dotnet/cs/MultiTaskSharp.Generator.dll analyzers/dotnet/cs/MultiTaskSharp.CodeFixes.dll \
                buildTransitive/MultiTaskSharp.targets; do
  unzip -l "$package" | grep -q " $expected\$" || { echo "package lacks $expected"; exit 1; }
done
unzip -p "$package" MultiTaskSharp.nuspec | grep -q '<dependency id="TorchSharp"' || { echo "package must depend on TorchSharp"; exit 1; }
if unzip -p "$package" MultiTaskSharp.nuspec | grep -q '<dependency id="TorchSharp-'; then
  echo "package must not depend on a TorchSharp backend"; exit 1
fi

make_app() { # $1 = folder, $2 = Program.cs source
  mkdir -p "$1"
  cat > "$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-e2e" value="$feed" />
  </packageSources>
</configuration>
XML
  (cd "$1" && dotnet new console --force -o . >/dev/null \
    && dotnet add package MultiTaskSharp --version "$version" >/dev/null \
    && dotnet add package TorchSharp-cpu --version 0.107.0 >/dev/null)
  cp "$2" "$1/Program.cs"
}

make_app "$work/app" "$repo/.ci/e2e/Program.cs"
echo "== building the consumer app"
# Warnings are errors, except NU1603: the registry mirror here lacks some exact transitive versions of
# TorchSharp's dependencies and resolves the next one up, which says nothing about our package.
if ! dotnet build "$work/app" -c Release -v q --nologo -p:TreatWarningsAsErrors=true -p:NoWarn=NU1603 > "$work/app.log" 2>&1; then
  grep -E "error|warning" "$work/app.log" | sort -u || cat "$work/app.log"
  exit 1
fi
grep -E "MultiTaskSharp: " "$work/app.log" | sort -u || true
ls "$work/app/obj/Release/net10.0/" >/dev/null
echo "== running it"
dotnet run --project "$work/app" -c Release --no-build

echo "== building a miswired copy (expects MTL0005)"
make_app "$work/miswired" "$repo/.ci/e2e/Program.cs"
sed -i 's/\[Head("Sign"/[Head("Sum"/' "$work/miswired/Program.cs"
if dotnet build "$work/miswired" -c Release -v q --nologo > "$work/miswired.log" 2>&1; then
  echo "the miswired model built; expected MTL0005"; exit 1
fi
grep -q "error MTL0005" "$work/miswired.log" || { echo "missing MTL0005 in:"; cat "$work/miswired.log"; exit 1; }
grep -m1 "error MTL0005" "$work/miswired.log"
echo "package end-to-end: ok"
