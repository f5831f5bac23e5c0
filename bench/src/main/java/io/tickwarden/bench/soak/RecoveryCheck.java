package io.tickwarden.bench.soak;

import io.tickwarden.bench.client.RecoveryLedger;
import java.util.List;
import java.util.function.Consumer;

/** The soak's recovery invariant, from each client's {@link RecoveryLedger}. */
final class RecoveryCheck {

    private RecoveryCheck() {}

    /**
     * What the clients' sequence numbers say: nothing twice, and no tick missed, since every reconnect recovers by
     * position and the gateway fills holes in its live stream from the history. The one exception is a Redis
     * restart or a Sentinel failover: ticks the feed could not publish while there was no primary reach neither the
     * clients nor the history, so the holes they leave are reported, not failed on.
     */
    static void check(
            List<RecoveryLedger.Summary> recovery,
            List<String> violations,
            List<String> observations,
            Consumer<String> log) {
        for (int i = 0; i < recovery.size(); i++) {
            RecoveryLedger.Summary r = recovery.get(i);
            log.accept("client " + i + ": " + r.ticks() + " ticks, " + r.recovered() + " symbols recovered ("
                    + r.replayed()
                    + " ticks replayed), not recovered " + r.notRecovered() + ", missed " + r.missedDuring()
                    + ", duplicates " + r.duplicates() + ", leader changes seen live " + r.epochChangesLive());
            if (r.duplicates() > 0) {
                violations.add("client " + i + " received " + r.duplicates() + " ticks twice or out of order");
            }
            final int client = i;
            r.missedDuring().forEach((kind, missed) -> {
                if (kind.equals("redis_restart") || kind.equals("sentinel_failover")) {
                    observations.add("client " + client + ": " + missed + " ticks missed across " + kind
                            + " (the feed could not publish them while there was no Redis primary, so no history"
                            + " holds them)");
                } else {
                    violations.add("client " + client + " missed " + missed + " ticks during " + kind
                            + " that recovery by position should have replayed");
                }
            });
        }
    }
}
