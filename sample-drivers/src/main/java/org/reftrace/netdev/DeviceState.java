package org.reftrace.netdev;

/** {@code dev_open()} and {@code dev_close()}: bringing a device up and down, with their notifications. */
final class DeviceState {
    private DeviceState() {}

    /** {@code dev_open()} → {@code __dev_open()}. */
    static int open(NetDevice dev) {
        dev.kernel.rtnl().assertRtnl("dev_open");
        if (dev.up) {
            return 0;
        }
        if (dev.regState != RegState.REGISTERED) {
            return -Errno.ENODEV; // !netif_device_present()
        }
        int ret = dev.kernel.notifiers().call(NetdevEvent.PRE_UP, dev);
        if (ret < 0) {
            return ret;
        }
        ret = dev.netdevOps().ndoValidateAddr(dev);
        if (ret == 0) {
            ret = dev.netdevOps().ndoOpen(dev);
        }
        if (ret < 0) {
            return ret;
        }
        dev.up = true;
        dev.kernel.notifiers().call(NetdevEvent.UP, dev);
        return 0;
    }

    /** {@code dev_close()} → {@code __dev_close_many()}. */
    static void close(NetDevice dev) {
        dev.kernel.rtnl().assertRtnl("dev_close");
        if (!dev.up) {
            return;
        }
        dev.kernel.notifiers().call(NetdevEvent.GOING_DOWN, dev);
        dev.netdevOps().ndoStop(dev);
        dev.up = false;
        dev.kernel.notifiers().call(NetdevEvent.DOWN, dev);
    }
}
