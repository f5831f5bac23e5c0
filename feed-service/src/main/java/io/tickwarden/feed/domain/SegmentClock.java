package io.tickwarden.feed.domain;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every segment's phase as last read from session-service, and what it means for the feed: whether sockets stay
 * open for the segment ({@link MarketPhases#shouldRun}) and whether its silence counts ({@link
 * MarketPhases#ticksExpected}). An instrument of unknown segment follows {@code home} (FEED_EXCHANGE's default
 * segment); a segment without a snapshot counts as open, as before (missing a session costs more than an idle
 * socket). Pure and immutable: one per control step.
 */
public final class SegmentClock {

    /** One segment's phase as its snapshot saw it; {@code toNextChange} as of the snapshot's writing. */
    public record Phase(String phase, String nextPhase, Duration toNextChange) {}

    private static final Phase UNKNOWN = new Phase(null, null, null);

    private final String schedule;
    private final Duration lead;
    private final Map<MarketSegment, Phase> phases;
    private final MarketSegment home;

    public SegmentClock(String schedule, Duration lead, Map<MarketSegment, Phase> phases, MarketSegment home) {
        this.schedule = schedule;
        this.lead = lead;
        this.phases = Map.copyOf(phases);
        this.home = home;
    }

    public MarketSegment home() {
        return home;
    }

    public Phase phase(MarketSegment segment) {
        return phases.getOrDefault(segment == null ? home : segment, UNKNOWN);
    }

    /** Sockets stay open for this segment: open, or within the pre-open lead (or schedule {@code always}). */
    public boolean open(MarketSegment segment) {
        Phase p = phase(segment);
        return MarketPhases.shouldRun(schedule, p.phase(), p.nextPhase(), p.toNextChange(), lead);
    }

    /** Silence of this segment's instruments is a stall and the REST fallback may cover them. */
    public boolean ticksExpected(MarketSegment segment) {
        return MarketPhases.ticksExpected(phase(segment).phase());
    }

    public boolean anyOpen(Collection<MarketSegment> segments) {
        return segments.stream().anyMatch(this::open);
    }

    public boolean anyTicksExpected(Collection<MarketSegment> segments) {
        return segments.stream().anyMatch(this::ticksExpected);
    }

    /** The keys of those of {@code segments} that expect ticks now (for log lines). */
    public List<String> expectedOf(Collection<MarketSegment> segments) {
        return segments.stream()
                .filter(this::ticksExpected)
                .map(MarketSegment::key)
                .sorted()
                .toList();
    }
}
