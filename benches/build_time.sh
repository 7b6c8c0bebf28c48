#!/usr/bin/env bash
# Build time from source, a baseline commit against the work tree, in the same run.
#
#   benches/build_time.sh [BASE]     # BASE defaults to e3ef179, the last commit before the cut
#
# For each tree, on a clean target dir of its own (registry already fetched, so no download is
# timed), in this order:
#   1. `cargo build --release --locked --timings` of BASE   (what `cargo install` did)
#   2. the same of the work tree                              (what `cargo install` does now)
#   3. `cargo build --profile dist --locked` of the work tree (the release archives' profile)
#   4. `cargo test --workspace --locked --no-run` of BASE, then of the work tree (TESTS=0 skips)
# Prints wall seconds, the ratio work-tree / BASE, the unit counts, and the ten slowest units of
# each release build (from cargo's --timings data). Nothing else should run meanwhile: on two
# cores the build is CPU-bound and every other process shows in the figures.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE=${1:-e3ef179}
TESTS=${TESTS:-1}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lpwh-build-time.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

mkdir "$WORK/base" "$WORK/new"
git archive "$BASE" | tar -x -C "$WORK/base"
# The work tree as it is, committed or not (tracked and new files, not target/).
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -x -C "$WORK/new"

# One fetch each, outside the timings.
(cd "$WORK/base" && cargo fetch --locked --quiet)
(cd "$WORK/new" && cargo fetch --locked --quiet)

# timed NAME DIR TARGET_DIR CARGO_ARGS...: wall seconds of one cargo run, into $WORK/NAME.secs.
timed() {
    local name=$1 dir=$2 target=$3
    shift 3
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && CARGO_TARGET_DIR="$target" cargo "$@" --quiet)
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", b - a }' >"$WORK/$name.secs"
    printf '%-28s %7.1f s\n' "$name" "$(cat "$WORK/$name.secs")" >&2
}

timed base-release "$WORK/base" "$WORK/t-base" build --release --locked --timings
timed new-release "$WORK/new" "$WORK/t-new" build --release --locked --timings
timed new-dist "$WORK/new" "$WORK/t-new-dist" build --profile dist --locked
if [[ $TESTS == 1 ]]; then
    timed base-tests "$WORK/base" "$WORK/t-base-tests" test --workspace --locked --no-run
    timed new-tests "$WORK/new" "$WORK/t-new-tests" test --workspace --locked --no-run
fi

python3 - "$WORK" "$TESTS" <<'EOF'
import json, pathlib, re, sys

work, tests = pathlib.Path(sys.argv[1]), sys.argv[2] == "1"
secs = lambda name: float((work / f"{name}.secs").read_text())

def units(target):
    """cargo's --timings page carries its units as `const UNIT_DATA = [...]`."""
    page = next((work / target / "cargo-timings").glob("cargo-timing*.html")).read_text()
    return json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", page, re.S).group(1))

def mmss(s):
    return f"{int(s // 60)}:{s % 60:04.1f}"

base, new = secs("base-release"), secs("new-release")
print("| build | wall | ratio to the baseline |")
print("|---|---|---|")
print(f"| baseline `cargo build --release --locked` | {mmss(base)} | 1.00 |")
print(f"| now `cargo build --release --locked` | {mmss(new)} | {new / base:.2f} |")
print(f"| now `cargo build --profile dist --locked` | {mmss(secs('new-dist'))} | {secs('new-dist') / base:.2f} |")
if tests:
    bt, nt = secs("base-tests"), secs("new-tests")
    print(f"| baseline `cargo test --workspace --no-run` | {mmss(bt)} | 1.00 |")
    print(f"| now `cargo test --workspace --no-run` | {mmss(nt)} | {nt / bt:.2f} |")
for label, target in (("baseline", "t-base"), ("now", "t-new")):
    data = units(target)
    total = sum(u["duration"] for u in data)
    print(f"\n{label}: {len(data)} units, {total:.0f} s of compile time; the ten slowest:\n")
    print("| unit | s |")
    print("|---|---|")
    for u in sorted(data, key=lambda u: -u["duration"])[:10]:
        kind = f" ({u['target'].strip()})" if u.get("target", "").strip() else ""
        print(f"| {u['name']} {u['version']}{kind} | {u['duration']:.1f} |")
EOF
