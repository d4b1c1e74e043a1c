# struct inet6_ifaddr (net/ipv6/addrconf.c): an IPv6 address; it holds its inet6_dev
name = inet6_ifaddr
kind = inet6_ifaddr
type = org.reftrace.inet.Inet6Ifaddr
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.Addrconf#ipv6AddAddr(org.reftrace.inet.Inet6Dev, org.reftrace.inet.IpPrefix)
lookup = org.reftrace.inet.Addrconf#ipv6GetIfaddr(org.reftrace.netdev.Net, org.reftrace.inet.IpAddr, org.reftrace.netdev.NetDevice)
hold = org.reftrace.inet.Addrconf#in6IfaHold(org.reftrace.inet.Inet6Ifaddr)
put = org.reftrace.inet.Addrconf#in6IfaPut(org.reftrace.inet.Inet6Ifaddr)
put = org.reftrace.inet.Addrconf#__in6IfaPut(org.reftrace.inet.Inet6Ifaddr)
