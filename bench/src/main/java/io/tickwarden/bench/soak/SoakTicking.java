package io.tickwarden.bench.soak;

import io.tickwarden.bench.client.ClientGroup;

/** Whether the soak's clients are receiving ticks. */
final class SoakTicking {

    private SoakTicking() {}

    static boolean ticking(ClientGroup clients, long withinMs) {
        return notTicking(clients, withinMs) == 0;
    }

    static long notTicking(ClientGroup clients, long withinMs) {
        long now = System.nanoTime();
        return clients.stats().stream()
                .filter(s -> now - s.lastTickNanos() > withinMs * 1_000_000L)
                .count();
    }

    static long notTicking(ClientGroup clients, long unused, long after) {
        return clients.stats().stream().filter(s -> s.lastTickNanos() <= after).count();
    }
}
