/*
 * openloop: Work Diary POSTs sent at a fixed rate whatever the answers
 * (open loop), each timed from the moment it was due, so that a stall of
 * the server shows as the latency of every request that waited behind it
 * rather than as fewer requests (what a closed loop such as wrk hides).
 *
 *	openloop -p PORT -r RATE -d SECONDS -c CONNECTIONS -k COOKIE -t CSRF
 *	    -i ID,ID,... -D DAY,DAY,...
 *	openloop -p PORT -r RATE -d SECONDS -c CONNECTIONS -k COOKIE -g PATH
 *
 * The second form GETs PATH instead (a page read at a steady rate beside
 * the writes), counting anything but 200 as an error.
 * Requests go to 127.0.0.1:PORT over keep-alive connections; one that is
 * due while every connection is busy waits for the first to come free
 * (its wait counts).  Prints one line, "OPENLOOP {json}": requests,
 * errors (anything but 303, or a connection lost mid-request), the
 * latency percentiles and maximum in microseconds, and the most requests
 * that ever waited for a connection.  For make bench (tests/bench/
 * bench.mjs); loopback only.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXCONN		256
#define MAXLIST		1024
#define REQ_MAX		2048
#define RESP_MAX	65536

struct conn {
	int	 fd;		/* -1: closed */
	int64_t	 due;		/* ns: when the request in flight was due; 0 idle */
	char	 in[RESP_MAX];
	size_t	 len;
};

static struct conn	 conns[MAXCONN];
static int		 nconn, port, ep;
static const char	*cookie, *csrf, *getpath;
static char		*ids[MAXLIST], *days[MAXLIST];
static int		 nids, ndays;
static int64_t		*lat;		/* ns, one per answered request */
static size_t		 nlat, errors;

static int64_t
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
split(char *s, char **out)
{
	int	 n = 0;
	char	*p;

	for (p = strtok(s, ","); p != NULL && n < MAXLIST; p = strtok(NULL, ","))
		out[n++] = p;
	return n;
}

static int
conn_open(struct conn *c)
{
	struct sockaddr_in	 sa;
	struct epoll_event	 ev;
	int			 one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((c->fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	ev.events = EPOLLIN;
	ev.data.ptr = c;
	epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
	c->len = 0;
	return 0;
}

static void
conn_close(struct conn *c)
{
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
	c->len = 0;
}

/* Send request number n, due at due, on c.  0, or -1 (counted). */
static int
conn_send(struct conn *c, uint64_t n, int64_t due)
{
	char	 body[256], req[REQ_MAX];
	int	 bl, rl;

	if (c->fd == -1 && conn_open(c) == -1) {
		errors++;
		return -1;
	}
	if (getpath != NULL) {
		rl = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		    "Cookie: %s\r\n\r\n", getpath, cookie);
		goto send;
	}
	bl = snprintf(body, sizeof(body), "date=%s&minutes=1&memo=open&csrf=%s",
	    days[(n / (uint64_t)nids) % (uint64_t)ndays], csrf);
	rl = snprintf(req, sizeof(req), "POST /contracts/%s/diary HTTP/1.1\r\n"
	    "Host: 127.0.0.1\r\nCookie: %s\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: %d\r\n\r\n%s", ids[n % (uint64_t)nids], cookie, bl, body);
send:
	if (write(c->fd, req, (size_t)rl) != rl) {
		conn_close(c);
		errors++;
		return -1;
	}
	c->due = due;
	return 0;
}

/* A whole response in c->in: its length, else 0.  *status, *closing. */
static size_t
response_done(const struct conn *c, int *status, int *closing)
{
	const char	*end, *cl;
	size_t		 head;
	long		 body = 0;

	if (c->len < 12)
		return 0;
	if ((end = memmem(c->in, c->len, "\r\n\r\n", 4)) == NULL)
		return 0;
	head = (size_t)(end - c->in) + 4;
	*status = atoi(c->in + 9);
	cl = memmem(c->in, head, "Content-Length:", 15);
	if (cl == NULL)
		cl = memmem(c->in, head, "content-length:", 15);
	if (cl != NULL)
		body = strtol(cl + 15, NULL, 10);
	*closing = memmem(c->in, head, "Connection: close", 17) != NULL;
	return c->len >= head + (size_t)body ? head + (size_t)body : 0;
}

static int
cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int64_t
pct(double p)
{
	size_t	 i;

	if (nlat == 0)
		return 0;
	i = (size_t)(p / 100.0 * (double)(nlat - 1) + 0.5);
	return lat[i] / 1000;
}

int
main(int argc, char *argv[])
{
	struct epoll_event	 evs[MAXCONN];
	double			 rate = 1000, secs = 10;
	int64_t			 start, end, gap, next, t, *queue;
	uint64_t		 sent = 0, total;
	size_t			 qhead = 0, qtail = 0, maxq = 0, n;
	int			 ch, i, k, status, closing, wait_ms;
	ssize_t			 r;

	nconn = 64;
	while ((ch = getopt(argc, argv, "p:r:d:c:k:t:i:D:g:")) != -1)
		switch (ch) {
		case 'p': port = atoi(optarg); break;
		case 'r': rate = atof(optarg); break;
		case 'd': secs = atof(optarg); break;
		case 'c': nconn = atoi(optarg); break;
		case 'k': cookie = optarg; break;
		case 't': csrf = optarg; break;
		case 'i': nids = split(optarg, ids); break;
		case 'D': ndays = split(optarg, days); break;
		case 'g': getpath = optarg; break;
		default: goto usage;
		}
	if (port <= 0 || rate <= 0 || secs <= 0 || nconn < 1 || nconn > MAXCONN ||
	    cookie == NULL || (getpath == NULL && (csrf == NULL || nids == 0 || ndays == 0)))
		goto usage;
	total = (uint64_t)(rate * secs);
	if ((lat = calloc(total + 1, sizeof(*lat))) == NULL ||
	    (queue = calloc(total + 1, sizeof(*queue))) == NULL ||
	    (ep = epoll_create1(0)) == -1)
		return 1;
	for (i = 0; i < nconn; i++) {
		conns[i].fd = -1;
		if (conn_open(&conns[i]) == -1) {
			fprintf(stderr, "openloop: cannot connect to 127.0.0.1:%d\n", port);
			return 1;
		}
	}
	gap = (int64_t)(1e9 / rate);
	start = now_ns() + 10000000;
	end = start + (int64_t)(secs * 1e9);
	next = start;
	for (;;) {
		t = now_ns();
		/* Everything due by now: to a free connection, or to the queue. */
		while (sent < total && next <= t) {
			queue[qtail++] = next;
			sent++;
			next = start + (int64_t)sent * gap;
		}
		for (i = 0; i < nconn && qhead < qtail; i++)
			if (conns[i].due == 0) {
				(void)conn_send(&conns[i], qhead, queue[qhead]);
				qhead++;
			}
		if (qtail - qhead > maxq)
			maxq = qtail - qhead;
		if (sent >= total && qhead == qtail) {
			for (i = 0; i < nconn && conns[i].due == 0; i++)
				;
			if (i == nconn || now_ns() > end + 5000000000LL)
				break;
		}
		wait_ms = sent < total ? (int)((next - now_ns()) / 1000000) : 100;
		if (wait_ms < 0)
			wait_ms = 0;
		k = epoll_wait(ep, evs, MAXCONN, wait_ms);
		for (i = 0; i < k; i++) {
			struct conn *c = evs[i].data.ptr;

			r = read(c->fd, c->in + c->len, sizeof(c->in) - c->len);
			if (r <= 0) {		/* closed: a request in flight is lost */
				if (c->due != 0)
					errors++;
				c->due = 0;
				epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
				conn_close(c);
				continue;
			}
			c->len += (size_t)r;
			if ((n = response_done(c, &status, &closing)) == 0)
				continue;
			if (status != (getpath != NULL ? 200 : 303))
				errors++;
			else
				lat[nlat++] = now_ns() - c->due;
			memmove(c->in, c->in + n, c->len - n);
			c->len -= n;
			c->due = 0;
			if (closing) {
				epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
				conn_close(c);
			}
		}
	}
	qsort(lat, nlat, sizeof(*lat), cmp);
	printf("OPENLOOP {\"requests\":%zu,\"errors\":%zu,\"unanswered\":%llu,"
	    "\"p50\":%lld,\"p99\":%lld,\"p999\":%lld,\"max\":%lld,\"maxqueue\":%zu}\n",
	    nlat, errors, (unsigned long long)(total - nlat - errors),
	    (long long)pct(50), (long long)pct(99), (long long)pct(99.9),
	    (long long)(nlat ? lat[nlat - 1] / 1000 : 0), maxq);
	return 0;
usage:
	fprintf(stderr, "usage: openloop -p PORT -r RATE -d SECONDS -c CONNECTIONS "
	    "-k COOKIE -t CSRF -i IDS -D DAYS\n");
	return 2;
}
