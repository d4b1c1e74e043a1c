# struct dst_entry (include/net/dst.h): a cached route (rtable, rt6_info); it holds its device, and after
# dst_dev_put its namespace's lo instead
name = dst
kind = dst
type = org.reftrace.inet.DstEntry
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.DstEntry#<init>(*)
hold = org.reftrace.inet.Dst#dstHold(org.reftrace.inet.DstEntry)
hold = org.reftrace.inet.Dst#dstHoldSafe(org.reftrace.inet.DstEntry) when=returns-true
put = org.reftrace.inet.Dst#dstRelease(org.reftrace.inet.DstEntry)
put = org.reftrace.inet.Dst#dstReleaseImmediate(org.reftrace.inet.DstEntry)
# route lookups hand out a dst with a reference for their caller
lookup = org.reftrace.stack.Fib#ipRouteOutputKey(*)
lookup = org.reftrace.stack.Ip6Route#ip6RouteOutput(*)
lookup = org.reftrace.stack.Ip6Route#ip6PolRouteLookup(*)
# a socket's cached dst: the caller's reference becomes the socket's; the getter hands one out
transfer = org.reftrace.inet.Sk#skDstSet(org.reftrace.inet.Sock, org.reftrace.inet.DstEntry) object=arg1
transfer = org.reftrace.inet.Sk#__skDstSet(org.reftrace.inet.Sock, org.reftrace.inet.DstEntry) object=arg1
lookup = org.reftrace.inet.Sk#skDstGet(org.reftrace.inet.Sock)
should-be-free = org.reftrace.inet.Dst#dstDevPut(org.reftrace.inet.DstEntry)
# a tunnel's dst cache (net/core/dst_cache.c): dst_cache_get() hands out a reference, or nothing; the store half of
# dst_cache_set_ip6() keeps the caller's reference for the tunnel state (which then owns it)
lookup = org.reftrace.inet.LwtunnelState#dstCacheGet() when=returns-nonnull
transfer = org.reftrace.inet.LwtunnelState#dstCacheStore(org.reftrace.inet.DstEntry) object=arg0
