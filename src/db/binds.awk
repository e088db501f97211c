# binds.awk: from the statement table (stmts*.def), one macro per
# statement that checks db_prep()'s arguments at compile time (db.h):
#   STMT(USER_GET, "i", "SELECT ...")  becomes
#   #define DB_ARGS_STMT_USER_GET(a1) (DB_ARG_i(a1))
# A call with too few or too many arguments fails to expand; an argument
# of the wrong type fails DB_ARG_<letter>'s static assertion.
BEGIN {
	print "/* Made by src/db/binds.awk from src/db/stmts*.def: do not edit. */"
}
/^STMT\(/ {
	if (!match($0, /^STMT\([A-Z0-9_]+, "[a-z]*"/)) {
		print FILENAME ":" FNR ": a STMT without its signature" > "/dev/stderr"
		exit 1
	}
	split(substr($0, 6, RLENGTH - 5), f, /, /)
	sig = substr(f[2], 2, length(f[2]) - 2)
	params = body = ""
	for (i = 1; i <= length(sig); i++) {
		params = params (i > 1 ? ", " : "") "a" i
		body = body (i > 1 ? ", " : "") "DB_ARG_" substr(sig, i, 1) "(a" i ")"
	}
	printf "#define DB_ARGS_STMT_%s(%s) (%s)\n", f[1], params, sig == "" ? "(void)0" : body
}
