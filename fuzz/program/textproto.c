// SPDX-License-Identifier: GPL-2.0-only
#define _DEFAULT_SOURCE
#include "textproto.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *protoc_path(void)
{
	const char *env = getenv("IOTLBFUZZ_PROTOC");

	return env && *env ? env : IOTLBFUZZ_PROTOC;
}

static const char *proto_dir(void)
{
	const char *env = getenv("IOTLBFUZZ_PROTO_DIR");

	return env && *env ? env : IOTLBFUZZ_PROTO_DIR;
}

static int slurp_fd(int fd, uint8_t **data, size_t *len)
{
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);

	if (!buf)
		return -1;
	for (;;) {
		if (n == cap) {
			uint8_t *bigger = realloc(buf, cap * 2);

			if (!bigger) {
				free(buf);
				return -1;
			}
			buf = bigger;
			cap *= 2;
		}

		ssize_t got = read(fd, buf + n, cap - n);

		if (got < 0) {
			free(buf);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*data = buf;
	*len = n;
	return 0;
}

/*
 * Run protoc with @mode ("--encode" or "--decode") on the input file @in,
 * its stdout to @out_fd; its stderr is collected into @why.
 */
static int run_protoc(const char *mode, int in_fd, int out_fd, char *why,
		      size_t whylen)
{
	char type_arg[64], include_arg[4096];
	int err_pipe[2];

	snprintf(type_arg, sizeof(type_arg), "%s=iotlbfuzz.Program", mode);
	snprintf(include_arg, sizeof(include_arg), "-I%s", proto_dir());
	if (pipe(err_pipe))
		return -1;

	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(in_fd, 0);
		dup2(out_fd, 1);
		dup2(err_pipe[1], 2);
		close(err_pipe[0]);
		execl(protoc_path(), protoc_path(), type_arg, include_arg,
		      "program.proto", (char *)NULL);
		fprintf(stderr, "cannot run %s (set IOTLBFUZZ_PROTOC)\n",
			protoc_path());
		_exit(127);
	}
	close(err_pipe[1]);

	uint8_t *err = NULL;
	size_t errlen = 0;
	int status = 0;

	slurp_fd(err_pipe[0], &err, &errlen);
	close(err_pipe[0]);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		free(err);
		return 0;
	}
	snprintf(why, whylen, "protoc %s: %.*s", mode,
		 (int)(errlen > 400 ? 400 : errlen),
		 err ? (const char *)err : "failed");
	/* one line: drop protoc's newlines */
	for (char *p = why; *p; p++)
		if (*p == '\n')
			*p = ' ';
	free(err);
	return -1;
}

static bool named_as_text(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && (!strcmp(dot, ".textproto") || !strcmp(dot, ".txtpb") ||
		       !strcmp(dot, ".pbtxt"));
}

static bool looks_like_text(const char *path, const uint8_t *data,
			    size_t len)
{
	if (named_as_text(path))
		return true;
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (data[i] != '\n' && data[i] != '\t' && data[i] != '\r' &&
		    (data[i] < 0x20 || data[i] > 0x7e))
			return false;
	/* binary programs start with field 1 or 2 tags: 0x0a / 0x12 */
	return data[0] != 0x0a && data[0] != 0x12;
}

int program_file_read(const char *path, uint8_t **data, size_t *len,
		      char *why, size_t whylen)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		snprintf(why, whylen, "cannot open %s", path);
		return -1;
	}

	uint8_t *raw;
	size_t rawlen;

	if (slurp_fd(fd, &raw, &rawlen)) {
		close(fd);
		snprintf(why, whylen, "cannot read %s", path);
		return -1;
	}
	if (!looks_like_text(path, raw, rawlen)) {
		close(fd);
		*data = raw;
		*len = rawlen;
		return 0;
	}
	lseek(fd, 0, SEEK_SET);

	FILE *tmp = tmpfile();
	int ret = -1;

	if (tmp && run_protoc("--encode", fd, fileno(tmp), why, whylen) == 0) {
		lseek(fileno(tmp), 0, SEEK_SET);
		ret = slurp_fd(fileno(tmp), data, len);
	}
	if (tmp)
		fclose(tmp);
	close(fd);
	/*
	 * A fuzzer's input that happens to be printable (a corpus entry, a
	 * crash file) is not text form: it is what the target was given.
	 */
	if (ret && !named_as_text(path)) {
		*data = raw;
		*len = rawlen;
		return 0;
	}
	free(raw);
	return ret;
}

int program_print_text(const uint8_t *data, size_t len, FILE *out, char *why,
		       size_t whylen)
{
	FILE *tmp = tmpfile();
	int ret = -1;

	if (!tmp)
		return -1;
	if (fwrite(data, 1, len, tmp) == len && fflush(tmp) == 0) {
		lseek(fileno(tmp), 0, SEEK_SET);
		fflush(out);
		ret = run_protoc("--decode", fileno(tmp), fileno(out), why,
				 whylen);
	}
	fclose(tmp);
	return ret;
}
