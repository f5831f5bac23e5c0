package io.tickwarden.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping child processes the same way everywhere: SIGTERM, a grace period, then SIGKILL. */
public final class Processes {

    private Processes() {}

    /** SIGTERM, waits up to {@code grace} for a clean exit, else SIGKILL and waits for that. */
    public static void terminate(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
