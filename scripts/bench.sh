#!/usr/bin/env bash
# bench.sh measures okr's builds on this machine, in one run:
#
#   example   the example site (content/) built as a whole process
#   10k       the synthetic 10k site (10,000 objectives): cold builds, with
#             wall time, peak memory and files written
#   hugo      the equivalent Hugo site built by Hugo, and the ratio to okr
#             (skipped with a message when hugo is not installed)
#   rebuild   a rebuild of the 10k site after one team's file changed: by a
#             new okr build process, and by the Builder that okr serve and
#             okr build -watch keep between builds (go test -bench)
#   50k       the 50k site, to see how time and memory grow from 10k
#   pdf       okr pdf of the example's current quarter, Chromium's start
#             included, and of a 50-team quarter of a synthetic site
#   report    in Chromium, the 50-team period report's first screen with
#             its visible charts drawn (median of several loads)
#
# Usage: scripts/bench.sh [all | example 10k hugo rebuild 50k ...]
# RUNS (default 5) sets how many times each build runs; medians are shown.
# COLD=1 empties the page cache before each timed build (as root), so that
# the content is read from disk, as on the first build after a boot;
# otherwise it is read from memory, as after editing it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
what=${*:-all}
cold=${COLD:-0}
if [ "$cold" = 1 ] && ! [ -w /proc/sys/vm/drop_caches ]; then
	echo "COLD=1 needs root to empty the page cache; the content stays in memory"
	cold=0
fi
want() { [[ " $what " == *" all "* || " $what " == *" $1 "* ]]; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), $(uname -sr)"
go build -o "$work/okr" ./cmd/okr
go build -o "$work/synth" ./cmd/synth

# median prints the middle of the numbers on stdin.
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# run runs a command once, after running prepare, and adds its wall time
# (s) and peak memory (KB) to the file out.
run() {
	local out=$1 prepare=$2
	shift 2
	eval "$prepare"
	sync
	if [ "$cold" = 1 ]; then echo 3 >/proc/sys/vm/drop_caches; fi
	/usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
	cat "$work/t" >>"$out"
}

# summarize reads such a file and sets wall (the median wall time, s),
# range (the fastest and slowest) and mem (the median peak memory, MB).
summarize() {
	wall=$(cut -d' ' -f1 "$1" | median)
	range="$(cut -d' ' -f1 "$1" | sort -n | head -1) to $(cut -d' ' -f1 "$1" | sort -n | tail -1)"
	mem=$(($(cut -d' ' -f2 "$1" | median) / 1024))
}

# measure runs a command $runs times after running prepare, and
# summarizes the runs.
measure() {
	: >"$work/times"
	for _ in $(seq "$runs"); do
		run "$work/times" "$@"
	done
	summarize "$work/times"
}

files() { find "$1" -type f | wc -l; }

# setaside moves a previous build's output out of the way, so the next
# build starts with no folder, without deleting it: on ext4, files deleted
# in the last minutes make creating new ones slow (its inode allocator
# steps over recently freed inodes when the file system has no journal, as
# on this VM), which would charge the harness's own deletions to the
# build. Everything is deleted at the end.
setaside() { if [ -e "$1" ]; then mv "$1" "$1.$(date +%s%N)"; fi; }

if want example; then
	measure "rm -rf '$work/pub'" "$work/okr" build -dest "$work/pub" content
	echo "example: $wall s median of $runs cold builds, peak $mem MB, $(files "$work/pub") files"
	measure ":" "$work/okr" build -dest "$work/pub" content
	echo "example: $wall s median of $runs rebuilds over the previous site"
fi

if want 10k || want hugo || want rebuild; then
	"$work/synth" -size 10k -out "$work/s10k"
	hugo=false
	if want hugo && command -v hugo >/dev/null; then
		hugo=true
		"$work/synth" -size 10k -hugo -out "$work/h10k"
	fi
	# okr's and Hugo's builds take turns, so that a machine whose speed
	# drifts during the run slows both alike.
	: >"$work/okr.times"
	: >"$work/hugo.times"
	for _ in $(seq "$runs"); do
		run "$work/okr.times" "setaside '$work/p10k'" "$work/okr" build -dest "$work/p10k" "$work/s10k"
		if $hugo; then
			run "$work/hugo.times" "setaside '$work/h10k/public'" hugo --quiet --source "$work/h10k"
		fi
	done
	summarize "$work/okr.times"
	okr10k=$wall
	echo "10k: $wall s median of $runs cold builds ($range), peak $mem MB, $(files "$work/p10k") files, $(du -sm "$work/p10k" | cut -f1) MB"
	# The home page's own weight: its HTML and the style sheets and
	# scripts it loads, but not ECharts (shared by every page, cached).
	own=$(grep -o '\(src\|href\)="static/[^"]*"' "$work/p10k/index.html" | cut -d'"' -f2 | grep -v echarts | sed "s|^|$work/p10k/|" || true)
	echo "10k home page's own weight: $(cat "$work/p10k/index.html" $own | wc -c | awk '{printf "%.0f", $1 / 1024}') KB (HTML, CSS, our scripts)"
	if $hugo; then
		summarize "$work/hugo.times"
		echo "hugo 10k: $wall s median of $runs builds ($range), peak $mem MB, $(files "$work/h10k/public") files ($(hugo version | cut -d' ' -f2))"
		echo "ratio okr/hugo: $(awk "BEGIN {printf \"%.2f\", $okr10k / $wall}")"
	elif want hugo; then
		echo "hugo: not installed, skipped (Debian: apt-get install hugo)"
	fi
fi

if want rebuild; then
	team="$work/s10k/periods/2026-Q4/t42.toml"
	stamp="$work/stamp"
	touch "$stamp"
	measure "sed -i 's/Weekly review done/Weekly review done!/; s/done!!/done/' '$team'" "$work/okr" build -dest "$work/p10k" "$work/s10k"
	changed=$(find "$work/p10k" -type f -newer "$stamp" | wc -l)
	echo "rebuild after one team's file changed, new process: $wall s median of $runs, peak $mem MB; $changed of $(files "$work/p10k") files rewritten in all runs"
	go test ./build -run XXX -bench 'Rebuild10k$' -benchtime 10x -count "$runs" |
		awk '/^BenchmarkRebuild10k/ {print $3 / 1e6}' | median |
		xargs printf "rebuild after one team's file changed, kept Builder (serve, build -watch): %.0f ms median of $runs\n"
fi

if want 50k; then
	"$work/synth" -size 50k -out "$work/s50k"
	measure "setaside '$work/p50k'" "$work/okr" build -dest "$work/p50k" "$work/s50k"
	echo "50k: $wall s median of $runs cold builds ($range), peak $mem MB, $(files "$work/p50k") files"
fi

if want pdf; then
	measure "rm -f '$work/q.pdf'" "$work/okr" pdf -out "$work/q.pdf" content
	echo "pdf of the example's current quarter: $wall s median of $runs, $(pdfinfo "$work/q.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages"
	"$work/synth" -size 50team -out "$work/s50team"
	measure "rm -f '$work/t.pdf'" "$work/okr" pdf -out "$work/t.pdf" "$work/s50team"
	echo "pdf of a 50-team quarter: $wall s median of $runs, $(pdfinfo "$work/t.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages"
fi

if want report; then
	[ -d "$work/s50team" ] || "$work/synth" -size 50team -out "$work/s50team"
	"$work/okr" build -dest "$work/p50team" "$work/s50team" >/dev/null
	go run ./scripts/firstscreen -runs "$runs" "$work/p50team/periods/2026-Q4.html"
fi
