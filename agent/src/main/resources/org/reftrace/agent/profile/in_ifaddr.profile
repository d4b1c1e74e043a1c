# struct in_ifaddr (net/ipv4/devinet.c): not refcounted in the kernel; allocated, then freed after a grace period
name = in_ifaddr
kind = in_ifaddr
type = org.reftrace.inet.InIfaddr
name-method = name
implementation = org.reftrace.inet
lingering = never
alloc = org.reftrace.inet.Inetdevice#inetAllocIfa(org.reftrace.inet.InDevice, org.reftrace.inet.IpPrefix)
put = org.reftrace.inet.Inetdevice#inetFreeIfa(org.reftrace.inet.InIfaddr)
