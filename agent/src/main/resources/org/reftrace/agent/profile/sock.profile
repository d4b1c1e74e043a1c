# struct sock (include/net/sock.h): a socket; it holds its cached dst
name = sock
kind = sock
type = org.reftrace.inet.Sock
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.Sk#skAlloc(org.reftrace.netdev.Net, org.reftrace.inet.AddressFamily, java.lang.String)
lookup = org.reftrace.stack.Tcp#inetLookupEstablished(*)
hold = org.reftrace.inet.Sk#sockHold(org.reftrace.inet.Sock)
put = org.reftrace.inet.Sk#sockPut(org.reftrace.inet.Sock)
put = org.reftrace.inet.Sk#__sockPut(org.reftrace.inet.Sock)
should-be-free = org.reftrace.inet.Sock#setDead() object=this
