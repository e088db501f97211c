#!/bin/sh
# Serve Contracts in the foreground: FastCGI workers (spawn-fcgi +
# multiwatch, one per core) on a unix socket, nginx in front on
# 127.0.0.1:$PORT, the scheduled step (contractsctl tick) every
# TICK_EVERY seconds and the checkpointer (contractsctl checkpoint), which
# copies the WAL into the database so that no request has to.
#
#   SIGINT, SIGTERM  stop everything it started, and leave nothing behind
#   SIGHUP           reload: nginx re-reads its configuration, the workers
#                    are replaced one at a time (scripts/reload-workers.sh)
#
# Started as root, the workers and the scheduled step run as RUN_USER
# (contracts; scripts/deps.sh creates it), which is made the owner of the
# database and its directory; nginx's workers run as nobody.
#
# Environment: PORT (8080), DB (var/contracts.db: a SQLite file; or a
# postgresql:// URI, issue 17: then no checkpointer), RUNDIR (var/run),
# WORKERS (cores), LOGIN_RATE (30r/m), LOGIN_BURST (10), CONN_PER_ADDR
# (64: connections one client address may hold at once), FCGI (the worker
# binary, cgi-bin/contracts.fcgi), CTL (cgi-bin/contractsctl), SEED (1:
# seed-demo a new database),
# NGINX_CONF (the template filled in, nginx.conf; make bench adds to it),
# TICK_EVERY (30 seconds; 0: no scheduled step), SMTP_URL (passed on to
# the scheduled step), CHECKPOINT_EVERY (100 ms between checkpoints; 0: no
# checkpointer, the workers then checkpoint once the WAL is 128 MB),
# CHECKPOINT_WAL_MAX (64 MB: the WAL starts over past it), RUN_USER
# (contracts).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
me=serve
. "$top/scripts/lib.sh"
PORT=${PORT:-8080}
DB=${DB:-var/contracts.db}
RUNDIR=${RUNDIR:-var/run}
WORKERS=${WORKERS:-$(nproc)}
LOGIN_RATE=${LOGIN_RATE:-30r/m}
LOGIN_BURST=${LOGIN_BURST:-10}
CONN_PER_ADDR=${CONN_PER_ADDR:-64}
FCGI=${FCGI:-cgi-bin/contracts.fcgi}
CTL=${CTL:-cgi-bin/contractsctl}
SEED=${SEED:-1}
NGINX_CONF=${NGINX_CONF:-nginx.conf}
TICK_EVERY=${TICK_EVERY:-30}
CHECKPOINT_EVERY=${CHECKPOINT_EVERY:-100}
CHECKPOINT_WAL_MAX=${CHECKPOINT_WAL_MAX:-64}
RUN_USER=${RUN_USER:-contracts}
export DB
case "$DB" in
postgresql://* | postgres://*)	engine=postgresql ;;
*)				engine=sqlite ;;
esac

case "$FCGI" in
/*)	;;
*)	FCGI="$top/$FCGI" ;;
esac
case "$CTL" in
/*)	;;
*)	CTL="$top/$CTL" ;;
esac
mkdir -p "$RUNDIR"
[ $engine = sqlite ] && mkdir -p "$(dirname "$DB")"
RUNDIR=$(cd "$RUNDIR" && pwd)
sock="$RUNDIR/contracts.sock"
# Every worker maps this file for the counters /metrics reports
# (src/metrics/metrics.c); emptied at each start.
CONTRACTS_METRICS="$RUNDIR/metrics"
export CONTRACTS_METRICS
: > "$CONTRACTS_METRICS"

# As root: nginx's workers run as nobody (the socket is made theirs); the
# FastCGI workers and the scheduled step as RUN_USER, who owns the data.
run_user_setup
sock_owner=""
if [ "$(id -u)" -eq 0 ]; then
	sock_owner="-U nobody -G nogroup"
	chown "$RUN_USER:$group" "$CONTRACTS_METRICS"
	if [ $engine = sqlite ]; then
		chown "$RUN_USER:$group" "$(dirname "$DB")"
		for f in "$DB" "$DB-wal" "$DB-shm"; do
			[ -e "$f" ] && chown "$RUN_USER:$group" "$f"
		done
	fi
fi

if [ "$SEED" = 1 ]; then
	if [ $engine = sqlite ] && [ ! -s "$DB" ]; then
		echo "serve: creating $DB with demo data" >&2
		$as_user "$CTL" --db "$DB" seed-demo >/dev/null
	elif [ $engine = postgresql ]; then	# demo data into a database without users
		$as_user "$CTL" --db "$DB" seed-demo --if-empty >/dev/null
	fi
fi
[ $engine = postgresql ] && CHECKPOINT_EVERY=0	# SQLite's WAL only

render_nginx_conf() {
	nginx_conf_fill < "$NGINX_CONF" > "$RUNDIR/nginx.conf.new"
	mv "$RUNDIR/nginx.conf.new" "$RUNDIR/nginx.conf"
}
render_nginx_conf

fcgi_pid=""
nginx_pid=""
tick_pid=""
ckpt_pid=""
nap_pid=""
# Stop everything, whoever got the signal (the workers as fcgi_stop in
# scripts/lib.sh says).  Signals that come meanwhile are ignored: make
# passes its SIGTERM on to us, and a second one must not cut this short.
stop() {
	trap '' INT TERM HUP
	trap - EXIT
	for p in $nginx_pid $tick_pid $ckpt_pid $nap_pid; do
		kill -TERM "$p" 2>/dev/null || true
	done
	fcgi_stop "$fcgi_pid"
	wait 2>/dev/null || true
	rm -f "$sock"
}
reload_wanted=0
trap 'stop; exit 0' INT TERM
trap stop EXIT
trap 'reload_wanted=1' HUP

rm -f "$sock"
# -n: spawn-fcgi execs the rest in the foreground, after dropping to
# RUN_USER; setpriv makes multiwatch die with this script (a SIGKILL to it
# leaves no supervisor behind); multiwatch forks the workers and restarts
# any that dies (-t 3000: one that lived 3 s was not crash-looping, so a
# reload does not use up the three retries multiwatch allows).
spawn-fcgi -n -s "$sock" -M 0660 $sock_owner $drop -- \
    /usr/bin/setpriv --pdeathsig TERM -- /usr/bin/multiwatch -f "$WORKERS" -t 3000 -- \
    "$FCGI" -d "$DB" -t "$top/templates" &
fcgi_pid=$!
i=0
while [ ! -S "$sock" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! running "$fcgi_pid"; then
		echo "serve: the FastCGI workers did not start" >&2
		exit 1
	fi
	sleep 0.05
done
nginx -e stderr -c "$RUNDIR/nginx.conf" -p "$RUNDIR" &
nginx_pid=$!
echo "serve: http://127.0.0.1:$PORT/ (workers: $WORKERS, db: $DB, tick every ${TICK_EVERY}s," \
    "checkpoint every ${CHECKPOINT_EVERY}ms)" >&2

reload() {
	echo "serve: reloading" >&2
	render_nginx_conf
	if nginx -t -q -e stderr -c "$RUNDIR/nginx.conf" -p "$RUNDIR"; then
		kill -HUP "$nginx_pid"
	else
		echo "serve: the new nginx configuration is refused; nginx keeps the old one" >&2
	fi
	sh "$top/scripts/reload-workers.sh" "$fcgi_pid" || true
}

# The scheduled step (tick in scripts/lib.sh).
next_tick=0

# The checkpointer: started with the workers, started again if it dies
# (what it printed says why); while it is down the WAL grows, and the
# workers checkpoint themselves only when it is 128 MB.
checkpointer() {
	[ "$CHECKPOINT_EVERY" -gt 0 ] || return 0
	if [ -n "$ckpt_pid" ] && ! running "$ckpt_pid"; then
		rc=0
		wait "$ckpt_pid" || rc=$?
		echo "serve: the checkpointer stopped (exit $rc); starting it again" >&2
		ckpt_pid=""
	fi
	[ -z "$ckpt_pid" ] || return 0
	$as_user "$CTL" --db "$DB" checkpoint --every "$CHECKPOINT_EVERY" \
	    --wal-max "$CHECKPOINT_WAL_MAX" >&2 &
	ckpt_pid=$!
}
checkpointer

# Run while both run.  multiwatch restarts a worker that dies, but gives up
# on one that dies three times within seconds of starting (each worker
# logs why it stopped); once none is left it exits, and so do we, rather
# than let nginx answer 502 for ever.
while running "$nginx_pid" && running "$fcgi_pid"; do
	if [ $reload_wanted = 1 ]; then
		reload_wanted=0
		reload
	fi
	tick
	checkpointer
	sleep 1 &
	nap_pid=$!
	wait $nap_pid || true	# a trapped signal interrupts wait, not sleep
	nap_pid=""
done
if ! running "$fcgi_pid"; then
	echo "serve: the FastCGI workers are gone (see their last lines above); stopping" >&2
	exit 1
fi
echo "serve: nginx stopped; stopping" >&2
exit 1
