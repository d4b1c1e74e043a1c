# The built-in profile for reftrace's netdev model: every way a reference on a NetDevice is taken or dropped, and
# the lifecycle points where holders must let go. Written in the same format as user profiles (docs/profiles.md);
# each line says why.
name = netdev
kind = netdev
type = org.reftrace.netdev.NetDevice
name-method = name
count-method = refcnt
count-floor = 1
state-method = regState
namespace-method = net
registered-states = REGISTERED
released-states = RELEASED
deferred-free-states = UNREGISTERING
# "vlan0 holds eth0": a caller's device parameter owns the references it takes on another device
owner = org.reftrace.netdev.NetDevice
implementation = org.reftrace.netdev

# dev_hold(): an untracked reference; dev_put() drops one
hold = org.reftrace.netdev.Dev#devHold(org.reftrace.netdev.NetDevice)
put = org.reftrace.netdev.Dev#devPut(org.reftrace.netdev.NetDevice)
# netdev_hold()/netdev_put(): a reference recorded in the holder's tracker
hold = org.reftrace.netdev.Dev#netdevHold(org.reftrace.netdev.NetDevice, org.reftrace.netdev.NetdevTracker) tracker=arg1
put = org.reftrace.netdev.Dev#netdevPut(org.reftrace.netdev.NetDevice, org.reftrace.netdev.NetdevTracker) tracker=arg1
# netdev_tracker_alloc(): an untracked reference (from a lookup) becomes tracked
tracker-alloc = org.reftrace.netdev.Dev#netdevTrackerAlloc(org.reftrace.netdev.NetDevice, org.reftrace.netdev.NetdevTracker) tracker=arg1
# dev_get_by_name()/dev_get_by_index(): the device found comes with a reference (null: none found)
lookup = org.reftrace.netdev.Dev#devGetByName(org.reftrace.netdev.Net, java.lang.String)
lookup = org.reftrace.netdev.Dev#devGetByIndex(org.reftrace.netdev.Net, int)
lookup = org.reftrace.netdev.Dev#netdevGetByName(org.reftrace.netdev.Net, java.lang.String, org.reftrace.netdev.NetdevTracker) tracker=arg2
lookup = org.reftrace.netdev.Dev#netdevGetByIndex(org.reftrace.netdev.Net, int, org.reftrace.netdev.NetdevTracker) tracker=arg2

# alloc_netdev(): a new device, count 1, its own
create = org.reftrace.netdev.Registration#allocNetdev(org.reftrace.netdev.Net, java.lang.String, java.util.function.Function, java.util.function.Consumer)
# register_netdevice(): 0 on success
register = org.reftrace.netdev.Registration#registerNetdevice(org.reftrace.netdev.NetDevice) when=returns-zero
# the rtnl half of every unregister path: NETDEV_UNREGISTER sent, every holder must let go
unregister = org.reftrace.netdev.Unregistration#unregisterUnderRtnl(java.util.List, java.lang.String) object=return[*]
# free_netdev(): frees now, or (UNREGISTERING) defers to the todo runner
free = org.reftrace.netdev.Registration#freeNetdev(org.reftrace.netdev.NetDevice)
# netdev_freemem()/netdev_release(): the device's memory is gone
release = org.reftrace.netdev.Memory#release(org.reftrace.netdev.NetDevice)
# netdev_wait_allrefs_any(): waits until one of the devices is back to count 1, and returns it (null: gave up)
wait = org.reftrace.netdev.TodoRunner#netdevWaitAllRefs(org.reftrace.netdev.Kernel, java.util.List) object=arg1[*] done=return
# the "waiting for %s to become free" warning: time to name the holders
wait-warning = org.reftrace.netdev.TodoRunner#warnWaiting(org.reftrace.netdev.Kernel, org.reftrace.netdev.NetDevice) object=arg1

# reads through the device's accessors: on a freed device, a use after free (KASAN's "read of size")
use = org.reftrace.netdev.NetDevice#name()
use = org.reftrace.netdev.NetDevice#ifindex()
use = org.reftrace.netdev.NetDevice#net()
use = org.reftrace.netdev.NetDevice#priv(java.lang.Class)
use = org.reftrace.netdev.NetDevice#netdevOps()
use = org.reftrace.netdev.NetDevice#isUp()
