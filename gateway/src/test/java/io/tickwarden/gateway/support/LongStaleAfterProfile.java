package io.tickwarden.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * For tests that write snapshot fixtures once and then check what the gateway makes of them over several waits:
 * with the %test staleness of 5 s, every such test had to finish within 5 s of writing its fixtures (on a loaded
 * machine it sometimes did not, and the "fresh" fixtures turned STALE under it). Real services rewrite their
 * snapshots continuously; a fixture written once stays fresh here for 5 minutes instead, while a fixture written as
 * 10 minutes old ({@code Instant.now().minusSeconds(600)}) is still stale at once.
 */
public class LongStaleAfterProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.health.stale-after", "300s");
    }
}
