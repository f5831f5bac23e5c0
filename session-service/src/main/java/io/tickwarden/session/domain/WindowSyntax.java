package io.tickwarden.session.domain;

import io.tickwarden.contracts.session.MarketPhase;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the window notation shared by the data files and the override API:
 * {@code PHASE HH:MM-HH:MM [session]; ...}. An end of {@code 23:30/23:55} means 23:30 during US DST, else 23:55;
 * {@code 24:00} means midnight at the end of the day.
 */
public final class WindowSyntax {

    private WindowSyntax() {}

    public static List<WindowSpec> windows(String text) {
        List<WindowSpec> out = new ArrayList<>();
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] tokens = p.split("\\s+");
            if (tokens.length < 2 || tokens.length > 3) {
                throw new IllegalArgumentException("window '" + p + "' is not 'PHASE HH:MM-HH:MM [session]'");
            }
            MarketPhase phase = phase(tokens[0]);
            String[] range = tokens[1].split("-");
            if (range.length != 2) {
                throw new IllegalArgumentException("window '" + p + "' needs a range HH:MM-HH:MM");
            }
            int start = seconds(range[0]);
            int end;
            int endDst = -1;
            if (range[1].contains("/")) {
                String[] ends = range[1].split("/");
                endDst = seconds(ends[0]);
                end = seconds(ends[1]);
            } else {
                end = seconds(range[1]);
            }
            if (end <= start || (endDst >= 0 && endDst <= start)) {
                throw new IllegalArgumentException("window '" + p + "' ends before it starts");
            }
            out.add(new WindowSpec(
                    phase, start, end, endDst, tokens.length == 3 ? tokens[2].toLowerCase(Locale.ROOT) : null));
        }
        out.sort(java.util.Comparator.comparingInt(WindowSpec::start));
        for (int i = 1; i < out.size(); i++) {
            WindowSpec prev = out.get(i - 1);
            if (Math.max(prev.end(), prev.endDuringUsDst()) > out.get(i).start()) {
                throw new IllegalArgumentException("windows overlap in '" + text + "'");
            }
        }
        return out;
    }

    public static List<RandomClose> randomCloses(String text) {
        List<RandomClose> out = new ArrayList<>();
        for (WindowSpec w : windows(text)) {
            out.add(new RandomClose(w.phase(), w.start(), w.end()));
        }
        return out;
    }

    public static MarketPhase phase(String text) {
        try {
            return MarketPhase.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown phase '" + text + "'; known: " + java.util.Arrays.toString(MarketPhase.values()));
        }
    }

    /** HH:MM or HH:MM:SS as seconds of the day; 24:00 is the end of the day. */
    public static int seconds(String text) {
        String t = text.trim();
        if (t.equals("24:00")) {
            return 86_400;
        }
        try {
            return LocalTime.parse(t).toSecondOfDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is not HH:MM (24-hour, IST)");
        }
    }

    public static String format(int seconds) {
        if (seconds >= 86_400) {
            return "24:00";
        }
        LocalTime t = LocalTime.ofSecondOfDay(seconds);
        return t.getSecond() == 0 ? String.format("%02d:%02d", t.getHour(), t.getMinute()) : t.toString();
    }
}
