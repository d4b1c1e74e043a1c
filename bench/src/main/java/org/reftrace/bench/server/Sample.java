package org.reftrace.bench.server;

/**
 * One measured run of one configuration in one round.
 *
 * @param requestsPerSecond responses received per second of the measured window, all connections together
 * @param serverCpuMicrosPerRequest the server process's CPU time (all threads, user + system) in the window,
 *                                  divided by the requests answered in it; NaN where the OS does not say
 */
record Sample(Config config, int round, double requestsPerSecond, double serverCpuMicrosPerRequest) {}
