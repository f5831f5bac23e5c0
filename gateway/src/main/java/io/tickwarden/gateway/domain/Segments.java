package io.tickwarden.gateway.domain;

import io.tickwarden.contracts.gateway.GatewayMessages.SegmentStatus;
import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.gateway.domain.UpstreamViews.Market;
import io.tickwarden.gateway.domain.UpstreamViews.Segment;
import java.util.List;

/**
 * The per-segment sessions as clients see them ({@code segments} of {@code connection_status} and of the system
 * health) and as messages name them. Pure: freshness is judged before, by the caller.
 */
public final class Segments {

    public static final String UNKNOWN = "UNKNOWN";
    public static final String CLOSED = MarketPhase.CLOSED.name();

    private Segments() {}

    /** A segment whose snapshot is not fresh says UNKNOWN with {@code open} null: an old phase is not news. */
    public static SegmentStatus status(Segment s) {
        Market m = s.session().fresh() ? s.session().view() : null;
        if (m == null || m.phase() == null) {
            return new SegmentStatus(
                    s.id(),
                    UNKNOWN,
                    null,
                    null,
                    null,
                    null,
                    s.session().freshness().name());
        }
        return new SegmentStatus(
                s.id(),
                m.phase(),
                !CLOSED.equals(m.phase()),
                m.title(),
                m.nextPhase(),
                m.nextChangeAt(),
                s.session().freshness().name());
    }

    public static List<SegmentStatus> statuses(List<Segment> segments) {
        return segments.stream().map(Segments::status).toList();
    }

    /** Known (fresh) and in any phase but CLOSED. */
    public static boolean open(Segment s) {
        return s.session().fresh()
                && s.session().view().phase() != null
                && !CLOSED.equals(s.session().view().phase());
    }

    /** Known (fresh) and trading continuously, so silence from the feed would mean trouble. */
    public static boolean ticksExpected(Segment s) {
        return s.session().fresh()
                && HealthRules.TICKS_EXPECTED.contains(s.session().view().phase());
    }

    /** "MCX" when it is the only listed segment of its exchange, else "NSE:CDS": short where it is unambiguous. */
    public static String label(Segment s, List<Segment> all) {
        long sameExchange =
                all.stream().filter(o -> o.exchange().equals(s.exchange())).count();
        return sameExchange <= 1 ? s.exchange() : s.id();
    }

    /** "MCX LIVE, NSE:CDS LIVE" */
    public static String describe(List<Segment> segments, List<Segment> all) {
        return String.join(
                ", ",
                segments.stream()
                        .map(s -> label(s, all) + " " + s.session().view().phase())
                        .toList());
    }
}
