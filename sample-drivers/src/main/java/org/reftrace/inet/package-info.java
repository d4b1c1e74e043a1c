/**
 * The IP stack's refcounted objects that pin devices, each named after the kernel struct it models, with its
 * hold/put API as static functions named after the kernel's, grouped in facade classes after the header they
 * come from: {@link org.reftrace.inet.Inetdevice} ({@code include/linux/inetdevice.h}: {@code in_device},
 * {@code in_ifaddr}), {@link org.reftrace.inet.Addrconf} ({@code include/net/addrconf.h}: {@code inet6_dev},
 * {@code inet6_ifaddr}), {@link org.reftrace.inet.Dst} ({@code include/net/dst.h}: {@code dst_entry}),
 * {@link org.reftrace.inet.IpFib} and {@link org.reftrace.inet.Ip6Fib} ({@code fib_info}, {@code fib6_info}),
 * {@link org.reftrace.inet.Nexthops} ({@code include/net/nexthop.h}), {@link org.reftrace.inet.Neigh}
 * ({@code include/net/neighbour.h}) and {@link org.reftrace.inet.Sk} ({@code include/net/sock.h}).
 *
 * <p>Who holds what follows the kernel: an object that references another takes its reference in one of its own
 * instance methods (the reference's owner is that object), and references on devices are tracked with the
 * holder's own {@link org.reftrace.netdev.NetdevTracker} field, as the kernel's {@code dev_tracker} fields do.
 * Every get and put checks the object, as a KASAN and {@code refcount_t} kernel would ({@link
 * org.reftrace.inet.Refcounted}). The subsystems that own tables of these objects (addresses, routes,
 * nexthops, neighbours, sockets) are in {@code org.reftrace.stack}.
 */
package org.reftrace.inet;
