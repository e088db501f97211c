/*
 * floor: the FastCGI floor of the benchmark.  A minimal libfcgi responder
 * (the same fcgiapp accept loop as the app) that answers every request
 * with the bytes of one file, read once at start, under the headers the
 * app sends for a page.  What it costs over nginx serving that file is
 * the cost of FastCGI itself; the app cannot be faster than this.
 *
 *	floor FILE
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <fcgiapp.h>

int
main(int argc, char *argv[])
{
	FCGX_Request	 f;
	FILE		*fp;
	char		*body, head[256];
	long		 len;
	int		 hlen;

	if (argc != 2) {
		fprintf(stderr, "usage: floor FILE\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (len = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
		perror(argv[1]);
		return 1;
	}
	if ((body = malloc((size_t)len + 1)) == NULL ||
	    fread(body, 1, (size_t)len, fp) != (size_t)len) {
		perror(argv[1]);
		return 1;
	}
	fclose(fp);
	hlen = snprintf(head, sizeof(head), "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Cache-Control: no-store\r\n"
	    "Content-Length: %ld\r\n\r\n", len);
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&f, 0, 0) != 0) {
		fprintf(stderr, "floor: FastCGI does not start\n");
		return 1;
	}
	while (FCGX_Accept_r(&f) >= 0) {
		FCGX_PutStr(head, hlen, f.out);
		FCGX_PutStr(body, (int)len, f.out);
		FCGX_Finish_r(&f);
	}
	free(body);
	return 0;
}
