package io.tickwarden.bench.soak;

import io.tickwarden.bench.system.Cluster;
import io.tickwarden.bench.system.Waits;
import java.time.Duration;

/** Waits until the feed holds its upstream sockets and a leader answers (before the soak's first fault). */
final class FanoutReady {

    private FanoutReady() {}

    static void await(Cluster cluster, int sockets) {
        Waits.until(
                Duration.ofSeconds(120),
                500,
                () -> cluster.simStats().path("ws_connections_open").asInt() == sockets
                        && cluster.leader().isPresent());
    }
}
