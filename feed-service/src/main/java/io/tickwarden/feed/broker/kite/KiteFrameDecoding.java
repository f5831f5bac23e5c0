package io.tickwarden.feed.broker.kite;

import io.tickwarden.feed.domain.DecodeProblem;
import io.tickwarden.feed.domain.TickDecoder;
import io.tickwarden.feed.service.FeedMetrics;
import java.util.EnumSet;
import org.jboss.logging.Logger;

/**
 * Decodes Kite ticker frames ({@link TickDecoder}) and accounts for bad ones: every problem is counted per kind,
 * logged once per kind, and skipped. Threading: the set of logged kinds is guarded by its own monitor; decoding
 * itself is pure.
 */
final class KiteFrameDecoding {

    private static final Logger LOG = Logger.getLogger(KiteFrameDecoding.class);

    private final FeedMetrics metrics;
    private final EnumSet<DecodeProblem> logged = EnumSet.noneOf(DecodeProblem.class);

    KiteFrameDecoding(FeedMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Hands the frame's ticks to {@code sink} part by part as they are decoded, at most {@code maxTicksPerPart} a
     * part (not at all for a heartbeat or a frame whose framing is broken), then accounts for its problems.
     */
    void decode(byte[] frame, int maxTicksPerPart, TickDecoder.PartSink sink) {
        for (DecodeProblem p :
                TickDecoder.decodeInParts(frame, maxTicksPerPart, sink).problems()) {
            metrics.decodeError(p);
            boolean first;
            synchronized (logged) {
                first = logged.add(p);
            }
            if (first) {
                LOG.warnf(
                        "bad ticker frame skipped (%s, %d bytes); further ones of this kind are only counted",
                        p.metricName(), frame.length);
            }
        }
    }
}
