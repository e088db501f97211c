#!/bin/sh
# Install the Debian packages the project needs, if any is missing.
#   scripts/deps.sh run     what make run needs
#   scripts/deps.sh test    what make test needs (adds node, chromium, clang)
#   scripts/deps.sh bench   what make bench needs (adds wrk and node)
#   scripts/deps.sh cluster what make cluster needs (adds PostgreSQL 15 and
#                           pg_auto_failover)
set -eu
run="gcc g++ make pkg-config libfcgi-dev libctemplate-dev libsqlite3-dev
libsodium-dev libcurl4-openssl-dev libpq-dev nginx-light spawn-fcgi multiwatch sqlite3 curl procps
util-linux tzdata"
test="$run libcmocka-dev clang libclang-rt-14-dev nodejs npm chromium
default-jre-headless openssl wrk systemd logrotate python3-aiosmtpd"
bench="$run wrk nodejs"
# A replicated PostgreSQL (make cluster, make test-pg, make test-cluster):
# the server and its client, pg_auto_failover's pg_autoctl and the
# extension its monitor runs.
pg="postgresql-15 postgresql-client-15 pg-auto-failover-cli postgresql-15-auto-failover"
cluster="$run $pg"
test="$test $pg"
case "${1:-run}" in
run)	want=$run ;;
test)	want=$test ;;
bench)	want=$bench ;;
cluster) want=$cluster ;;
*)	echo "usage: deps.sh run|test|bench|cluster" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
# Node.js, npm and Java may come from elsewhere (already on the machine).
for pair in nodejs:node npm:npm default-jre-headless:java; do
	pkg=${pair%%:*}
	cmd=${pair#*:}
	command -v "$cmd" >/dev/null 2>&1 &&
		missing=$(echo "$missing" | sed "s/ $pkg\b//")
done
if [ -n "$missing" ]; then
	echo "deps: installing$missing" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	    --no-install-recommends $missing >&2
fi
# As root, scripts/serve.sh runs the workers and the scheduled step as
# this unprivileged user (never as root), as the systemd units do.
if [ "$(id -u)" -eq 0 ] && ! id contracts >/dev/null 2>&1; then
	echo "deps: adding the system user contracts" >&2
	useradd --system --user-group --home-dir /nonexistent --no-create-home \
	    --shell /usr/sbin/nologin contracts
fi
# The browser tests' npm packages (playwright-core drives Debian's
# chromium; it never downloads a browser).
if [ "${1:-run}" = test ]; then
	top=$(cd "$(dirname "$0")/.." && pwd)
	if [ ! -f "$top/tests/node_modules/.package-lock.json" ] ||
	    ! cmp -s "$top/tests/package-lock.json" "$top/tests/node_modules/.lock-copy"; then
		(cd "$top/tests" && npm ci --no-audit --no-fund >&2 &&
		    cp package-lock.json node_modules/.lock-copy)
	fi
fi
