# SPDX-License-Identifier: GPL-2.0
#
# Counting shared by scripts/check and scripts/check-debug. Sourced, not
# run; the caller sets RES (the results directory).

passed=0 failed=0 skipped=0

note() { printf '\n==== %s ====\n' "$*"; }

# count_step NAME COMMAND...: one pass or fail for a whole step.
count_step() {
	local name=$1

	shift
	note "$name"
	if "$@"; then
		passed=$((passed + 1))
		echo "$name: passed"
	else
		failed=$((failed + 1))
		echo "$name: FAILED"
	fi
}

# add_counts FILE: add a suite's "name: N passed, N failed, N skipped".
add_counts() {
	local line p f s

	line=$(cat "$1" 2>/dev/null)
	p=$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$line")
	f=$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$line")
	s=$(sed -nE 's/.* ([0-9]+) skipped.*/\1/p' <<<"$line")
	if [ -z "$p" ] || [ -z "$f" ]; then
		echo "check: no counts from $1; counting one failure" >&2
		failed=$((failed + 1))
		return
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + ${s:-0}))
}

# Compiler or sparse output must hold no warning at all. NICE="nice -n
# 19" runs the build at that priority.
build_clean() {
	local log=$RES/$1.log

	shift
	${NICE:-} make --no-print-directory "$@" 2>&1 | tee "$log"
	[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
	! grep -E 'warning:|error:' "$log"
}
