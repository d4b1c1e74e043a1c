# struct lwtunnel_state (net/core/lwtunnel.c): a tunnel's encapsulation state; it may cache a dst
name = lwtunnel
kind = lwtunnel_state
type = org.reftrace.inet.LwtunnelState
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
alloc = org.reftrace.inet.Lwtunnel#lwtunnelBuildState(org.reftrace.netdev.Kernel, java.lang.String)
hold = org.reftrace.inet.Lwtunnel#lwtstateGet(org.reftrace.inet.LwtunnelState)
put = org.reftrace.inet.Lwtunnel#lwtstatePut(org.reftrace.inet.LwtunnelState)
