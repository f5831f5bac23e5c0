package io.tickwarden.feed.service;

import io.tickwarden.feed.domain.DecodeProblem;
import io.tickwarden.feed.domain.DecodedFrame;
import io.tickwarden.feed.domain.Tick;
import io.tickwarden.feed.domain.TickDecoder;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.List;

/**
 * Decodes ticker frames and accounts for bad ones: every problem is counted per kind, logged once per kind, and
 * skipped. Threading: the set of logged kinds is guarded by its own monitor; decoding itself is pure.
 */
final class FrameDecoding {

    private static final Logger LOG = Logger.getLogger(UpstreamLink.class);

    private final FeedMetrics metrics;
    private final EnumSet<DecodeProblem> logged = EnumSet.noneOf(DecodeProblem.class);

    FrameDecoding(FeedMetrics metrics) {
        this.metrics = metrics;
    }

    List<Tick> decode(byte[] frame) {
        DecodedFrame decoded = TickDecoder.decode(frame);
        account(decoded.problems(), frame.length);
        return decoded.ticks();
    }

    /** Decodes {@code frame} part by part ({@link TickDecoder#decodeInParts}), then accounts for its problems. */
    void decodeInParts(byte[] frame, int maxTicksPerPart, TickDecoder.PartSink sink) {
        account(TickDecoder.decodeInParts(frame, maxTicksPerPart, sink).problems(), frame.length);
    }

    private void account(List<DecodeProblem> problems, int frameLength) {
        for (DecodeProblem p : problems) {
            metrics.decodeError(p);
            boolean first;
            synchronized (logged) {
                first = logged.add(p);
            }
            if (first) {
                LOG.warnf("bad ticker frame skipped (%s, %d bytes); further ones of this kind are only counted",
                        p.metricName(), frameLength);
            }
        }
    }
}
