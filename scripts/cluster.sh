#!/bin/sh
# Serve Contracts on a replicated PostgreSQL, all on loopback, in the
# foreground like scripts/serve.sh (make cluster):
#
#   - a pg_auto_failover monitor and three PostgreSQL 15 nodes, each run by
#     its pg_autoctl keeper as PG_USER: a primary and two standbys, with
#     number_sync_standbys 1 (synchronous_standby_names 'ANY 1 (...)': a
#     commit is acknowledged once one standby has it too), so that when
#     the primary dies the monitor promotes a standby that has every
#     acknowledged write;
#   - three FastCGI hosts: spawn-fcgi + multiwatch groups, each on its own
#     loopback address (HOSTS), all with DB = the formation's multi-host
#     URI (target_session_attrs=read-write: a worker whose connection
#     breaks answers 503 and finds the primary, wherever it now is, at its
#     next request);
#   - nginx on 127.0.0.1:$PORT, nginx.conf with its upstream made of the
#     three hosts (cluster_nginx_conf below);
#   - the scheduled step (contractsctl tick) every TICK_EVERY seconds, once
#     for the whole cluster (it is safe to run anywhere, any time).  No
#     checkpointer: that is SQLite's.
#
# The first start creates the nodes under CLUSTER_DIR and seeds demo data;
# later starts reuse them.  A keeper or a host that stops (crash, kill -9)
# is started again RESTART_AFTER seconds later, as systemd's Restart= would;
# a primary's keeper that comes back after a failover rejoins as a standby.
#
#   SIGINT, SIGTERM, SIGHUP  stop everything it started: nginx, the hosts,
#                            then the monitor (so that it decides nothing
#                            while the nodes stop), then the nodes
#
# Logs: nginx and the scheduled step on stderr; each host's workers (one
# line a request) and each keeper in CLUSTER_DIR/log/NAME.log; PostgreSQL
# in CLUSTER_DIR/pg/NODE/log/.  The state: pg_autoctl show state (README).
#
# Environment: PORT (8080), CLUSTER_DIR (var/cluster), PG_PORT (5440: the
# monitor's port, the nodes take the next three; read at creation only),
# HOSTS (the FastCGI hosts' addresses, "127.0.0.21:9000 127.0.0.22:9000
# 127.0.0.23:9000"), WORKERS (1 per host: the three share this machine),
# RESTART_AFTER (30 seconds; 0: never), TICK_EVERY (30; 0: no scheduled
# step), SEED (1: seed-demo a database without users), PG_USER (postgres:
# who runs PostgreSQL when started as root), PG_BIN
# (/usr/lib/postgresql/15/bin), and as serve.sh: LOGIN_RATE, LOGIN_BURST,
# CONN_PER_ADDR, FCGI, CTL, NGINX_CONF, SMTP_URL, RUN_USER.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
me=cluster
. "$top/scripts/lib.sh"
PORT=${PORT:-8080}
CLUSTER_DIR=${CLUSTER_DIR:-var/cluster}
PG_PORT=${PG_PORT:-5440}
HOSTS=${HOSTS:-127.0.0.21:9000 127.0.0.22:9000 127.0.0.23:9000}
WORKERS=${WORKERS:-1}
RESTART_AFTER=${RESTART_AFTER:-30}
TICK_EVERY=${TICK_EVERY:-30}
SEED=${SEED:-1}
PG_USER=${PG_USER:-postgres}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
LOGIN_RATE=${LOGIN_RATE:-30r/m}
LOGIN_BURST=${LOGIN_BURST:-10}
CONN_PER_ADDR=${CONN_PER_ADDR:-64}
FCGI=${FCGI:-cgi-bin/contracts.fcgi}
CTL=${CTL:-cgi-bin/contractsctl}
NGINX_CONF=${NGINX_CONF:-nginx.conf}
RUN_USER=${RUN_USER:-contracts}
# The database pg_autoctl creates and the role the app connects as.
DBNAME=contracts
DBROLE=contracts

case "$FCGI" in
/*)	;;
*)	FCGI="$top/$FCGI" ;;
esac
case "$CTL" in
/*)	;;
*)	CTL="$top/$CTL" ;;
esac

# A build without the PostgreSQL backend would take the URI for the name
# of an SQLite file: say so now rather than after creating the cluster.
for b in "$FCGI" "$CTL"; do
	if [ ! -x "$b" ]; then
		echo "cluster: no $b (make all builds it)" >&2
		exit 1
	fi
	if ! ldd "$b" 2>/dev/null | grep -q 'libpq\.so'; then
		echo "cluster: $b is built without the PostgreSQL backend (not linked" \
		    "with libpq): it cannot use a postgresql:// database" >&2
		exit 1
	fi
done
if ! command -v pg_autoctl >/dev/null 2>&1 || [ ! -x "$PG_BIN/pg_ctl" ]; then
	echo "cluster: no pg_autoctl or PostgreSQL 15 (sh scripts/deps.sh cluster installs them)" >&2
	exit 1
fi

mkdir -p "$CLUSTER_DIR"
CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)
pgdir="$CLUSTER_DIR/pg"
logdir="$CLUSTER_DIR/log"
RUNDIR="$CLUSTER_DIR/run"
mkdir -p "$pgdir/xdg/config" "$pgdir/xdg/data" "$pgdir/xdg/run" "$pgdir/sock" "$logdir" "$RUNDIR"

# PostgreSQL and pg_autoctl refuse to run as root: as root they run as
# PG_USER, who owns CLUSTER_DIR/pg.  pg_autoctl keeps its configuration,
# state and pid files where XDG_* say: under CLUSTER_DIR/pg/xdg too, so
# that nothing of the cluster lives elsewhere.  It connects to its own
# node over loopback TCP (PGHOST); each server's unix socket is in
# CLUSTER_DIR/pg/sock (contracts.conf), used by pg_autoctl only when it
# runs a server that does not listen on TCP (crash recovery before
# pg_rewind, when a dead primary comes back as a standby).
run_user_setup
as_pg="setpriv --pdeathsig TERM --"
pg_super=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	if ! id "$PG_USER" >/dev/null 2>&1; then
		echo "cluster: there is no user $PG_USER to run PostgreSQL as (install postgresql-15)" >&2
		exit 1
	fi
	as_pg="setpriv --reuid=$PG_USER --regid=$(id -gn "$PG_USER") --init-groups --pdeathsig TERM --"
	pg_super=$PG_USER
	chown -R "$PG_USER:$(id -gn "$PG_USER")" "$pgdir"
fi
chmod 700 "$pgdir"
autoctl() {
	$as_pg env HOME="$pgdir" XDG_CONFIG_HOME="$pgdir/xdg/config" XDG_DATA_HOME="$pgdir/xdg/data" \
	    XDG_RUNTIME_DIR="$pgdir/xdg/run" PGHOST=127.0.0.1 PATH="$PG_BIN:$PATH" pg_autoctl "$@"
}

# Is node $1 (monitor, node1...) created?  pg_autoctl keeps an init file
# while a creation is under way; one that was cut short is run again.
created() {
	[ -f "$pgdir/xdg/config/pg_autoctl$pgdir/$1/pg_autoctl.cfg" ] &&
	    [ ! -f "$pgdir/xdg/data/pg_autoctl$pgdir/$1/pg_autoctl.init" ]
}

# Node $1's PostgreSQL settings, written at each start into its data
# directory and included last from postgresql.conf, so that they win over
# what pg_autoctl sizes for a whole machine (shared_buffers a quarter of
# the RAM, 8 GB of WAL kept): four servers share this one.  A standby's
# base backup copies both files from the primary.
node_conf() {
	d="$pgdir/$1"
	cat > "$d/contracts.conf" <<-EOF
	# Written by scripts/cluster.sh at each start (make cluster): small, and
	# the unix socket inside the cluster's directory.
	shared_buffers = '32MB'
	effective_cache_size = '256MB'
	work_mem = '4MB'
	maintenance_work_mem = '32MB'
	wal_keep_size = '256MB'
	unix_socket_directories = '$pgdir/sock'
	EOF
	# How soon a dead primary is replaced: pg_auto_failover waits 20 s
	# to call a node unhealthy, then 30 s for a primary it cannot reach
	# to have demoted itself; here 6 s and 10 s.  The second must stay
	# longer than the keepers' network_partition_timeout (8 s below),
	# after which a primary cut off from the monitor and its standbys
	# stops taking writes: so no two primaries take writes at once.
	if [ "$1" = monitor ]; then
		cat >> "$d/contracts.conf" <<-EOF
		pgautofailover.health_check_period = 2000
		pgautofailover.node_considered_unhealthy_timeout = 6000
		pgautofailover.primary_demote_timeout = 10000
		EOF
	else
		autoctl config set --pgdata "$d" timeout.network_partition_timeout 8 >/dev/null
	fi
	if [ "$(id -u)" -eq 0 ]; then
		chown "$PG_USER:$(id -gn "$PG_USER")" "$d/contracts.conf"
	fi
	if ! grep -q "^include_if_exists 'contracts.conf'" "$d/postgresql.conf"; then
		echo "include_if_exists 'contracts.conf'	# scripts/cluster.sh" >> "$d/postgresql.conf"
	fi
}

# pid_NAME holds the pid of what runs component NAME (monitor, node1-3:
# its keeper; host1-3: its multiwatch), also in RUNDIR/NAME.pid for whoever
# wants to signal one (tests/cluster); again_NAME when to start it again.
pid_of() { eval "echo \${pid_$1:-}"; }
set_pid() {
	eval "pid_$1=\$2"
	if [ -n "$2" ]; then echo "$2" > "$RUNDIR/$1.pid"; else rm -f "$RUNDIR/$1.pid"; fi
}

# The pids of process $1's descendants.
descendants() {
	for c in $(pgrep -P "$1" || true); do
		echo "$c"
		descendants "$c"
	done
}

# What a killed keeper (kill -9, a crash) leaves behind: the System V
# semaphore pg_autoctl names in its pid file (it does not remove a stale
# one itself) and its PostgreSQL's shared memory segment, once nothing is
# attached.  Only ids that are PG_USER's and named in $1's own files.
clear_stale() {
	f="$pgdir/xdg/run/pg_autoctl$pgdir/$1/pg_autoctl.pid"
	if [ -f "$f" ] && ! running "$(sed -n 1p "$f")"; then
		sem=$(sed -n 5p "$f")
		[ -n "$sem" ] && ipcs -s | awk -v id="$sem" -v u="$pg_super" '$2 == id && $3 == u { f = 1 } END { exit !f }' &&
		    ipcrm -s "$sem" 2>/dev/null || true
		rm -f "$(dirname "$f")"/*.pid
	fi
	f="$pgdir/$1/postmaster.pid"
	if [ -f "$f" ] && ! running "$(sed -n 1p "$f")"; then
		shm=$(sed -n 7p "$f" | awk '{ print $2 }')
		[ -n "$shm" ] && ipcs -m | awk -v id="$shm" -v u="$pg_super" '$2 == id && $3 == u && $6 == 0 { f = 1 } END { exit !f }' &&
		    ipcrm -m "$shm" 2>/dev/null || true
	fi
}

start_keeper() {
	clear_stale "$1"
	# Its own session: Ctrl-C reaches the terminal's group, and stop()
	# stops the keepers in order; if this script dies, they get SIGTERM.
	setsid $as_pg env HOME="$pgdir" XDG_CONFIG_HOME="$pgdir/xdg/config" \
	    XDG_DATA_HOME="$pgdir/xdg/data" XDG_RUNTIME_DIR="$pgdir/xdg/run" PGHOST=127.0.0.1 \
	    PATH="$PG_BIN:$PATH" pg_autoctl run --pgdata "$pgdir/$1" >> "$logdir/$1.log" 2>&1 &
	set_pid "$1" $!
}

# Stop keepers $@: SIGTERM (pg_autoctl stops its PostgreSQL, fast mode),
# then after 30 s SIGKILL to whatever is left of each one and its server.
stop_keepers() {
	for n in "$@"; do
		p=$(pid_of "$n")
		[ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true
	done
	i=0
	while [ $i -lt 300 ]; do
		left=""
		for n in "$@"; do
			running "$(pid_of "$n")" && left="$left $n"
		done
		[ -n "$left" ] || break
		sleep 0.1
		i=$((i + 1))
	done
	for n in $left; do
		p=$(pid_of "$n")
		echo "cluster: the keeper of $n still runs 30 s after SIGTERM; killing it and its server" >&2
		pm=""
		[ -f "$pgdir/$n/postmaster.pid" ] && pm=$(sed -n 1p "$pgdir/$n/postmaster.pid")
		kill -KILL $p $(descendants "$p") 2>/dev/null || true
		[ -n "$pm" ] && kill -KILL "$pm" $(descendants "$pm") 2>/dev/null || true
	done
	for n in "$@"; do
		p=$(pid_of "$n")
		[ -n "$p" ] && { wait "$p" 2>/dev/null || true; }
		set_pid "$n" ""
		# A server started without its keeper (the primary's, at start).
		f="$pgdir/$n/postmaster.pid"
		if [ -f "$f" ] && running "$(sed -n 1p "$f")"; then
			$as_pg "$PG_BIN/pg_ctl" -D "$pgdir/$n" -m fast -w stop >/dev/null 2>&1 || true
		fi
		clear_stale "$n"
	done
}

# Is something listening on TCP address $1, port $2 (/proc/net/tcp
# writes the address as one little-endian word)?
listening() {
	hex=$(echo "$1" | awk -F. -v p="$2" '{ printf "%02X%02X%02X%02X:%04X", $4, $3, $2, $1, p }')
	grep -q ": $hex 00000000:0000 0A " /proc/net/tcp
}

# Host $1 (host1...), at address:port $2: its workers (multiwatch restarts
# one that dies), each with its own counters for /metrics.
start_host() {
	addr=${2%:*}
	port=${2##*:}
	metrics="$RUNDIR/metrics-$1"
	: > "$metrics"
	if [ "$(id -u)" -eq 0 ]; then
		chown "$RUN_USER:$group" "$metrics"
	fi
	CONTRACTS_METRICS="$metrics" spawn-fcgi -n -a "$addr" -p "$port" $drop -- \
	    /usr/bin/setpriv --pdeathsig TERM -- /usr/bin/multiwatch -f "$WORKERS" -t 3000 -- \
	    "$FCGI" -d "$DB" -t "$top/templates" >> "$logdir/$1.log" 2>&1 &
	set_pid "$1" $!
}

# The formation as the monitor sees it: one line a node, "name reported
# assigned host:port health" (pg_autoctl show state's table, without its
# frame; health is bad where the table marks the connection with "!").
state() {
	autoctl show state --pgdata "$pgdir/monitor" 2>/dev/null |
	    awk -F'|' 'NR > 2 && NF >= 7 { gsub(/ /, ""); print $1, $6, $7, $3, ($5 ~ /!/ ? "bad" : "good") }'
}
# The node the monitor has as the writable primary, if any, once its
# server answers: "name host:port".
primary() {
	state | awk '($2 == "primary" || $2 == "wait_primary" || $2 == "single") && $2 == $3 { print $1, $4; exit }' |
	    while read -r name at; do
		if "$PG_BIN/pg_isready" -q -h "${at%:*}" -p "${at##*:}"; then
			echo "$name $at"
		fi
	done
}

# Wait (at most $1 s) until there is a primary and, with $2 = all, every
# node is primary or secondary; exits if a keeper stops meanwhile.
wait_formation() {
	i=0
	while :; do
		p=$(primary)
		if [ -n "$p" ]; then
			[ "${2:-}" != all ] && return 0
			[ "$(state | awk '$2 == $3 && ($2 == "primary" || $2 == "secondary")' | wc -l)" -eq 3 ] && return 0
		fi
		for n in monitor node1 node2 node3; do
			p=$(pid_of "$n")
			if [ -n "$p" ] && ! running "$p"; then
				echo "cluster: the keeper of $n stopped while the cluster came up; its last lines:" >&2
				tail -n 5 "$logdir/$n.log" >&2
				exit 1
			fi
		done
		i=$((i + 1))
		if [ $i -gt "$1" ]; then
			echo "cluster: the formation is not ready after $1 s:" >&2
			autoctl show state --pgdata "$pgdir/monitor" >&2 || true
			exit 1
		fi
		sleep 1
	done
}

nginx_pid=""
tick_pid=""
nap_pid=""
creating=""
for c in monitor node1 node2 node3 host1 host2 host3; do
	set_pid "$c" ""
	eval "again_$c="
done

stop() {
	trap '' INT TERM HUP
	trap - EXIT
	for p in $nginx_pid $tick_pid $nap_pid $creating; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for h in host1 host2 host3; do
		fcgi_stop "$(pid_of "$h")"
		set_pid "$h" ""
	done
	stop_keepers monitor
	stop_keepers node1 node2 node3
	wait 2>/dev/null || true
	rm -f "$RUNDIR"/metrics-host*
}
trap 'stop; exit 0' INT TERM HUP
trap stop EXIT

# ---- PostgreSQL: the monitor, then the nodes ----

# Run pg_autoctl create ... in the background, so that a signal stops it
# (and us) at once; its output goes to node $1's log.
create() {
	n=$1
	shift
	echo "cluster: creating $n (log: $logdir/$n.log)" >&2
	autoctl create "$@" >> "$logdir/$n.log" 2>&1 &
	creating="$creating $!"
}
# Wait for the creations under way; exits if one failed.
created_all() {
	for p in $creating; do
		if ! wait "$p"; then
			echo "cluster: a node could not be created; see $logdir/" >&2
			exit 1
		fi
	done
	creating=""
}

new=0
if ! created monitor; then
	new=1
	create monitor monitor --pgdata "$pgdir/monitor" --pgport "$PG_PORT" --hostname 127.0.0.1 \
	    --auth trust --no-ssl --ssl-mode disable --pgctl "$PG_BIN/pg_ctl"
	created_all
	autoctl config set --pgdata "$pgdir/monitor" postgresql.listen_addresses 127.0.0.1 >/dev/null
fi
node_conf monitor
monitor_port=$(autoctl config get --pgdata "$pgdir/monitor" postgresql.port)
monitor_uri="postgresql://autoctl_node@127.0.0.1:$monitor_port/pg_auto_failover?sslmode=disable"
start_keeper monitor
i=0
until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$monitor_port"; do
	i=$((i + 1))
	if [ $i -gt 300 ] || ! running "$(pid_of monitor)"; then
		echo "cluster: the monitor did not start; its last lines:" >&2
		tail -n 5 "$logdir/monitor.log" >&2
		exit 1
	fi
	sleep 0.2
done

create_node() {
	create "$1" postgres --pgdata "$pgdir/$1" --pgport "$2" --pghost 127.0.0.1 --listen 127.0.0.1 \
	    --hostname 127.0.0.1 --name "$1" --dbname "$DBNAME" --monitor "$monitor_uri" \
	    --auth trust --no-ssl --ssl-mode disable --pgctl "$PG_BIN/pg_ctl"
}
# Later starts: the primary's server first, then its keeper, then the
# standbys once the monitor has seen the primary healthy.  A keeper's
# first report comes before its server is up, and the monitor, which still
# holds the standbys as healthy from before the stop, fails over from a
# primary that reports itself down.  The keeper takes over the running
# server.
lead=$(state | awk '$3 == "primary" || $3 == "wait_primary" || $3 == "single" { print $1; exit }')
if [ -n "$lead" ] && created "$lead"; then
	node_conf "$lead"
	clear_stale "$lead"
	$as_pg "$PG_BIN/pg_ctl" -D "$pgdir/$lead" -w -t 60 -l "$pgdir/$lead/startup.log" start >/dev/null ||
	    echo "cluster: $lead's server did not start (see $pgdir/$lead/startup.log); its keeper tries" >&2
	start_keeper "$lead"
	i=0
	until state | awk -v n="$lead" '$1 == n && $2 == $3 && $5 == "good" { f = 1 } END { exit !f }'; do
		i=$((i + 1))
		if [ $i -gt 60 ] || ! running "$(pid_of "$lead")"; then
			echo "cluster: $lead, the primary when the cluster stopped, is not back; the monitor" \
			    "may choose another" >&2
			break
		fi
		sleep 1
	done
fi
for n in node1 node2 node3; do
	if created "$n" && [ -z "$(pid_of "$n")" ]; then
		node_conf "$n"
		start_keeper "$n"
	fi
done
if ! created node1; then
	new=1
	create_node node1 $((PG_PORT + 1))
	created_all
	node_conf node1
	start_keeper node1
fi
wait_formation 120

# The app's role owns the database (PostgreSQL 15: and so its public
# schema).  Made on the primary before any standby is created from it, so
# that no standby lacks it: libpq does not try the next host of a URI
# after a host refused the role.
at=$(primary | awk '{ print $2 }')
psql -X -q -v ON_ERROR_STOP=1 -h "${at%:*}" -p "${at##*:}" -U "$pg_super" -d "$DBNAME" -c "DO \$\$ BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DBROLE') THEN
		CREATE ROLE $DBROLE LOGIN;
	END IF;
END \$\$" -c "ALTER DATABASE $DBNAME OWNER TO $DBROLE"

if ! created node2 || ! created node3; then
	new=1
	for n in node2 node3; do
		created "$n" || create_node "$n" $((PG_PORT + ${n#node}))
	done
	created_all
	for n in node2 node3; do
		[ -n "$(pid_of "$n")" ] && continue
		node_conf "$n"
		start_keeper "$n"
	done
fi
if [ $new = 1 ]; then
	wait_formation 600 all
	# Two standbys, one of which must have each commit (ANY 1).  Through
	# the monitor's SQL API: pg_autoctl 2.0's "set formation
	# number-sync-standbys" refuses every number.
	psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$monitor_uri" \
	    -c "SELECT pgautofailover.set_formation_number_sync_standbys('default', 1)" >/dev/null
fi
wait_formation 120

# The formation's URI, as pg_autoctl gives it, for the app's role.
uri=$(autoctl show uri --pgdata "$pgdir/monitor" --formation default)
DB=$(echo "$uri" | sed "s|^postgres://|postgresql://$DBROLE@|")
export DB

# The app makes its tables at its first open (under an advisory lock);
# demo data goes into a database without users.  The first to open it
# says here, rather than in three hosts' logs, why it cannot.
if [ "$SEED" = 1 ]; then
	if ! out=$($as_user "$CTL" --db "$DB" seed-demo --if-empty 2>&1 >/dev/null); then
		echo "cluster: $CTL cannot use $DB:" >&2
		echo "$out" >&2
		exit 1
	fi
fi

# ---- the FastCGI hosts and nginx ----

# nginx.conf with the upstream's unix socket replaced by the hosts, and
# nothing else changed: the hardening stays the template's.
cluster_nginx_conf() {
	awk -v hosts="$HOSTS" '
	/^[ \t]*upstream contracts \{/ {
		print "\t# make cluster (scripts/cluster.sh): three FastCGI hosts.  A request"
		print "\t# goes on to the next host when it could not be sent to one (error:"
		print "\t# refused, reset) or it timed out; a POST only if nothing had been"
		print "\t# sent yet, as nginx never passes on a non-idempotent request once"
		print "\t# sent (that takes \"non_idempotent\", left out): no write twice."
		print "\tfastcgi_next_upstream error timeout;"
		up = 1
	}
	up && /server unix:@SOCKET@;/ {
		n = split(hosts, h, " ")
		for (i = 1; i <= n; i++) print "\t\tserver " h[i] ";"
		done = 1
		next
	}
	{ print }
	END { exit !done }' "$NGINX_CONF" > "$RUNDIR/nginx.conf.tmpl" || {
		echo "cluster: $NGINX_CONF has no \"upstream contracts { server unix:@SOCKET@; }\" to replace" >&2
		exit 1
	}
	unset sock
	nginx_conf_fill < "$RUNDIR/nginx.conf.tmpl" > "$RUNDIR/nginx.conf"
	rm -f "$RUNDIR/nginx.conf.tmpl"
}
cluster_nginx_conf

i=1
for h in $HOSTS; do
	start_host "host$i" "$h"
	eval "addr_host$i=\$h"
	i=$((i + 1))
done
i=0
for n in 1 2 3; do
	eval "h=\$addr_host$n"
	while ! listening "${h%:*}" "${h##*:}"; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! running "$(pid_of "host$n")"; then
			echo "cluster: host$n ($h) did not start; its last lines:" >&2
			tail -n 5 "$logdir/host$n.log" >&2
			exit 1
		fi
		sleep 0.05
	done
done
nginx -e stderr -c "$RUNDIR/nginx.conf" -p "$RUNDIR" &
nginx_pid=$!
autoctl show state --pgdata "$pgdir/monitor" >&2
echo "cluster: http://127.0.0.1:$PORT/ (hosts: $HOSTS, $WORKERS worker(s) each;" \
    "db: $DB; logs: $logdir/)" >&2

# ---- run: restart what stops, say when the primary changes ----

next_tick=0
last_primary=$(primary)
next_look=0
while running "$nginx_pid"; do
	now=$(date +%s)
	for c in monitor node1 node2 node3 host1 host2 host3; do
		p=$(pid_of "$c")
		if [ -n "$p" ] && ! running "$p"; then
			rc=0
			wait "$p" || rc=$?
			set_pid "$c" ""
			echo "cluster: $c stopped (exit $rc); its last lines:" >&2
			tail -n 3 "$logdir/$c.log" >&2
			if [ "$RESTART_AFTER" -gt 0 ]; then
				echo "cluster: starting $c again in ${RESTART_AFTER}s" >&2
				eval "again_$c=$((now + RESTART_AFTER))"
			fi
		fi
		eval "at=\$again_$c"
		if [ -n "$at" ] && [ "$now" -ge "$at" ]; then
			eval "again_$c="
			echo "cluster: starting $c again" >&2
			case $c in
			host*)	eval "start_host $c \$addr_$c" ;;
			*)	start_keeper "$c" ;;
			esac
		fi
	done
	if [ "$now" -ge "$next_look" ]; then
		next_look=$((now + 5))
		p=$(primary)
		if [ "$p" != "$last_primary" ]; then
			echo "cluster: the primary is now ${p:-none (a failover is under way?)}" >&2
			last_primary=$p
		fi
	fi
	tick
	sleep 1 &
	nap_pid=$!
	wait $nap_pid || true	# a trapped signal interrupts wait, not sleep
	nap_pid=""
done
echo "cluster: nginx stopped; stopping" >&2
exit 1
