/*
 * page-metrics: GET /metrics, the counters of metrics.c in the Prometheus
 * text format.  For the machine's own scraper only: nginx denies every
 * address but loopback, and the page checks again (a site file edited
 * without that block must not publish it): to anyone else it does not
 * exist (404).
 */
#include <string.h>

#include "metrics/metrics.h"
#include "pages/pages.h"

static bool
loopback(const char *addr)
{
	if (addr == NULL)
		return false;
	if (strncmp(addr, "::ffff:", 7) == 0)
		addr += 7;
	return strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0;
}

void
page_metrics(struct req *r)
{
	if (!loopback(FCGX_GetParam("REMOTE_ADDR", r->fcgx->envp))) {
		page_error(r, 404, "There is no page at this address.");
		return;
	}
	r->resp.status = 200;
	r->resp.ctype = "text/plain; version=0.0.4; charset=utf-8";
	metrics_write(&r->resp.body, dispatch_route_name);
}
