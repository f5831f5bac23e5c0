package io.tickwarden.feed.domain;

/** Kinds of bad binary frames; each is counted, logged once, and skipped. */
public enum DecodeProblem {
    /** Shorter than the 2-byte packet count, or a 2+ byte frame that is not a heartbeat and has no packets. */
    TRUNCATED_HEADER,
    /** The count promises more packets than the frame holds. */
    MISSING_PACKETS,
    /** A packet length prefix runs past the end of the frame. */
    LENGTH_OVERFLOW,
    /** A packet length no Kite mode has (not 8, 28, 32, 44, 184). */
    UNKNOWN_PACKET_LENGTH,
    /** Bytes left over after the promised packets. */
    TRAILING_BYTES,
    /** A non-zero 1-byte frame (Kite's heartbeat is 0x00). */
    BAD_HEARTBEAT;

    public String metricName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
