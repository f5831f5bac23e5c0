package io.tickwarden.session.domain;

import io.tickwarden.contracts.Ist;
import io.tickwarden.contracts.session.MarketPhase;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure phase engine: (instant, market, overrides) -> phase, reason, phase start, next phase, next change and
 * random-close window. Everything is computed in Asia/Kolkata from the calendar data; it never reads a clock or
 * the JVM default zone, so the same inputs give the same answer on any server.
 */
public final class SessionEngine {

    public static final ZoneId IST = Ist.ZONE;
    /** How far the engine looks back or ahead for a phase change (longer than any closure we know of). */
    static final int HORIZON_DAYS = 45;

    private static final int DAY = 86_400;

    private final ExchangeCalendar calendar;

    public SessionEngine(ExchangeCalendar calendar) {
        this.calendar = calendar;
    }

    public ExchangeCalendar calendar() {
        return calendar;
    }

    public SessionState at(Instant instant, Market market, List<SessionOverride> overrides) {
        Map<LocalDate, List<Slot>> days = new HashMap<>();
        ZonedDateTime local = instant.atZone(IST);
        LocalDate date = local.toLocalDate();
        List<Slot> today = day(days, market, date, overrides);
        int second = local.toLocalTime().toSecondOfDay();
        int index = 0;
        while (!today.get(index).contains(second)) {
            index++;
        }
        Slot current = today.get(index);

        Instant started = null;
        LocalDate d = date;
        int i = index;
        while (d.isAfter(date.minusDays(HORIZON_DAYS))) {
            List<Slot> slots = day(days, market, d, overrides);
            Slot prev;
            LocalDate prevDay = d;
            int prevIndex = i - 1;
            if (prevIndex < 0) {
                prevDay = d.minusDays(1);
                List<Slot> before = day(days, market, prevDay, overrides);
                prevIndex = before.size() - 1;
                prev = before.get(prevIndex);
            } else {
                prev = slots.get(prevIndex);
            }
            if (prev.phase() != current.phase()) {
                started = instant(d, slots.get(i).start());
                break;
            }
            d = prevDay;
            i = prevIndex;
        }

        MarketPhase nextPhase = null;
        Instant nextChange = null;
        d = date;
        i = index;
        while (d.isBefore(date.plusDays(HORIZON_DAYS))) {
            List<Slot> slots = day(days, market, d, overrides);
            if (i + 1 < slots.size()) {
                i++;
            } else {
                d = d.plusDays(1);
                i = 0;
                slots = day(days, market, d, overrides);
            }
            Slot next = slots.get(i);
            if (next.phase() != current.phase()) {
                nextPhase = next.phase();
                nextChange = instant(d, next.start());
                break;
            }
        }

        LocalDate tradingDay = null;
        for (LocalDate t = date; t.isBefore(date.plusDays(HORIZON_DAYS)); t = t.plusDays(1)) {
            if (day(days, market, t, overrides).stream().anyMatch(s -> s.phase() != MarketPhase.CLOSED)) {
                tradingDay = t;
                break;
            }
        }

        RandomClose rc = current.randomClose();
        Instant rcFrom = rc != null && rc.phase() == current.phase() ? instant(date, rc.from()) : null;
        Instant rcTo = rc != null && rc.phase() == current.phase() ? instant(date, rc.to()) : null;
        boolean published = calendar.published(market.exchange(), date.getYear());
        return new SessionState(
                market,
                instant,
                current.phase(),
                current.reason(),
                describe(market, current, published, date),
                started,
                nextPhase,
                nextChange,
                tradingDay,
                date.equals(tradingDay),
                rcFrom,
                rcTo,
                published);
    }

    /** The whole IST day as contiguous slots covering [00:00, 24:00), overrides applied. */
    public List<Slot> dayPlan(Market market, LocalDate date, List<SessionOverride> overrides) {
        List<Slot> slots = baseDay(market, date);
        List<SessionOverride> applicable = overrides.stream()
                .filter(o -> o.appliesTo(market, date))
                .sorted(Comparator.comparing(SessionOverride::createdAt))
                .toList();
        for (SessionOverride o : applicable) {
            for (SessionOverride.Window w : o.windows()) {
                slots = overlay(slots, new Slot(w.phase(), w.startSecond(), w.endSecond(), o.reason(), null, null));
            }
        }
        return slots;
    }

    private List<Slot> day(
            Map<LocalDate, List<Slot>> cache, Market market, LocalDate date, List<SessionOverride> overrides) {
        return cache.computeIfAbsent(date, d -> dayPlan(market, d, overrides));
    }

    private List<Slot> baseDay(Market market, LocalDate date) {
        Optional<TimingRule> rule = calendar.ruleFor(market, date);
        List<CalendarEntry> entries = calendar.entriesOn(market, date);
        CalendarEntry special = first(entries, CalendarEntry.Kind.SPECIAL_SESSION);
        CalendarEntry holiday = first(entries, CalendarEntry.Kind.HOLIDAY);
        CalendarEntry sessions = first(entries, CalendarEntry.Kind.SESSIONS);
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;

        if (special != null && special.timing() != CalendarEntry.SpecialTiming.TBD) {
            boolean regular = special.timing() == CalendarEntry.SpecialTiming.REGULAR;
            List<WindowSpec> windows = regular ? rule.map(TimingRule::windows).orElse(List.of()) : special.windows();
            List<RandomClose> rcs = regular ? rule.map(TimingRule::randomCloses).orElse(List.of()) : List.of();
            String note = special.name() + " special session";
            // Outside the special session the day is what it would have been: a holiday or weekend.
            String closed = holiday != null ? "HOLIDAY: " + holiday.name() : weekend ? "WEEKEND" : "AFTER_HOURS";
            return fill(open(windows, rcs, date, "SPECIAL_SESSION: " + special.name(), note), closed, note);
        }
        if (special != null) {
            String base =
                    holiday != null ? "HOLIDAY: " + holiday.name() : weekend ? "WEEKEND" : "HOLIDAY: " + special.name();
            return List.of(new Slot(
                    MarketPhase.CLOSED,
                    0,
                    DAY,
                    base + " (" + special.name() + " announced, timings not yet published)",
                    special.name() + " is announced but its timings are not published yet; an operator adds them"
                            + " as a SPECIAL_SESSION override or a calendar update once the exchange notifies them",
                    null));
        }
        if (holiday != null) {
            return List.of(new Slot(MarketPhase.CLOSED, 0, DAY, "HOLIDAY: " + holiday.name(), null, null));
        }
        if (weekend) {
            return List.of(new Slot(MarketPhase.CLOSED, 0, DAY, "WEEKEND", null, null));
        }
        if (rule.isEmpty()) {
            return List.of(new Slot(MarketPhase.CLOSED, 0, DAY, "AFTER_HOURS", "no timing rule for this date", null));
        }
        if (sessions != null) {
            String reason = "HOLIDAY: " + sessions.name() + " (" + describeSessions(sessions) + ")";
            List<Slot> open = new ArrayList<>();
            List<WindowSpec> windows = rule.get().windows();
            List<Slot> regular = open(windows, rule.get().randomCloses(), date, null, null);
            for (int i = 0; i < windows.size(); i++) {
                WindowSpec w = windows.get(i);
                Slot s = regular.get(i);
                boolean isOpen = w.session() == null || sessions.sessions().getOrDefault(w.session(), true);
                open.add(
                        isOpen
                                ? new Slot(
                                        s.phase(),
                                        s.start(),
                                        s.end(),
                                        null,
                                        sessions.name() + ": " + describeSessions(sessions),
                                        null)
                                : new Slot(MarketPhase.CLOSED, s.start(), s.end(), reason, null, null));
            }
            return fill(open, reason, null);
        }
        return fill(open(rule.get().windows(), rule.get().randomCloses(), date, null, null), "AFTER_HOURS", null);
    }

    private static String describeSessions(CalendarEntry e) {
        List<String> parts = new ArrayList<>();
        e.sessions().forEach((k, v) -> parts.add(k + " session " + (v ? "open" : "closed")));
        return String.join(", ", parts);
    }

    private static List<Slot> open(
            List<WindowSpec> windows, List<RandomClose> rcs, LocalDate date, String reason, String note) {
        List<Slot> out = new ArrayList<>();
        for (WindowSpec w : windows) {
            RandomClose rc = rcs.stream()
                    .filter(r -> r.phase() == w.phase() && r.from() >= w.start() && r.to() <= w.endOn(date))
                    .findFirst()
                    .orElse(null);
            out.add(new Slot(w.phase(), w.start(), w.endOn(date), reason, note, rc));
        }
        return out;
    }

    /** Sorts open slots and fills every gap of the day with CLOSED. */
    private static List<Slot> fill(List<Slot> open, String closedReason, String note) {
        List<Slot> sorted = new ArrayList<>(open);
        sorted.sort(Comparator.comparingInt(Slot::start));
        List<Slot> out = new ArrayList<>();
        int cursor = 0;
        for (Slot s : sorted) {
            if (s.start() > cursor) {
                out.add(new Slot(MarketPhase.CLOSED, cursor, s.start(), closedReason, note, null));
            }
            out.add(s);
            cursor = s.end();
        }
        if (cursor < DAY) {
            out.add(new Slot(MarketPhase.CLOSED, cursor, DAY, closedReason, note, null));
        }
        return out;
    }

    /** Cuts {@code inserted}'s range out of the day and puts it in. */
    static List<Slot> overlay(List<Slot> slots, Slot inserted) {
        List<Slot> out = new ArrayList<>();
        for (Slot s : slots) {
            if (s.end() <= inserted.start() || s.start() >= inserted.end()) {
                out.add(s);
                continue;
            }
            if (s.start() < inserted.start()) {
                out.add(s.range(s.start(), inserted.start()));
            }
            if (s.end() > inserted.end()) {
                out.add(s.range(inserted.end(), s.end()));
            }
        }
        out.add(inserted);
        out.sort(Comparator.comparingInt(Slot::start));
        return out;
    }

    private static CalendarEntry first(List<CalendarEntry> entries, CalendarEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).findFirst().orElse(null);
    }

    private static String describe(Market market, Slot slot, boolean published, LocalDate date) {
        StringBuilder sb = new StringBuilder(slot.phase().description());
        String reason = slot.reason();
        if (slot.phase() == MarketPhase.CLOSED && reason != null) {
            if (reason.equals("WEEKEND")) {
                sb.append(" Weekend.");
            } else if (reason.startsWith("HOLIDAY: ")) {
                sb.append(" Exchange holiday: ").append(reason.substring(9)).append('.');
            } else if (reason.equals("AFTER_HOURS")) {
                sb.append(" Outside trading hours.");
            }
        }
        if (reason != null && reason.startsWith("OVERRIDE: ")) {
            sb.append(" Operator override: ").append(reason.substring(10)).append('.');
        }
        if (slot.note() != null) {
            sb.append(' ')
                    .append(Character.toUpperCase(slot.note().charAt(0)))
                    .append(slot.note().substring(1))
                    .append('.');
        }
        if (market.segment().equals("FO")
                && (slot.phase() == MarketPhase.PRE_OPEN || slot.phase() == MarketPhase.AUCTION_FREEZE)) {
            sb.append(" Pre-open applies to current-month futures only; options have no pre-open.");
        }
        if (!published) {
            sb.append(" The ")
                    .append(market.exchange())
                    .append(" holiday list for ")
                    .append(date.getYear())
                    .append(" is not published yet: weekdays are assumed to be regular sessions.");
        }
        return sb.toString();
    }

    private static Instant instant(LocalDate date, int second) {
        return date.atStartOfDay(IST).plusSeconds(second).toInstant();
    }
}
