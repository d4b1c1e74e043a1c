package org.reftrace.gallery;

import java.util.List;
import java.util.Optional;
import org.reftrace.gallery.scenarios.Churn;
import org.reftrace.gallery.scenarios.DadFailureIfaLeak;
import org.reftrace.gallery.scenarios.DeafNotifier;
import org.reftrace.gallery.scenarios.DestructorSplitLeak;
import org.reftrace.gallery.scenarios.Fib6RuleSuppressDstLeak;
import org.reftrace.gallery.scenarios.FlowOffloadDstLeak;
import org.reftrace.gallery.scenarios.FreeAfterUnregisterUnderRtnl;
import org.reftrace.gallery.scenarios.IgmpTimerInDevLeak;
import org.reftrace.gallery.scenarios.LookupLeakOnErrorPath;
import org.reftrace.gallery.scenarios.LwtunnelDstCacheLoop;
import org.reftrace.gallery.scenarios.MldQueryWorkLeak;
import org.reftrace.gallery.scenarios.NegativeAdviceDstLeak;
import org.reftrace.gallery.scenarios.NewlinkFreeUnregistering;
import org.reftrace.gallery.scenarios.NewlinkLeakBeforeRegister;
import org.reftrace.gallery.scenarios.NexthopSourceRouteLeak;
import org.reftrace.gallery.scenarios.QinqHang;
import org.reftrace.gallery.scenarios.RegisterVetoDoubleFree;
import org.reftrace.gallery.scenarios.RollbackKobjectLeak;
import org.reftrace.gallery.scenarios.RollbackRcuPutAfterFree;
import org.reftrace.gallery.scenarios.RsTimerIdevUnderflow;
import org.reftrace.gallery.scenarios.SharedTracker;
import org.reftrace.gallery.scenarios.SitSelfReference;
import org.reftrace.gallery.scenarios.SockDiagDestroyLeak;
import org.reftrace.gallery.scenarios.StaleDevicePointer;
import org.reftrace.gallery.scenarios.StaleRouteCache;
import org.reftrace.gallery.scenarios.VetoNeedsFreeDoubleFree;
import org.reftrace.gallery.scenarios.VlanRefcountUnderflow;
import org.reftrace.gallery.scenarios.XskUnregisterHang;

/**
 * The catalogue: every scenario, in the order they are listed (the seed's saga first, then later device bugs,
 * then bugs in the IP stack's objects that pin devices, then the workload).
 */
public final class Gallery {
    private static final List<Scenario> SCENARIOS = List.of(
            new RegisterVetoDoubleFree(),
            new RollbackKobjectLeak(),
            new RollbackRcuPutAfterFree(),
            new DestructorSplitLeak(),
            new NewlinkFreeUnregistering(),
            new NewlinkLeakBeforeRegister(),
            new FreeAfterUnregisterUnderRtnl(),
            new VetoNeedsFreeDoubleFree(),
            new VlanRefcountUnderflow(),
            new QinqHang(),
            new SitSelfReference(),
            new SharedTracker(),
            new LookupLeakOnErrorPath(),
            new StaleRouteCache(),
            new DeafNotifier(),
            new StaleDevicePointer(),
            new NegativeAdviceDstLeak(),
            new NexthopSourceRouteLeak(),
            new RsTimerIdevUnderflow(),
            new MldQueryWorkLeak(),
            new DadFailureIfaLeak(),
            new IgmpTimerInDevLeak(),
            new Fib6RuleSuppressDstLeak(),
            new FlowOffloadDstLeak(),
            new SockDiagDestroyLeak(),
            new XskUnregisterHang(),
            new LwtunnelDstCacheLoop(),
            new Churn());

    private Gallery() {}

    public static List<Scenario> scenarios() {
        return SCENARIOS;
    }

    public static Optional<Scenario> find(String name) {
        return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every name, for error messages. */
    public static List<String> names() {
        return SCENARIOS.stream().map(Scenario::name).toList();
    }
}
