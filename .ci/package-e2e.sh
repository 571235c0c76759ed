#!/usr/bin/env bash
# End-to-end check of the NuGet package, as a user would consume it:
#   1. `dotnet pack Compiler.sln` succeeds and produces exactly one core package, MultiTaskSharp, plus the optional
#      packages under runtime/ (MultiTaskSharp.Plotting, MultiTaskSharp.Data, …);
#   2. the README's local-package recipe ("Get the package"), read from README.md and run as written:
#      its pack block from the repository root, its consume block from a brand-new console app outside the
#      repository (so none of the repository's build files apply);
#   3. the package's layout, dependencies (TorchSharp and the logging abstractions only), metadata and documentation;
#   4. the app, a two-task model, builds with warnings as errors (the generator must run) and learns;
#   5. a miswired copy fails to build with MTL0005;
#   6. a net8.0 copy fails to build with MTLB0002 naming the framework it needs (not with CS0246 errors);
#   7. a copy that adds MultiTaskSharp.Plotting (the README's plotting recipe) saves a plot.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
global_packages=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')

cleanup() {
  rm -rf "$work"
  # The recipe's package is unique to this run: remove it from the feed folder and the global cache.
  if [ -n "${MTS_VERSION:-}" ] && [ -n "${MTS_FEED:-}" ]; then
    rm -f "$MTS_FEED/MultiTaskSharp.$MTS_VERSION.nupkg" "$MTS_FEED/MultiTaskSharp.Plotting.$MTS_VERSION.nupkg"
    rm -rf "${global_packages%/}/multitasksharp/$MTS_VERSION" "${global_packages%/}/multitasksharp.plotting/$MTS_VERSION"
    rmdir "$MTS_FEED" "$(dirname "$MTS_FEED")" 2>/dev/null || true # only if empty: leave a clean clone clean
  fi
}
trap cleanup EXIT

fail() { echo "package-e2e: $*" >&2; exit 1; }

echo "== dotnet pack Compiler.sln (expects exactly one core package, plus the optional packages under runtime/)"
dotnet pack "$repo/Compiler.sln" -c Release -o "$work/solution-pack" -v q --nologo
packed=$(cd "$work/solution-pack" && ls)
# The optional packages (MultiTaskSharp.Data, …) each come from their own project under runtime/; nothing else may pack.
core=$(echo "$packed" | grep -E '^MultiTaskSharp\.[0-9][^/]*\.nupkg$' || true)
others=$(echo "$packed" | grep -vE '^MultiTaskSharp\.[0-9][^/]*\.nupkg$' || true)
[ "$(echo "$core" | grep -c .)" -eq 1 ] \
  || fail "dotnet pack Compiler.sln must produce exactly one core MultiTaskSharp package; it produced: $(echo "$packed" | tr '\n' ' ')"
for package in $others; do
  [[ "$package" =~ ^MultiTaskSharp\.(Data|Distributed|Export|Onnx|Plotting)\.[0-9][^/]*\.nupkg$ ]] \
    || fail "dotnet pack Compiler.sln produced $package, which is neither the core package nor an optional one under runtime/"
done
echo "  $core (optional: $(echo $others))"

# The fenced block right after the README line `<!-- package-e2e: NAME ... -->`; fails unless there is exactly one.
readme_block() {
  awk -v marker="<!-- package-e2e: $1 " '
    index($0, marker) == 1 { markers++; expect_fence = 1; next }
    expect_fence { if ($0 !~ /^```/) { bad = 1; exit } ; expect_fence = 0; inside = 1; next }
    inside && /^```[[:space:]]*$/ { inside = 0; next }
    inside { print; lines++ }
    END { if (bad || markers != 1 || lines == 0) exit 1 }
  ' "$repo/README.md" || fail "README.md must have exactly one '<!-- package-e2e: $1 ... -->' line followed by a fenced code block"
}
pack_block=$(readme_block pack)
consume_block=$(readme_block consume)

echo "== README recipe, pack block (from the repository root)"
printf '%s\n' "$pack_block" | sed 's/^/  | /'
cd "$repo"
eval "$pack_block"

echo "== README recipe, consume block (from a new console app)"
dotnet new console -o "$work/app" >/dev/null
cp "$repo/.ci/e2e/Program.cs" "$work/app/Program.cs"
printf '%s\n' "$consume_block" | sed 's/^/  | /'
cd "$work/app"
eval "$consume_block"
cd "$repo"

[ "$MTS_VERSION" != "$(dotnet msbuild runtime/MultiTaskSharp/MultiTaskSharp.csproj -getProperty:Version -nologo)" ] \
  || fail "the recipe must give the local package a version of its own, not the project's default"
package="$MTS_FEED/MultiTaskSharp.$MTS_VERSION.nupkg"
[ -f "$package" ] || fail "the recipe did not produce $package"
grep -q "\"MultiTaskSharp/$MTS_VERSION\"" "$work/app/obj/project.assets.json" \
  || fail "the app did not restore MultiTaskSharp $MTS_VERSION"

echo "== package $(basename "$package")"
contents=$(unzip -Z1 "$package")
echo "$contents" | grep -E '^(lib|analyzers|buildTransitive|docs)/|\.nuspec$|README' | sed 's/^/  /'
expected=(lib/net10.0/MultiTaskSharp.dll analyzers/dotnet/cs/MultiTaskSharp.Generator.dll analyzers/dotnet/cs/MultiTaskSharp.CodeFixes.dll
          buildTransitive/MultiTaskSharp.targets buildTransitive/LibstdcxxCompatPatch.cs README.md docs/libstdcxx-compat.md)
for doc in "$repo"/docs/diagnostics/*.md; do expected+=("docs/diagnostics/$(basename "$doc")"); done
for file in "${expected[@]}"; do
  echo "$contents" | grep -qx "$file" || fail "the package lacks $file"
done
nuspec=$(unzip -p "$package" MultiTaskSharp.nuspec)
# TorchSharp and, for Fit's ILogger support, the logging abstractions (interfaces only, about 60 KB, no provider):
# no backend (the app picks TorchSharp-cpu or -cuda), no plotting libraries, nothing native.
dependencies=$(echo "$nuspec" | grep -oE '<dependency id="[^"]+"' | sed -E 's/.*id="([^"]+)"/\1/' | sort -u | tr '\n' ' ')
[ "$dependencies" = "Microsoft.Extensions.Logging.Abstractions TorchSharp " ] \
  || fail "the package must depend on TorchSharp and Microsoft.Extensions.Logging.Abstractions only; it depends on: $dependencies"
if unzip -Z1 "$package" | grep -qi 'skia\|scottplot'; then fail "the core package must not carry plotting libraries"; fi
echo "  dependencies: $dependencies"
echo "$nuspec" | grep -q '<license type="expression">MIT</license>' || fail "the package must carry the MIT licence expression"
if echo "$nuspec" | grep -qE '<projectUrl>|<repository [^>]*url='; then
  fail "the package must not name a project or repository address (the project has none yet):"$'\n'"$nuspec"
fi

echo "== building the consumer app"
# Warnings are errors, except NU1603: the registry mirror here lacks some exact transitive versions of
# TorchSharp's dependencies and resolves the next one up, which says nothing about our package.
if ! dotnet build "$work/app" -c Release -v q --nologo -p:TreatWarningsAsErrors=true -p:NoWarn=NU1603 > "$work/app.log" 2>&1; then
  grep -E "error|warning" "$work/app.log" | sort -u || cat "$work/app.log"
  exit 1
fi
grep -E "MultiTaskSharp: " "$work/app.log" | sort -u || true
# The libstdc++ warning (MTLB0001) names the note shipped in the package: the package's own copy must be found.
note=$(dotnet msbuild "$work/app/app.csproj" -getProperty:_MultiTaskSharpLibstdcxxNote -nologo)
[[ "$note" == */multitasksharp/"$MTS_VERSION"/docs/libstdcxx-compat.md && -f "$note" ]] \
  || fail "the package's targets should name its own docs/libstdcxx-compat.md, not '$note'"
echo "== running it"
dotnet run --project "$work/app" -c Release --no-build

echo "== building a miswired copy (expects MTL0005)"
mkdir "$work/miswired"
cp "$work/app/app.csproj" "$work/app/nuget.config" "$work/app/Program.cs" "$work/miswired/"
sed -i 's/\[Head("Sign"/[Head("Sum"/' "$work/miswired/Program.cs"
if dotnet build "$work/miswired" -c Release -v q --nologo > "$work/miswired.log" 2>&1; then
  fail "the miswired model built; expected MTL0005"
fi
grep -q "error MTL0005" "$work/miswired.log" || { cat "$work/miswired.log"; fail "missing MTL0005 in the log above"; }
grep -m1 "error MTL0005" "$work/miswired.log"

echo "== building a net8.0 copy (expects MTLB0002, the framework requirement)"
mkdir "$work/net8"
cp "$work/app/app.csproj" "$work/app/nuget.config" "$work/app/Program.cs" "$work/net8/"
sed -i -E 's|<TargetFramework>[^<]+</TargetFramework>|<TargetFramework>net8.0</TargetFramework>|' "$work/net8/app.csproj"
if dotnet build "$work/net8" -c Release -v q --nologo > "$work/net8.log" 2>&1; then
  fail "the net8.0 app built; expected MTLB0002"
fi
grep -q "error MTLB0002: MultiTaskSharp requires net10.0 or later, but app targets net8.0" "$work/net8.log" \
  || { cat "$work/net8.log"; fail "missing MTLB0002 naming net10.0 and net8.0 in the log above"; }
if grep -q "error CS" "$work/net8.log"; then
  grep "error CS" "$work/net8.log" | sort -u | head -5; fail "the framework check must stop the build before the compiler's errors"
fi
grep -m1 "error MTLB0002" "$work/net8.log" | sed -E 's/ \[[^]]*\]$//'

echo "== the plotting package (README: plots)"
plotting_block=$(readme_block plotting)
printf '%s\n' "$plotting_block" | sed 's/^/  | /'
mkdir "$work/plot"
cp "$work/app/app.csproj" "$work/app/nuget.config" "$work/app/Program.cs" "$work/plot/"
cd "$repo"
eval "$(printf '%s\n' "$plotting_block" | grep -E '^dotnet pack ')"
cd "$work/plot"
eval "$(printf '%s\n' "$plotting_block" | grep -E '^dotnet add ')"
cd "$repo"
plotting="$MTS_FEED/MultiTaskSharp.Plotting.$MTS_VERSION.nupkg"
[ -f "$plotting" ] || fail "the plotting recipe did not produce $plotting"
plot_nuspec=$(unzip -p "$plotting" MultiTaskSharp.Plotting.nuspec)
echo "$plot_nuspec" | grep -qE "<dependency id=\"MultiTaskSharp\" version=\"\[?$MTS_VERSION" \
  || fail "MultiTaskSharp.Plotting must depend on MultiTaskSharp $MTS_VERSION:"$'\n'"$plot_nuspec"
echo "$plot_nuspec" | grep -q '<dependency id="ScottPlot"' || fail "MultiTaskSharp.Plotting must depend on ScottPlot"
sed -i 's|^var first = history\[0\].Train.Total;|history.SavePlot("curves.png");\nvar first = history[0].Train.Total;|' "$work/plot/Program.cs"
grep -q 'history.SavePlot("curves.png");' "$work/plot/Program.cs" || fail "could not add the SavePlot call to the plotting copy"
if ! dotnet build "$work/plot" -c Release -v q --nologo -p:TreatWarningsAsErrors=true -p:NoWarn=NU1603 > "$work/plot.log" 2>&1; then
  grep -E "error|warning" "$work/plot.log" | sort -u || cat "$work/plot.log"
  exit 1
fi
(cd "$work/plot" && dotnet run -c Release --no-build)
[ -s "$work/plot/curves.png" ] && [ "$(head -c 8 "$work/plot/curves.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] \
  || fail "the plotting app did not write a PNG"
echo "  curves.png: $(stat -c %s "$work/plot/curves.png") bytes"
echo "package end-to-end: ok"
