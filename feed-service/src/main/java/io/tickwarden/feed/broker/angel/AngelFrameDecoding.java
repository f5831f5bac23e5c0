package io.tickwarden.feed.broker.angel;

import io.tickwarden.feed.domain.DecodeProblem;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.service.FeedMetrics;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Decodes SmartAPI binary messages ({@link AngelPacketDecoder}) and accounts for bad ones exactly as the Kite side
 * does: every problem is counted per kind ({@code feed_decode_errors_total{kind}}), logged once per kind, and
 * skipped. Also knows which tokens are indices (from the last instrument master), since a packet does not say.
 * Threading: the logged kinds are guarded by their own monitor; the index set is replaced whole (volatile).
 */
@Singleton
class AngelFrameDecoding {

    private static final Logger LOG = Logger.getLogger(AngelFrameDecoding.class);

    private final FeedMetrics metrics;
    private final EnumSet<DecodeProblem> logged = EnumSet.noneOf(DecodeProblem.class);
    private volatile Set<Long> indices = Set.of();

    AngelFrameDecoding(FeedMetrics metrics) {
        this.metrics = metrics;
    }

    /** The encoded tokens of today's indices (not tradable). */
    void indices(Set<Long> encodedIndexTokens) {
        this.indices = Set.copyOf(encodedIndexTokens);
    }

    /** The message's tick, or null when it was bad (then counted and, the first time per kind, logged). */
    Tick decode(byte[] message) {
        Set<Long> idx = indices;
        AngelPacketDecoder.Result r = AngelPacketDecoder.decode(message, idx::contains);
        if (r.problem() == null) {
            return r.tick();
        }
        metrics.decodeError(r.problem());
        boolean first;
        synchronized (logged) {
            first = logged.add(r.problem());
        }
        if (first) {
            LOG.warnf(
                    "bad SmartAPI packet skipped (%s, %d bytes); further ones of this kind are only counted",
                    r.problem().metricName(), message.length);
        }
        return null;
    }
}
