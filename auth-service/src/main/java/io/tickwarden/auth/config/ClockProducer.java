package io.tickwarden.auth.config;

import java.time.ZoneId;

/**
 * The zone of the token lifecycle (06:00 IST expiry, reminder window, timestamps). The clock itself is http-edge's
 * default UTC clock, which tests replace with a controllable one; this class keeps only the zone until the
 * contracts' IST constant replaces it (issue 17 item 1).
 */
public final class ClockProducer {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private ClockProducer() {
    }
}
