# struct in_device (net/ipv4/devinet.c): the IPv4 state of a device; the device's ip_ptr owns the first reference
name = in_device
kind = in_device
type = org.reftrace.inet.InDevice
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.Inetdevice#inetdevInit(org.reftrace.netdev.NetDevice)
lookup = org.reftrace.inet.Inetdevice#inDevGet(org.reftrace.netdev.NetDevice)
hold = org.reftrace.inet.Inetdevice#inDevHold(org.reftrace.inet.InDevice)
put = org.reftrace.inet.Inetdevice#inDevPut(org.reftrace.inet.InDevice)
put = org.reftrace.inet.Inetdevice#__inDevPut(org.reftrace.inet.InDevice)
should-be-free = org.reftrace.inet.InDevice#markDead() object=this
