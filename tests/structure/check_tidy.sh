#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy at the root) over the project's sources with the build's compile database.
set -u
root=${1:?usage: check_tidy.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: check_tidy.sh SOURCE_DIR BUILD_DIR}
command -v clang-tidy >/dev/null || { echo "check_tidy: clang-tidy not installed"; exit 77; }
[ -f "$build/compile_commands.json" ] || { echo "check_tidy: no compile_commands.json in $build"; exit 1; }
cd "$root" || exit 2
mapfile -t files < <(git ls-files 'src/*.cpp' 'bench/*.cpp' 2>/dev/null || find src bench -name '*.cpp')
[ ${#files[@]} -gt 0 ] || { echo "check_tidy: no sources"; exit 1; }
log=$(mktemp)
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet >"$log" 2>&1
status=$?
findings=$(grep -E ': (warning|error):' "$log" | sort -u)
rm -f "$log"
if [ -n "$findings" ] || [ $status -ne 0 ]; then
  echo "$findings"
  echo "check_tidy: clang-tidy found problems (status $status)"
  exit 1
fi
echo "check_tidy: ${#files[@]} files clean"
