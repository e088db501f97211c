/*
 * cli: what contractsctl's commands share.  Options are "--name value"
 * pairs (or a bare "--flag"); each command says which it takes.
 */
#ifndef CLI_H
#define CLI_H
#include <stdbool.h>
#include <stdint.h>

#define CLI_MAX_OPTS	16

struct opts {
	const char	*name[CLI_MAX_OPTS];
	const char	*val[CLI_MAX_OPTS];	/* NULL for a bare flag */
	int		 n;
};

/* Print "contractsctl: <msg>" to stderr and exit 2. */
void	 usage_fail(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Exit 1 after a database error. */
void	 db_fail(void) __attribute__((noreturn));

int	 seed_demo(int64_t now);	/* 0, or -1 (db error) */

/* backup.c: each returns the exit status. */
int	 cli_backup(int argc, char *argv[], const char *path);
int	 cli_check(int argc, char *argv[]);
/* checkpoint.c: the checkpointer; the exit status. */
int	 cli_checkpoint(int argc, char *argv[]);

/* Shared with seed.c: each validates like the commands do. */
int64_t	 cli_user_add(const char *email, const char *name, const char *pw, int64_t now);
int64_t	 cli_contract_add(const char *title, int64_t client, int64_t freelancer,
	    int64_t agency, bool hourly, int64_t rate, int64_t limit, int64_t started);

#endif
