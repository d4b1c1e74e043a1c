# struct nexthop (net/ipv4/nexthop.c): the tree owns the first reference; routes using it take theirs
name = nexthop
kind = nexthop
type = org.reftrace.inet.Nexthop
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.Nexthop#<init>(*)
hold = org.reftrace.inet.Nexthops#nexthopGet(org.reftrace.inet.Nexthop) when=returns-true
put = org.reftrace.inet.Nexthops#nexthopPut(org.reftrace.inet.Nexthop)
should-be-free = org.reftrace.inet.Nexthop#markDead() object=this
