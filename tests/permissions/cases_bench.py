from .cases import Case

# The benchmark's trivial page exists only with THIDUA_BENCH on (off in the tests): 404 for everyone.
CASES = [Case("bench_ping", allowed=set())]
