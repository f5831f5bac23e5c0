package io.tickwarden.bench.system;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the bench starts the system: the demo's environment (demo.sh) plus the knobs a scenario turns.
 *
 * @param outDir          logs go to {@code outDir/logs}
 * @param ticksPerSecond  kite-sim ticks per second per instrument
 * @param watchlist       FEED_WATCHLIST (the instruments the feed always holds upstream)
 * @param feedMode        FEED_MODE of the watchlist
 * @param sendLog         KITE_SIM_SEND_LOG, or null
 * @param feedReplicas    1 or 2
 * @param extraEnv        per service name (kite-sim, smartapi-sim, session-service, auth-service, feed-service,
 *                        gateway), extra env
 * @param broker          BROKER: {@code kite} (kite-sim upstream) or {@code angel} (smartapi-sim upstream)
 */
public record ClusterConfig(
        Path outDir,
        double ticksPerSecond,
        List<String> watchlist,
        String feedMode,
        Path sendLog,
        int feedReplicas,
        Map<String, Map<String, String>> extraEnv,
        String broker) {

    public ClusterConfig {
        if (!broker.equals("kite") && !broker.equals("angel")) {
            throw new IllegalArgumentException("--broker must be kite or angel, not " + broker);
        }
    }

    public boolean angel() {
        return broker.equals("angel");
    }

    /** The simulator module this system's broker speaks to. */
    public String simModule() {
        return angel() ? "smartapi-sim" : "kite-sim";
    }
}
