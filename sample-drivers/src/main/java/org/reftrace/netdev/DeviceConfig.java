package org.reftrace.netdev;

/**
 * A device's configuration under rtnl ({@code net/core/dev.c}, {@code net/ethernet/eth.c}): its hardware address,
 * MTU and name, each change announced on the notifier chain.
 */
final class DeviceConfig {
    /** {@code ETH_DATA_LEN}, {@code ETH_MIN_MTU}. */
    static final int ETH_DATA_LEN = 1500;
    static final int ETH_MIN_MTU = 68;

    private DeviceConfig() {}

    /** {@code ether_setup()}: an Ethernet device with the usual flags and MTU, no address yet. */
    static void etherSetup(NetDevice dev) {
        dev.type = DeviceType.ETHER;
        dev.setMtu(ETH_DATA_LEN, ETH_MIN_MTU, ETH_DATA_LEN);
        dev.setFlag(IfFlag.BROADCAST, true);
        dev.setFlag(IfFlag.MULTICAST, true);
        dev.devAddr = MacAddress.ZERO;
    }

    /** {@code eth_hw_addr_random()}: a random address, {@code NET_ADDR_RANDOM}. */
    static void ethHwAddrRandom(NetDevice dev) {
        dev.devAddr = MacAddress.random();
        dev.addrAssignType = AddrAssignType.RANDOM;
    }

    /**
     * {@code eth_mac_addr()}: refuses a change while running unless {@code IFF_LIVE_ADDR_CHANGE} (-EBUSY) and an
     * address that is not a valid unicast one (-EADDRNOTAVAIL); otherwise sets it.
     */
    static int ethMacAddr(NetDevice dev, MacAddress addr) {
        if (!dev.hasPrivFlag(PrivFlag.LIVE_ADDR_CHANGE) && dev.up) {
            return -Errno.EBUSY;
        }
        if (!addr.isValidEther()) {
            return -Errno.EADDRNOTAVAIL;
        }
        dev.devAddr = addr;
        return 0;
    }

    /** {@code dev_set_mac_address()}: under rtnl. */
    static int setMacAddress(NetDevice dev, MacAddress addr) {
        dev.kernel.rtnl().assertRtnl("dev_set_mac_address");
        if (addr.length() == 0 || addr.length() != dev.devAddr.length()) {
            return -Errno.EINVAL; // sa_family != dev->type: not this device's kind of address
        }
        if (dev.regState != RegState.REGISTERED) {
            return -Errno.ENODEV;
        }
        int err = dev.kernel.notifiers().call(NetdevEvent.PRE_CHANGEADDR, dev, new NotifierInfo.PreChangeAddr(addr));
        if (err < 0) {
            return err;
        }
        if (!addr.equals(dev.devAddr)) {
            err = dev.netdevOps().ndoSetMacAddress(dev, addr);
            if (err < 0) {
                return err;
            }
        }
        dev.addrAssignType = AddrAssignType.SET;
        dev.kernel.notifiers().call(NetdevEvent.CHANGEADDR, dev);
        return 0;
    }

    /** {@code dev_set_mtu()}: under rtnl; a {@code NETDEV_CHANGEMTU} veto reverts the change. */
    static int setMtu(NetDevice dev, int newMtu) {
        dev.kernel.rtnl().assertRtnl("dev_set_mtu");
        if (newMtu == dev.mtu) {
            return 0;
        }
        if (newMtu < 0 || newMtu < dev.minMtu || (dev.maxMtu > 0 && newMtu > dev.maxMtu)) {
            return -Errno.EINVAL; // dev_validate_mtu()
        }
        if (dev.regState != RegState.REGISTERED) {
            return -Errno.ENODEV;
        }
        int err = dev.kernel.notifiers().call(NetdevEvent.PRECHANGEMTU, dev);
        if (err < 0) {
            return err;
        }
        int origMtu = dev.mtu;
        err = dev.netdevOps().ndoChangeMtu(dev, newMtu);
        if (err == 0) {
            err = dev.kernel.notifiers().call(NetdevEvent.CHANGEMTU, dev, new NotifierInfo.ChangeMtu(origMtu));
            if (err < 0) {
                dev.netdevOps().ndoChangeMtu(dev, origMtu);
                dev.kernel.notifiers().call(NetdevEvent.CHANGEMTU, dev, new NotifierInfo.ChangeMtu(newMtu));
            }
        }
        return err;
    }

    /**
     * {@code netdev_name_node_alt_create()} ({@code ip link property add dev DEV altname NAME}): under rtnl; -EINVAL
     * for a name {@code dev_valid_name()} refuses, -EEXIST when a device of the namespace has it as a name or an
     * alternative name.
     */
    static int altnameCreate(NetDevice dev, String name) {
        dev.kernel.rtnl().assertRtnl("netdev_name_node_alt_create");
        if (!DeviceNames.isValidAltname(name)) {
            return -Errno.EINVAL;
        }
        if (dev.net.findByName(name) != null) {
            return -Errno.EEXIST;
        }
        dev.altnames.add(name);
        if (dev.regState == RegState.REGISTERED) {
            dev.net.listAltname(dev, name);
        }
        return 0;
    }

    /**
     * {@code netdev_name_node_alt_destroy()} ({@code ip link property del dev DEV altname NAME}): under rtnl;
     * -ENOENT when no device has the name, -EINVAL when it is the device's own name or another device's.
     */
    static int altnameDestroy(NetDevice dev, String name) {
        dev.kernel.rtnl().assertRtnl("netdev_name_node_alt_destroy");
        NetDevice owner = dev.net.findByName(name);
        if (owner == null) {
            return -Errno.ENOENT;
        }
        if (owner != dev || name.equals(dev.name)) {
            return -Errno.EINVAL;
        }
        dev.altnames.remove(name);
        dev.net.unlistAltname(dev, name);
        return 0;
    }

    /** {@code dev_change_name()}: under rtnl; a running device may not be renamed (-EBUSY). */
    static int changeName(NetDevice dev, String newName) {
        dev.kernel.rtnl().assertRtnl("dev_change_name");
        if (dev.up) {
            return -Errno.EBUSY;
        }
        if (newName.equals(dev.name)) {
            return 0;
        }
        if (!DeviceNames.isValid(newName.replace("%d", "0"))) {
            return -Errno.EINVAL;
        }
        String oldName = dev.name;
        Net net = dev.net;
        boolean listed = net.findByName(oldName) == dev;
        if (listed) {
            net.unlist(dev);
        }
        dev.setName(newName);
        int err = DeviceNames.assign(net, dev);
        if (err < 0) {
            dev.setName(oldName);
            if (listed) {
                net.list(dev);
            }
            return err;
        }
        if (listed) {
            net.list(dev);
        }
        err = dev.kernel.notifiers().call(NetdevEvent.CHANGENAME, dev);
        if (err < 0) {
            net.unlist(dev);
            dev.setName(oldName);
            net.list(dev);
            dev.kernel.notifiers().call(NetdevEvent.CHANGENAME, dev);
        }
        return err;
    }
}
