package org.reftrace.netdev;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Model-only: one booted kernel, the home of what the real kernel keeps in globals (the rtnl lock, the notifier
 * chain, the todo list, the namespaces, RCU, linkwatch, the log). Several kernels can live in one JVM, so tests
 * never share state.
 *
 * <p>Thread-safe. The todo list is guarded by rtnl, as in the kernel.
 */
public final class Kernel {
    private final KernelConfig config;
    private final Clock clock;
    private final KernelLog log;
    private final Kmem kmem;
    private final Rtnl rtnl = new Rtnl(this);
    private final NotifierChain notifiers = new NotifierChain(this);
    private final Rcu rcu = new Rcu();
    private final Linkwatch linkwatch = new Linkwatch();
    private final StackDepot stackDepot = new StackDepot();
    private final FaultInjection faults = new FaultInjection();
    private final List<Net> namespaces = new CopyOnWriteArrayList<>();
    private final Map<String, RtnlLinkOps> linkOps = new ConcurrentHashMap<>();
    private final List<WaitHang> hangs = new CopyOnWriteArrayList<>();
    /** {@code net_todo_list}; guarded by rtnl. */
    final List<NetDevice> todoList = new ArrayList<>();
    private final Net initNet;

    private Kernel(KernelConfig config, Clock clock, PrintStream echo) {
        this.config = config;
        this.clock = clock;
        this.log = new KernelLog(clock, echo);
        this.kmem = new Kmem(log);
        this.initNet = Namespaces.create(this, "init_net");
    }

    /**
     * Boots a kernel: creates {@code init_net} with its {@code lo}.
     *
     * @param echo where kernel messages are printed as they happen, or {@code null} for none
     */
    public static Kernel boot(KernelConfig config, Clock clock, PrintStream echo) {
        return new Kernel(config, clock, echo);
    }

    /** A kernel with the default configuration on the real clock, printing nothing. */
    public static Kernel boot() {
        return boot(KernelConfig.defaults(), ScaledClock.realTime(), null);
    }

    public KernelConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The model's dmesg. */
    public KernelLog log() {
        return log;
    }

    /** Model-only: allocations and the kmemleak over them. */
    public Kmem kmem() {
        return kmem;
    }

    /**
     * Model-only kmemleak: what was allocated and never freed, less {@code init_net}'s {@code lo}, which lives
     * as long as the kernel.
     */
    public List<Kmem.Allocation> kmemleak() {
        Kmem.Allocation initLoopback = initNet.loopback().memory;
        return kmem.unreferenced().stream().filter(a -> a != initLoopback).toList();
    }

    public Rtnl rtnl() {
        return rtnl;
    }

    public Rcu rcu() {
        return rcu;
    }

    public Linkwatch linkwatch() {
        return linkwatch;
    }

    /** Model-only: failures to inject into the next operations. */
    public FaultInjection faults() {
        return faults;
    }

    /** {@code init_net}. */
    public Net initNet() {
        return initNet;
    }

    /** Every live namespace, {@code init_net} first. */
    public List<Net> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Model-only: each time {@code netdev_wait_all_refs} gave up through the model's escape. */
    public List<WaitHang> hangs() {
        return List.copyOf(hangs);
    }

    /**
     * {@code dump_stack()}: the caller's stack as the kernel prints it under a report, one indented frame a line,
     * starting at the first frame outside the netdev core. For subsystems outside the core that report their own
     * objects' errors ({@link KernelLog#report}).
     */
    public String dumpStack() {
        return stackDepot.save().indented();
    }

    NotifierChain notifiers() {
        return notifiers;
    }

    StackDepot stackDepot() {
        return stackDepot;
    }

    Map<String, RtnlLinkOps> linkOps() {
        return linkOps;
    }

    void addNamespace(Net net) {
        namespaces.add(net);
    }

    void removeNamespace(Net net) {
        namespaces.remove(net);
    }

    void recordHang(WaitHang hang) {
        hangs.add(hang);
    }

    /** Devices on the todo list, waiting for {@code rtnl_unlock()}. */
    public List<NetDevice> pendingTodo() {
        synchronized (todoList) {
            return List.copyOf(todoList);
        }
    }
}
