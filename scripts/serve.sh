#!/bin/sh
# Serve Contracts in the foreground: FastCGI workers (spawn-fcgi +
# multiwatch, one per core) on a unix socket, nginx in front on
# 127.0.0.1:$PORT.  Ctrl-C or SIGTERM stops everything it started.
#
# Environment: PORT (8080), DB (var/contracts.db), RUNDIR (var/run),
# WORKERS (cores), LOGIN_RATE (30r/m), LOGIN_BURST (10), CONN_PER_ADDR
# (64: connections one client address may hold at once), FCGI (the worker
# binary, cgi-bin/contracts.fcgi), SEED (1: seed-demo a new database),
# NGINX_CONF (the template filled in, nginx.conf; make bench adds to it).
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
SEED=${SEED:-1}
NGINX_CONF=${NGINX_CONF:-nginx.conf}
export DB

mkdir -p "$RUNDIR" "$(dirname "$DB")"
RUNDIR=$(cd "$RUNDIR" && pwd)
sock="$RUNDIR/contracts.sock"

if [ ! -s "$DB" ] && [ "$SEED" = 1 ]; then
	echo "serve: creating $DB with demo data" >&2
	cgi-bin/contractsctl --db "$DB" seed-demo >/dev/null
fi

# As root, nginx's workers run as nobody: the socket is made theirs.
user_line=""
sock_owner=""
if [ "$(id -u)" -eq 0 ]; then
	user_line="user nobody nogroup;"
	sock_owner="-U nobody -G nogroup"
fi
sed -e "s|@USER@|$user_line|" -e "s|@PORT@|$PORT|g" -e "s|@RUN@|$RUNDIR|g" -e "s|@SOCKET@|$sock|g" \
    -e "s|@ROOT@|$top|g" -e "s|@LOGIN_RATE@|$LOGIN_RATE|g" \
    -e "s|@LOGIN_BURST@|$LOGIN_BURST|g" -e "s|@CONN_PER_ADDR@|$CONN_PER_ADDR|g" \
    "$NGINX_CONF" > "$RUNDIR/nginx.conf"

fcgi_pid=""
nginx_pid=""
stop() {
	trap - INT TERM EXIT
	[ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null || true
	[ -n "$fcgi_pid" ] && kill -TERM "$fcgi_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -f "$sock"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

rm -f "$sock"
# -n: spawn-fcgi execs multiwatch in the foreground; multiwatch forks the
# workers and restarts any that dies.
spawn-fcgi -n -s "$sock" -M 0660 $sock_owner -- /usr/bin/multiwatch -f "$WORKERS" -- \
    "$top/$FCGI" -d "$DB" -t "$top/templates" &
fcgi_pid=$!
i=0
while [ ! -S "$sock" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$fcgi_pid" 2>/dev/null; then
		echo "serve: the FastCGI workers did not start" >&2
		exit 1
	fi
	sleep 0.05
done
nginx -e stderr -c "$RUNDIR/nginx.conf" -p "$RUNDIR" &
nginx_pid=$!
echo "serve: http://127.0.0.1:$PORT/ (workers: $WORKERS, db: $DB)" >&2
# Run while both run.  multiwatch restarts a worker that dies, but gives up
# on one that dies three times within seconds of starting (each worker
# logs why it stopped); once none is left it exits, and so do we, rather
# than let nginx answer 502 for ever.
while kill -0 "$nginx_pid" 2>/dev/null && kill -0 "$fcgi_pid" 2>/dev/null; do
	sleep 1 &
	wait $! || true		# a trapped signal interrupts wait, not sleep
done
if ! kill -0 "$fcgi_pid" 2>/dev/null; then
	echo "serve: the FastCGI workers are gone (see their last lines above); stopping" >&2
	exit 1
fi
echo "serve: nginx stopped; stopping" >&2
exit 1
