#!/bin/sh
# Replace the FastCGI workers under one multiwatch, one at a time, so that
# the binary and the templates on disk now are the ones that serve, and no
# request fails: each old worker gets SIGHUP, finishes the request at hand
# and exits; multiwatch starts a new one from the same path; the next old
# one goes only once the new one runs.  The others keep answering, and
# connections that arrive meanwhile wait in the listening socket's queue.
#
#	reload-workers.sh MULTIWATCH_PID
#
# Used by scripts/serve.sh on SIGHUP and by contracts.service's ExecReload.
# Exit 0 when every worker was replaced; 1 (and why) when a new worker did
# not stay up: the remaining old ones go on serving.
set -eu
mw=${1:?usage: reload-workers.sh MULTIWATCH_PID}

children() {
	pgrep -P "$mw" | sort -n || true
}

gone() {
	[ ! -d "/proc/$1" ] || grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

old=$(children)
n=$(echo "$old" | grep -c . || true)
if [ "$n" -eq 0 ]; then
	echo "reload: multiwatch $mw has no workers" >&2
	exit 1
fi
i=0
for w in $old; do
	i=$((i + 1))
	before=$(children)
	kill -HUP "$w" 2>/dev/null || true
	# A worker blocked in accept(2) when the signal came leaves with the
	# next request; an idle one is told to go after 2 s (it holds none).
	t=0
	while ! gone "$w"; do
		t=$((t + 1))
		[ $t -eq 40 ] && kill -TERM "$w" 2>/dev/null
		if [ $t -gt 100 ]; then
			echo "reload: worker $w does not stop; leaving it" >&2
			exit 1
		fi
		sleep 0.05
	done
	# The new worker: a child of multiwatch that was not there before,
	# still running 0.3 s later (one that cannot load its templates or
	# open the database exits at once).
	t=0
	new=""
	while [ -z "$new" ]; do
		new=$(children | grep -vxF "$before" || true)
		t=$((t + 1))
		if [ -z "$new" ] && [ $t -gt 100 ]; then
			echo "reload: multiwatch started no worker in place of $w" >&2
			exit 1
		fi
		[ -z "$new" ] && sleep 0.05
	done
	sleep 0.3
	for p in $new; do
		if gone "$p"; then
			echo "reload: the new worker $p stopped at once (see its log); $((i - 1)) of $n replaced" >&2
			exit 1
		fi
	done
done
echo "reload: $n workers replaced" >&2
