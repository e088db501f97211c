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
user_line=""
sock_owner=""
drop=""
as_user=""
if [ "$(id -u)" -eq 0 ]; then
	if ! id "$RUN_USER" >/dev/null 2>&1; then
		echo "serve: there is no user $RUN_USER to run the workers as" \
		    "(sh scripts/deps.sh run creates it)" >&2
		exit 1
	fi
	group=$(id -gn "$RUN_USER")
	user_line="user nobody nogroup;"
	sock_owner="-U nobody -G nogroup"
	drop="-u $RUN_USER -g $group"
	as_user="setpriv --reuid=$RUN_USER --regid=$group --init-groups --"
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
	sed -e "s|@USER@|$user_line|" -e "s|@PORT@|$PORT|g" -e "s|@RUN@|$RUNDIR|g" \
	    -e "s|@SOCKET@|$sock|g" -e "s|@ROOT@|$top|g" -e "s|@LOGIN_RATE@|$LOGIN_RATE|g" \
	    -e "s|@LOGIN_BURST@|$LOGIN_BURST|g" -e "s|@CONN_PER_ADDR@|$CONN_PER_ADDR|g" \
	    "$NGINX_CONF" > "$RUNDIR/nginx.conf.new"
	mv "$RUNDIR/nginx.conf.new" "$RUNDIR/nginx.conf"
}
render_nginx_conf

# Is process $1 still running (not gone, not a zombie waiting for us)?
running() {
	[ -n "$1" ] && [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

fcgi_pid=""
nginx_pid=""
tick_pid=""
ckpt_pid=""
nap_pid=""
# Stop everything, whoever got the signal.  Ctrl-C and systemd send it to
# the whole group, so the workers may die before multiwatch hears of it:
# multiwatch may then start a new worker after the signal.  So: wait at
# most 2 s for multiwatch to stop its workers, then kill what is left by
# pid (the workers also die with multiwatch: PR_SET_PDEATHSIG).  Signals
# that come meanwhile are ignored: make passes its SIGTERM on to us, and a
# second one must not cut this short.
stop() {
	trap '' INT TERM HUP
	trap - EXIT
	kids=""
	for p in $nginx_pid $tick_pid $ckpt_pid $nap_pid; do
		kill -TERM "$p" 2>/dev/null || true
	done
	if [ -n "$fcgi_pid" ]; then
		kids=$(pgrep -P "$fcgi_pid" || true)
		kill -TERM "$fcgi_pid" 2>/dev/null || true
		i=0
		while running "$fcgi_pid" && [ $i -lt 40 ]; do
			sleep 0.05
			i=$((i + 1))
		done
		if running "$fcgi_pid"; then
			echo "serve: multiwatch still runs 2 s after the signal; killing it and its workers" >&2
			kids="$kids $(pgrep -P "$fcgi_pid" || true)"
			kill -KILL "$fcgi_pid" 2>/dev/null || true
		fi
	fi
	for p in $kids; do
		kill -KILL "$p" 2>/dev/null || true
	done
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

# The scheduled step: one run at a time, in the background so that a slow
# run (SMTP) neither delays a stop nor the next check of the others; a
# failed run is logged and the next one comes as usual.
tick() {
	if [ -n "$tick_pid" ] && ! running "$tick_pid"; then
		rc=0
		wait "$tick_pid" || rc=$?
		[ $rc -ne 0 ] && echo "serve: the scheduled step failed (exit $rc); next run in ${TICK_EVERY}s" >&2
		tick_pid=""
	fi
	[ "$TICK_EVERY" -gt 0 ] && [ -z "$tick_pid" ] || return 0
	now=$(date +%s)
	[ "$now" -ge "$next_tick" ] || return 0
	next_tick=$((now + TICK_EVERY))
	$as_user "$CTL" --db "$DB" tick >&2 &
	tick_pid=$!
}
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
