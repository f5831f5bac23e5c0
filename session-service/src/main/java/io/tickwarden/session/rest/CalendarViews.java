package io.tickwarden.session.rest;

import io.tickwarden.session.domain.CalendarEntry;
import io.tickwarden.session.domain.SessionOverride;
import io.tickwarden.session.domain.TimingRule;
import io.tickwarden.session.domain.WindowSpec;
import io.tickwarden.session.domain.WindowSyntax;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** JSON shapes of the calendar and override listings (snake_case by the global naming strategy). */
public final class CalendarViews {

    private CalendarViews() {}

    public record WindowView(String phase, String start, String end) {}

    public record HolidayView(
            LocalDate date, String dayOfWeek, Set<String> segments, String name, String note, String source) {}

    public record SpecialSessionView(
            LocalDate date,
            String dayOfWeek,
            Set<String> segments,
            String name,
            String timing,
            boolean timingsPublished,
            List<WindowView> windows,
            String note,
            String source) {}

    public record PartialSessionView(
            LocalDate date,
            String dayOfWeek,
            Set<String> segments,
            String name,
            Map<String, Boolean> sessions,
            String note,
            String source) {}

    public record TimingRuleView(
            Set<String> segments,
            LocalDate effectiveFrom,
            List<WindowView> windows,
            List<WindowView> randomClose,
            String source) {}

    public record OverrideView(
            String id,
            String type,
            String exchange,
            Set<String> segments,
            LocalDate date,
            List<WindowView> windows,
            String reason,
            String text,
            Instant createdAt) {}

    public record CalendarView(
            String exchange,
            int year,
            String segment,
            boolean calendarPublished,
            String publishedNote,
            List<HolidayView> holidays,
            List<SpecialSessionView> specialSessions,
            List<PartialSessionView> partialSessions,
            List<TimingRuleView> timingRules,
            List<OverrideView> overrides) {}

    static HolidayView holiday(CalendarEntry e) {
        return new HolidayView(
                e.date(), e.date().getDayOfWeek().name(), sorted(e.segments()), e.name(), e.note(), e.source());
    }

    static SpecialSessionView special(CalendarEntry e) {
        boolean published = e.timing() != CalendarEntry.SpecialTiming.TBD;
        return new SpecialSessionView(
                e.date(),
                e.date().getDayOfWeek().name(),
                sorted(e.segments()),
                e.name(),
                e.timing().name().toLowerCase(),
                published,
                windows(e.windows(), e.date()),
                e.note(),
                e.source());
    }

    static PartialSessionView partial(CalendarEntry e) {
        return new PartialSessionView(
                e.date(),
                e.date().getDayOfWeek().name(),
                sorted(e.segments()),
                e.name(),
                e.sessions(),
                e.note(),
                e.source());
    }

    static TimingRuleView rule(TimingRule r) {
        List<WindowView> rc = r.randomCloses().stream()
                .map(x -> new WindowView(x.phase().name(), WindowSyntax.format(x.from()), WindowSyntax.format(x.to())))
                .toList();
        List<WindowView> ws = r.windows().stream()
                .map(w -> new WindowView(
                        w.phase().name(),
                        WindowSyntax.format(w.start()),
                        w.endDuringUsDst() >= 0
                                ? WindowSyntax.format(w.endDuringUsDst()) + "/" + WindowSyntax.format(w.end())
                                : WindowSyntax.format(w.end())))
                .toList();
        return new TimingRuleView(sorted(r.segments()), r.effectiveFrom(), ws, rc, r.source());
    }

    public static OverrideView override(SessionOverride o) {
        return new OverrideView(
                o.id(),
                o.type(),
                o.exchange(),
                sorted(o.segments()),
                o.date(),
                o.windows().stream()
                        .map(w -> new WindowView(w.phase().name(), w.start(), w.end()))
                        .toList(),
                o.reason(),
                o.text(),
                o.createdAt());
    }

    private static List<WindowView> windows(List<WindowSpec> specs, LocalDate date) {
        return specs.stream()
                .map(w -> new WindowView(
                        w.phase().name(), WindowSyntax.format(w.start()), WindowSyntax.format(w.endOn(date))))
                .toList();
    }

    private static Set<String> sorted(Set<String> s) {
        return new TreeSet<>(s);
    }
}
