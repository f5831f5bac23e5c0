package io.tickwarden.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * For tests that must show a reaction to a change event itself: the periodic re-read of the snapshot keys (1 s in
 * tests) would otherwise pick the change up too, and the test could not tell the two apart. Snapshots stay fresh for
 * 5 minutes, as in {@link LongStaleAfterProfile}.
 */
public class EventDrivenHealthProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.health.stale-after", "300s", "gateway.health.poll-interval", "1h");
    }
}
