package io.tickwarden.bench.scenario;

import io.tickwarden.bench.client.LoadClients;
import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.WireProtocol;
import io.tickwarden.bench.proc.Jcmd;
import io.tickwarden.bench.proc.ProcSampler;
import io.tickwarden.bench.system.Waits;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Memory per idle connection: the RSS (and, for JVMs, the live heap after a full GC) of a server before and after
 * N idle sockets are opened to it. One measurement moves with GC timing and committed heap, so the scenario repeats
 * it ({@code --idle-reps}) and reports the median.
 */
final class IdleMemoryProbe {

    private IdleMemoryProbe() {}

    static FanoutScenario.IdleMemory measure(
            String system, int rep, Vertx vertx, String host, int port, WireProtocol protocol, LongSupplier pid, int n)
            throws Exception {
        // jcmd only for JVMs: it signals the target with SIGQUIT, which kills a Go process like nats-server.
        boolean jvm = !system.equals("nats");
        if (jvm) {
            Jcmd.gc(pid.getAsLong());
        }
        Waits.sleep(3000);
        double before = ProcSampler.rssKb(pid.getAsLong()) / 1024.0;
        long heapBefore = jvm ? Jcmd.heapUsedKb(pid.getAsLong()) : -1;
        List<List<String>> none = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            none.add(List.of());
        }
        try (LoadClients clients = new LoadClients(vertx, host, port, protocol, none, new ReceiptRecorder(), false)) {
            int open = clients.connectAll(100, Duration.ofSeconds(120));
            Waits.sleep(10_000);
            if (jvm) {
                Jcmd.gc(pid.getAsLong());
            }
            Waits.sleep(3000);
            double after = ProcSampler.rssKb(pid.getAsLong()) / 1024.0;
            long heapAfter = jvm ? Jcmd.heapUsedKb(pid.getAsLong()) : -1;
            double heapPer = heapBefore >= 0 && heapAfter >= 0
                    ? (heapAfter - heapBefore) / (double) Math.max(1, open)
                    : Double.NaN;
            FanoutScenario.IdleMemory m = new FanoutScenario.IdleMemory(
                    system, rep, open, before, after, (after - before) * 1024.0 / Math.max(1, open), heapPer);
            FanoutScenario.log(String.format(
                    "%s idle rep %d: %d connections, RSS %.1f -> %.1f MB, %.1f KB per connection (live heap %.1f KB"
                            + " per connection after a full GC)",
                    system, rep, open, before, after, m.kbPerConnection(), heapPer));
            return m;
        }
    }
}
