#!/bin/sh
# layers: the include arrows of src/ run one way, down.  Each directory
# of src/ is a layer; a file may include headers of its own layer or of
# a lower one, never of a higher one:
#
#   0 util      arena, buffers, CSV
#   1 domain    the rules by concept: data and now in, decision out
#   2 db        the statement table, transactions, the schema
#   3 service   notifications and their mail, escrow moves, the
#               scheduled step; metrics (counters shared by workers)
#   4 auth      sessions, passwords, CSRF; http (request, response, the
#               dispatch: matching the route table it is given); render (ctemplate)
#   5 pages     one file per page
#   6 top       routes.c (the route table), main.c, cli/ (contractsctl)
#
# Prints each include that climbs, with its file and line, and exits 1
# when there is one.  Run by "make unit".  Usage: sh tests/layers.sh [SRC]
src=${1:-src}
find "$src" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name '*.def' \) |
sort | xargs grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' |
awk -v src="$src/" '
function layer(p,   d) {
	if (p !~ /\//)
		return 6			# routes.h, main.c: the top
	d = substr(p, 1, index(p, "/") - 1)
	if (d == "util") return 0
	if (d == "domain") return 1
	if (d == "db") return 2
	if (d == "service" || d == "metrics") return 3
	if (d == "auth" || d == "http" || d == "render") return 4
	if (d == "pages") return 5
	if (d == "cli") return 6
	return -1
}
{
	file = $0; sub(/:.*/, "", file)
	line = $0; sub(/^[^:]*:/, "", line); sub(/:.*/, "", line)
	inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
	rel = substr(file, length(src) + 1)
	from = layer(rel); to = layer(inc)
	if (from < 0 || to < 0) {
		printf("%s:%s: %s: no layer for this path (tests/layers.sh)\n",
		    file, line, from < 0 ? rel : inc)
		bad = 1
	} else if (to > from) {
		printf("%s:%s: includes \"%s\" (layer %d) from layer %d: " \
		    "an arrow up (tests/layers.sh)\n", file, line, inc, to, from)
		bad = 1
	}
}
END { exit bad }'
