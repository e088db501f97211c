# What scripts/serve.sh (make run) and scripts/cluster.sh (make cluster)
# share: sourced, not run.  The functions read the variables of the
# script that sources them, as named above each; messages start with
# "$me: " (serve, cluster).

# Is process $1 still running (not gone, not a zombie waiting for us)?
running() {
	[ -n "$1" ] && [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# As root, the FastCGI workers and the scheduled step run as RUN_USER,
# nginx's workers as nobody.  Sets user_line (nginx.conf's @USER@), drop
# (spawn-fcgi's options that drop to RUN_USER), group (RUN_USER's group)
# and as_user (a prefix that runs a command as RUN_USER); all empty when
# not root.  Exits when RUN_USER does not exist.
run_user_setup() {
	user_line=""
	drop=""
	group=""
	as_user=""
	[ "$(id -u)" -eq 0 ] || return 0
	if ! id "$RUN_USER" >/dev/null 2>&1; then
		echo "$me: there is no user $RUN_USER to run the workers as" \
		    "(sh scripts/deps.sh run creates it)" >&2
		exit 1
	fi
	group=$(id -gn "$RUN_USER")
	user_line="user nobody nogroup;"
	drop="-u $RUN_USER -g $group"
	as_user="setpriv --reuid=$RUN_USER --regid=$group --init-groups --"
}

# nginx.conf (the template on stdin) with its placeholders filled in, on
# stdout: user_line, PORT, RUNDIR, sock (the workers' unix socket; unset
# when they listen elsewhere), top, LOGIN_RATE, LOGIN_BURST, CONN_PER_ADDR.
nginx_conf_fill() {
	sed -e "s|@USER@|$user_line|" -e "s|@PORT@|$PORT|g" -e "s|@RUN@|$RUNDIR|g" \
	    -e "s|@SOCKET@|${sock:-}|g" -e "s|@ROOT@|$top|g" -e "s|@LOGIN_RATE@|$LOGIN_RATE|g" \
	    -e "s|@LOGIN_BURST@|$LOGIN_BURST|g" -e "s|@CONN_PER_ADDR@|$CONN_PER_ADDR|g"
}

# Stop multiwatch $1 and its workers.  Ctrl-C and systemd signal the whole
# group, so the workers may die before multiwatch hears of it: multiwatch
# may then start a new worker after the signal.  So: wait at most 2 s for
# multiwatch to stop its workers, then kill what is left by pid (the
# workers also die with multiwatch: PR_SET_PDEATHSIG).
fcgi_stop() {
	[ -n "$1" ] || return 0
	kids=$(pgrep -P "$1" || true)
	kill -TERM "$1" 2>/dev/null || true
	i=0
	while running "$1" && [ $i -lt 40 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if running "$1"; then
		echo "$me: multiwatch still runs 2 s after the signal; killing it and its workers" >&2
		kids="$kids $(pgrep -P "$1" || true)"
		kill -KILL "$1" 2>/dev/null || true
	fi
	for p in $kids; do
		kill -KILL "$p" 2>/dev/null || true
	done
}

# The scheduled step: one run at a time, in the background so that a slow
# run (SMTP) neither delays a stop nor the next check of the others; a
# failed run is logged and the next one comes as usual.  Call it every
# second or so; it reads TICK_EVERY, as_user, CTL, DB and keeps tick_pid
# and next_tick (start them empty and 0).
tick() {
	if [ -n "$tick_pid" ] && ! running "$tick_pid"; then
		rc=0
		wait "$tick_pid" || rc=$?
		[ $rc -ne 0 ] && echo "$me: the scheduled step failed (exit $rc); next run in ${TICK_EVERY}s" >&2
		tick_pid=""
	fi
	[ "$TICK_EVERY" -gt 0 ] && [ -z "$tick_pid" ] || return 0
	now=$(date +%s)
	[ "$now" -ge "$next_tick" ] || return 0
	next_tick=$((now + TICK_EVERY))
	$as_user "$CTL" --db "$DB" tick >&2 &
	tick_pid=$!
}
