# struct inet6_dev (net/ipv6/addrconf.c): the IPv6 state of a device; the device's ip6_ptr owns the first reference
name = inet6_dev
kind = inet6_dev
type = org.reftrace.inet.Inet6Dev
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.Addrconf#ipv6AddDev(org.reftrace.netdev.NetDevice)
lookup = org.reftrace.inet.Addrconf#in6DevGet(org.reftrace.netdev.NetDevice)
hold = org.reftrace.inet.Addrconf#in6DevHold(org.reftrace.inet.Inet6Dev)
put = org.reftrace.inet.Addrconf#in6DevPut(org.reftrace.inet.Inet6Dev)
put = org.reftrace.inet.Addrconf#__in6DevPut(org.reftrace.inet.Inet6Dev)
should-be-free = org.reftrace.inet.Inet6Dev#markDead() object=this
