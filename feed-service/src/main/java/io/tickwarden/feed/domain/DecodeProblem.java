package io.tickwarden.feed.domain;

/** Kinds of bad binary frames (Kite's and Angel's); each is counted, logged once, and skipped. */
public enum DecodeProblem {
    /** Shorter than the 2-byte packet count, or a 2+ byte frame that is not a heartbeat and has no packets. */
    TRUNCATED_HEADER,
    /** The count promises more packets than the frame holds. */
    MISSING_PACKETS,
    /** A packet length prefix runs past the end of the frame. */
    LENGTH_OVERFLOW,
    /** A packet length no mode has (Kite: not 8, 28, 32, 44, 184; Angel: a message not of 51, 123, 379 bytes). */
    UNKNOWN_PACKET_LENGTH,
    /** Bytes left over after the promised packets. */
    TRAILING_BYTES,
    /** A non-zero 1-byte frame (Kite's heartbeat is 0x00). */
    BAD_HEARTBEAT,
    /** Angel: an exchange type we do not know (not 1, 2, 3, 4, 5, 7, 13). */
    UNKNOWN_EXCHANGE_TYPE,
    /** Angel: the token field is not a decimal number of at most 12 digits. */
    BAD_TOKEN,
    /** Angel: the packet's mode byte does not match its length (e.g. mode 3 in 51 bytes). */
    MODE_MISMATCH;

    public String metricName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
