# struct fib6_info (net/ipv6/ip6_fib.c): an IPv6 route; it holds its device or a nexthop
name = fib6_info
kind = fib6_info
type = org.reftrace.inet.Fib6Info
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.Fib6Info#<init>(*)
hold = org.reftrace.inet.Ip6Fib#fib6InfoHold(org.reftrace.inet.Fib6Info)
hold = org.reftrace.inet.Ip6Fib#fib6InfoHoldSafe(org.reftrace.inet.Fib6Info) when=returns-true
put = org.reftrace.inet.Ip6Fib#fib6InfoRelease(org.reftrace.inet.Fib6Info)
should-be-free = org.reftrace.inet.Fib6Info#markDead() object=this
