package io.tickwarden.bench.system;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for the bench driver (a load generator, so waiting for time to pass is its job). */
public final class Waits {

    private Waits() {}

    /** Polls {@code condition} every {@code pollMs} until true or {@code timeout}; returns whether it became true. */
    public static boolean until(Duration timeout, long pollMs, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // a service mid-restart: try again
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(pollMs);
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void sleep(Duration d) {
        sleep(d.toMillis());
    }
}
