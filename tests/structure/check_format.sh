#!/usr/bin/env bash
# Checks that every C++ file of the project is formatted as .clang-format says.
set -u
root=${1:?usage: check_format.sh SOURCE_DIR}
cd "$root" || exit 2
command -v clang-format >/dev/null || { echo "check_format: clang-format not installed"; exit 77; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find include src tests bench -name '*.cpp' -o -name '*.hpp')
bad=0
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || { echo "check_format: not formatted: $f"; bad=1; }
done
[ $bad -eq 0 ] && echo "check_format: ${#files[@]} files formatted"
exit $bad
