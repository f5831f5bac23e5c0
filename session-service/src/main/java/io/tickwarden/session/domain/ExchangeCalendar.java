package io.tickwarden.session.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The loaded calendar rows and timing rules, indexed for the engine. Immutable. */
public final class ExchangeCalendar {

    private final List<TimingRule> rules;
    private final List<CalendarEntry> entries;
    private final Map<LocalDate, List<CalendarEntry>> byDate;
    private final String origin;

    public ExchangeCalendar(List<TimingRule> rules, List<CalendarEntry> entries, String origin) {
        this.rules = rules.stream()
                .sorted(Comparator.comparing(TimingRule::effectiveFrom))
                .toList();
        this.entries = entries.stream()
                .sorted(Comparator.comparing(CalendarEntry::date))
                .toList();
        this.byDate = this.entries.stream().collect(Collectors.groupingBy(CalendarEntry::date));
        this.origin = origin;
    }

    /** The latest rule in effect on {@code date} for the market, if any. */
    public Optional<TimingRule> ruleFor(Market market, LocalDate date) {
        TimingRule found = null;
        for (TimingRule r : rules) {
            if (r.appliesTo(market) && !r.effectiveFrom().isAfter(date)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    public List<CalendarEntry> entriesOn(Market market, LocalDate date) {
        return byDate.getOrDefault(date, List.of()).stream()
                .filter(e -> e.appliesTo(market))
                .toList();
    }

    /** Whether the exchange has published its holiday list for the year (a calendar_published row). */
    public boolean published(String exchange, int year) {
        return entries.stream()
                .anyMatch(e -> e.kind() == CalendarEntry.Kind.CALENDAR_PUBLISHED
                        && e.exchange().equals(exchange)
                        && e.date().getYear() == year);
    }

    public List<CalendarEntry> entries(String exchange, int year) {
        return entries.stream()
                .filter(e -> e.exchange().equals(exchange) && e.date().getYear() == year)
                .toList();
    }

    public List<TimingRule> rules() {
        return rules;
    }

    public int size() {
        return entries.size();
    }

    /** Where the data came from (classpath or a file path), for logs and health. */
    public String origin() {
        return origin;
    }
}
