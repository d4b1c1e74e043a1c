# struct fib_info (net/ipv4/fib_semantics.c): an IPv4 route's shared info; it holds its device or a nexthop
name = fib_info
kind = fib_info
type = org.reftrace.inet.FibInfo
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.FibInfo#<init>(*)
hold = org.reftrace.inet.IpFib#fibInfoHold(org.reftrace.inet.FibInfo)
put = org.reftrace.inet.IpFib#fibInfoPut(org.reftrace.inet.FibInfo)
should-be-free = org.reftrace.inet.FibInfo#markDead() object=this
