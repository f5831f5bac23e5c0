package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.gateway.GatewayRecoveryReasons;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a symbol subscribed with a position can be recovered from its history stream, and how many
 * entries to replay. Positions and stream IDs are the same number: seq = epoch * 1e9 + n, entry ID
 * {@code <epoch>-<n>}. Recovery is all or nothing per symbol: either exactly the ticks after the position, contiguous
 * and of the position's epoch, or a reason (and the caller sends the snapshot).
 */
public final class RecoveryRule {

    public static final long PER_EPOCH = 1_000_000_000L;

    private RecoveryRule() {}

    /** A stream entry ID / seq split into its leader term and the count within it. */
    public record StreamId(long epoch, long n) implements Comparable<StreamId> {

        public static StreamId of(long seq) {
            return new StreamId(seq / PER_EPOCH, seq % PER_EPOCH);
        }

        /** {@code <epoch>-<n>}, or empty when malformed. */
        public static Optional<StreamId> parse(String id) {
            int dash = id == null ? -1 : id.indexOf('-');
            if (dash <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(
                        new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        public long seq() {
            return epoch * PER_EPOCH + n;
        }

        @Override
        public int compareTo(StreamId o) {
            return epoch != o.epoch ? Long.compare(epoch, o.epoch) : Long.compare(n, o.n);
        }

        @Override
        public String toString() {
            return epoch + "-" + n;
        }
    }

    /** The decision for one symbol. */
    public sealed interface Outcome permits Recovered, Failed {}

    /** Recovered: replay the {@code replay} entries after the position (0: nothing was missed). */
    public record Recovered(int replay) implements Outcome {}

    /** Not recovered: a {@link GatewayRecoveryReasons} value and a message saying why. */
    public record Failed(String reason, String message) implements Outcome {}

    /** Whether a position is worth reading history for (positive, and n at least 1). */
    public static boolean plausible(long position) {
        return position > 0 && position % PER_EPOCH != 0;
    }

    /**
     * @param position     the client's position for the symbol (any number it sent; 0 for a non-number)
     * @param last         the stream's newest entry ID, or null when there is no stream (or it was not read)
     * @param fromPosition the stream's entry IDs from the position on, inclusive, in order, as read (reading
     *                     {@code maxReplay + 2} is enough to tell every case)
     * @param maxReplay    most ticks replayed for one symbol
     */
    public static Outcome decide(long position, StreamId last, List<StreamId> fromPosition, int maxReplay) {
        if (!plausible(position)) {
            return new Failed(
                    GatewayRecoveryReasons.BAD_POSITION,
                    "position must be a seq received from this " + "gateway (a positive number), got " + position);
        }
        StreamId pos = StreamId.of(position);
        if (last == null) {
            return new Failed(GatewayRecoveryReasons.NO_HISTORY, "no tick history for this symbol");
        }
        if (last.epoch() > pos.epoch()) {
            return new Failed(
                    GatewayRecoveryReasons.EPOCH_CHANGED,
                    "the feed leader changed (epoch " + pos.epoch() + " to " + last.epoch()
                            + "): ticks in between are unknown; reload from the snapshot");
        }
        if (last.compareTo(pos) < 0) {
            return new Failed(
                    GatewayRecoveryReasons.BAD_POSITION,
                    "position " + position + " is ahead of the newest tick known (" + last.seq() + ")");
        }
        long missed = last.n() - pos.n();
        if (missed > maxReplay) {
            return tooOld(missed + " ticks missed; at most " + maxReplay + " are replayed");
        }
        if (fromPosition.isEmpty() || !fromPosition.get(0).equals(pos)) {
            return tooOld("the history no longer reaches back to position " + position);
        }
        for (int i = 1; i < fromPosition.size(); i++) {
            StreamId id = fromPosition.get(i);
            if (id.epoch() != pos.epoch()) {
                return new Failed(
                        GatewayRecoveryReasons.EPOCH_CHANGED,
                        "the feed leader changed (epoch " + pos.epoch() + " to " + id.epoch()
                                + "): ticks in between are unknown; reload from the snapshot");
            }
            if (id.n() != pos.n() + i) {
                return tooOld("the history has a gap after position " + position);
            }
        }
        int replay = fromPosition.size() - 1;
        if (replay > maxReplay) {
            return tooOld("more than " + maxReplay + " ticks missed");
        }
        return new Recovered(replay);
    }

    private static Failed tooOld(String message) {
        return new Failed(GatewayRecoveryReasons.TOO_OLD, message);
    }
}
