package io.tickwarden.session.domain;

import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the two data files (calendar and timing rules). Strict: any bad row fails the whole load with its line
 * number, because a silently skipped holiday is worse than a service that refuses to start.
 */
public final class CalendarLoader {

    private static final List<String> CALENDAR_HEADER =
            List.of("date", "exchange", "segments", "kind", "name", "windows", "note", "source");
    private static final List<String> RULES_HEADER =
            List.of("exchange", "segments", "effective_from", "windows", "random_close", "source");

    private CalendarLoader() {}

    public static ExchangeCalendar load(Reader calendar, String calendarName, Reader rules, String rulesName) {
        return new ExchangeCalendar(
                parseRules(rules, rulesName), parseCalendar(calendar, calendarName), calendarName + " + " + rulesName);
    }

    public static List<CalendarEntry> parseCalendar(Reader reader, String name) {
        List<Csv.Line> lines = Csv.read(reader);
        checkHeader(lines, CALENDAR_HEADER, name);
        List<CalendarEntry> out = new ArrayList<>();
        for (Csv.Line line : lines.subList(1, lines.size())) {
            try {
                out.add(calendarRow(line.fields()));
            } catch (RuntimeException e) {
                throw new CalendarFormatException(name + " line " + line.number() + ": " + e.getMessage());
            }
        }
        return out;
    }

    public static List<TimingRule> parseRules(Reader reader, String name) {
        List<Csv.Line> lines = Csv.read(reader);
        checkHeader(lines, RULES_HEADER, name);
        List<TimingRule> out = new ArrayList<>();
        for (Csv.Line line : lines.subList(1, lines.size())) {
            try {
                List<String> f = fields(line.fields(), RULES_HEADER.size());
                String exchange = Markets.exchange(f.get(0));
                List<WindowSpec> windows = WindowSyntax.windows(f.get(3));
                if (windows.isEmpty()) {
                    throw new IllegalArgumentException("a rule needs at least one window");
                }
                out.add(new TimingRule(
                        exchange,
                        segments(exchange, f.get(1)),
                        date(f.get(2)),
                        windows,
                        WindowSyntax.randomCloses(f.get(4)),
                        required(f.get(5), "source")));
            } catch (RuntimeException e) {
                throw new CalendarFormatException(name + " line " + line.number() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static CalendarEntry calendarRow(List<String> raw) {
        List<String> f = fields(raw, CALENDAR_HEADER.size());
        LocalDate date = date(f.get(0));
        String exchange = Markets.exchange(f.get(1));
        Set<String> segments = segments(exchange, f.get(2));
        CalendarEntry.Kind kind;
        try {
            kind = CalendarEntry.Kind.valueOf(f.get(3).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind '" + f.get(3)
                    + "'; expected holiday, special_session, sessions or calendar_published");
        }
        String name = required(f.get(4), "name");
        String windowsText = f.get(5);
        String source = required(f.get(7), "source");
        CalendarEntry.SpecialTiming timing = CalendarEntry.SpecialTiming.NONE;
        List<WindowSpec> windows = List.of();
        Map<String, Boolean> sessions = Map.of();
        switch (kind) {
            case SPECIAL_SESSION -> {
                String w = required(windowsText, "windows (regular, TBD or explicit windows)")
                        .trim();
                if (w.equalsIgnoreCase("regular")) {
                    timing = CalendarEntry.SpecialTiming.REGULAR;
                } else if (w.equalsIgnoreCase("TBD")) {
                    timing = CalendarEntry.SpecialTiming.TBD;
                } else {
                    timing = CalendarEntry.SpecialTiming.EXPLICIT;
                    windows = WindowSyntax.windows(w);
                }
            }
            case SESSIONS -> sessions = sessions(required(windowsText, "windows (morning=open|closed; ...)"));
            default -> {
                if (!windowsText.isBlank()) {
                    throw new IllegalArgumentException("a " + f.get(3) + " row takes no windows");
                }
            }
        }
        return new CalendarEntry(
                date, exchange, segments, kind, name, timing, windows, sessions, windowsText, f.get(6), source);
    }

    private static Map<String, Boolean> sessions(String text) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2
                    || !(kv[1].trim().equalsIgnoreCase("open") || kv[1].trim().equalsIgnoreCase("closed"))) {
                throw new IllegalArgumentException(
                        "sessions '" + text + "' is not 'morning=open|closed; evening=open|closed'");
            }
            out.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim().equalsIgnoreCase("open"));
        }
        return out;
    }

    private static Set<String> segments(String exchange, String text) {
        if (text.isBlank() || text.trim().equals("*")) {
            return Set.copyOf(Markets.SEGMENTS.get(exchange));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : text.split("\\|")) {
            out.add(Markets.resolve(exchange, s).segment());
        }
        return Set.copyOf(out);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + text + "' is not yyyy-MM-dd");
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return value.trim();
    }

    private static List<String> fields(List<String> f, int n) {
        if (f.size() != n) {
            throw new IllegalArgumentException("expected " + n + " columns, found " + f.size());
        }
        return f;
    }

    private static void checkHeader(List<Csv.Line> lines, List<String> header, String name) {
        if (lines.isEmpty() || !lines.getFirst().fields().equals(header)) {
            throw new CalendarFormatException(
                    name + ": first non-comment line must be the header " + String.join(",", header));
        }
    }
}
