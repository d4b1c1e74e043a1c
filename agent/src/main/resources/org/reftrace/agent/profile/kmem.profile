# The built-in profile for the netdev model's slab accounting (Kmem), the agent's kmemleak: every allocation a
# driver makes is held by whoever allocated it until kfree(). At exit, an allocation still held by an owner that
# is itself gone (or not tracked) is a leak, reported at its allocation site.
name = kmem
kind = kmem
type = org.reftrace.netdev.Kmem$Allocation
name-method = description
implementation = org.reftrace.netdev
lingering = at-exit

# kmalloc(): the caller holds the new allocation
alloc = org.reftrace.netdev.Kmem#kmalloc(java.lang.String)
# kfree(): the allocation's one reference is dropped (a second kfree drops what nobody holds)
put = org.reftrace.netdev.Kmem$Allocation#kfree()
