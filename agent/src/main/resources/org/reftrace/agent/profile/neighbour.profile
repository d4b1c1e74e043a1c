# struct neighbour (net/core/neighbour.c): a neighbour table entry; it holds its device
name = neighbour
kind = neighbour
type = org.reftrace.inet.Neighbour
name-method = name
count-method = refcnt
count-floor = 0
implementation = org.reftrace.inet
# reported through what they pin (a device whose wait hangs), or once marked dead
lingering = never
free = org.reftrace.inet.Refcounted#markFreed()
lookup = org.reftrace.inet.Neigh#neighLookup(org.reftrace.inet.NeighTable, org.reftrace.inet.IpAddr, org.reftrace.netdev.NetDevice)
lookup = org.reftrace.inet.Neigh#neighCreate(org.reftrace.inet.NeighTable, org.reftrace.inet.IpAddr, org.reftrace.netdev.NetDevice)
lookup = org.reftrace.inet.Neigh#__neighLookup(org.reftrace.inet.NeighTable, org.reftrace.inet.IpAddr, org.reftrace.netdev.NetDevice, boolean)
lookup = org.reftrace.stack.NeighbourTable#lookup(*)
hold = org.reftrace.inet.Neigh#neighHold(org.reftrace.inet.Neighbour)
put = org.reftrace.inet.Neigh#neighRelease(org.reftrace.inet.Neighbour)
should-be-free = org.reftrace.inet.Neighbour#setDead(boolean) object=this
