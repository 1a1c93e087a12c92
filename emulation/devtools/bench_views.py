"""Server-side timing for ``make bench``: enabled only by the setting ``BENCH_TIMING`` (env THIDUA_BENCH).

``TimingMiddleware`` (first in the stack) adds three headers to every response: ``X-Bench-Ms``, the
time spent in Django from the first middleware to the response (ms, wall clock); ``X-Bench-Cpu-Ms``,
the CPU time of the worker thread meanwhile (Python work only: steadier than the wall clock when the
machine is shared); and ``X-Bench-Queries``, the SQL queries run (counted with an execute wrapper, so
it works with DEBUG off). ``ping`` is the
trivial view the pages are compared with: same middleware, session and login, no query of its own.
"""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connections
from django.http import Http404, HttpResponse


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class TimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        start, cpu = time.perf_counter(), time.thread_time()
        wrappers = [connections[alias].execute_wrapper(counter) for alias in connections]
        for w in wrappers:
            w.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for w in reversed(wrappers):
                w.__exit__(None, None, None)
        response["X-Bench-Ms"] = f"{(time.perf_counter() - start) * 1000:.2f}"
        response["X-Bench-Cpu-Ms"] = f"{(time.thread_time() - cpu) * 1000:.2f}"
        response["X-Bench-Queries"] = str(counter.count)
        return response


@login_required
def ping(request):
    """A trivial page (the baseline of the benchmark); exists only when ``BENCH_TIMING`` is on."""
    if not getattr(settings, "BENCH_TIMING", False):
        raise Http404
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
