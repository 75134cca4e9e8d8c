/* Moves the wall clock of every process it is preloaded into, for tests that must pass on
 * any date: LD_PRELOAD=moved_clock.so MOVED_CLOCK_OFFSET=<seconds> command...
 *
 * Only CLOCK_REALTIME (and what reads it: gettimeofday, time, timespec_get) moves; the
 * monotonic clocks that timed waits, Qt timers and sleeps use are left alone. libfaketime
 * fakes those too, which hangs Python's timed waits (or, with its monotonic fix, makes
 * time.sleep fail with EINVAL). The offset is one number for the whole run, so a parent and
 * the subprocesses it starts agree on the time.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static clock_gettime_fn real_clock_gettime;
static time_t offset;

static void init(void) {
    /* Idempotent, so a race between threads on the first call is harmless. */
    const char *text = getenv("MOVED_CLOCK_OFFSET");
    offset = text ? (time_t)atoll(text) : 0;
    real_clock_gettime = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    if (!real_clock_gettime)
        init();
    int done = real_clock_gettime(id, ts);
    if (done == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
        ts->tv_sec += offset;
    return done;
}

/* glibc declares tv non-null; callers that pass NULL exist all the same. */
#pragma GCC diagnostic ignored "-Wnonnull-compare"
int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
    struct timespec ts;
    int done = clock_gettime(CLOCK_REALTIME, &ts);
    if (done == 0 && tv) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    if (tz) {
        struct timezone *zone = tz;
        zone->tz_minuteswest = 0;
        zone->tz_dsttime = 0;
    }
    return done;
}

time_t time(time_t *out) {
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return (time_t)-1;
    if (out)
        *out = ts.tv_sec;
    return ts.tv_sec;
}

int timespec_get(struct timespec *ts, int base) {
    if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) != 0)
        return 0;
    return base;
}
