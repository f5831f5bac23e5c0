package io.tickwarden.session.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.edge.ApiError;
import io.tickwarden.session.domain.Market;
import io.tickwarden.session.domain.Markets;
import io.tickwarden.session.domain.SessionEngine;
import io.tickwarden.session.domain.SessionOverride;
import io.tickwarden.session.domain.UnknownMarketException;
import io.tickwarden.session.domain.WindowSpec;
import io.tickwarden.session.domain.WindowSyntax;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Validates an override request and turns it into engine windows. Every problem is a 400 naming the field, and
 * nothing is stored until the whole request is valid.
 *
 * <ul>
 *   <li>CLOSURE: the whole {@code date} is CLOSED (ad hoc holiday).</li>
 *   <li>HALT: CLOSED from {@code from} (default now) until {@code resume_at}, then a fresh pre-open of
 *       {@code pre_open_minutes} (8) and {@code freeze_minutes} (7) before the regular timeline resumes;
 *       without {@code resume_at} the halt lasts until the end of the day (or until the override is deleted).</li>
 *   <li>EXTEND: {@code phase} (LIVE) from {@code from} (default now) to {@code until}.</li>
 *   <li>SPECIAL_SESSION: the whole {@code date} follows {@code windows} ('PHASE HH:MM-HH:MM; ...'), CLOSED
 *       elsewhere.</li>
 * </ul>
 */
@Singleton
public class OverrideFactory {

    public static final List<String> TYPES = List.of("HALT", "CLOSURE", "EXTEND", "SPECIAL_SESSION");
    private static final Set<String> FIELDS = Set.of(
            "type",
            "exchange",
            "segments",
            "date",
            "reason",
            "from",
            "resume_at",
            "until",
            "phase",
            "windows",
            "pre_open_minutes",
            "freeze_minutes");
    private static final int MAX_DAYS_AHEAD = 366;

    private final Clock clock;

    public OverrideFactory(Clock clock) {
        this.clock = clock;
    }

    public SessionOverride create(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw bad("a JSON object is required, e.g. {\"type\":\"CLOSURE\",\"exchange\":\"NSE\",\"reason\":\"...\"}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw bad("unknown field '" + f + "'; allowed: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String type = text(body, "type");
        if (type == null || !TYPES.contains(type.toUpperCase(Locale.ROOT))) {
            throw bad("'type' must be one of " + String.join(", ", TYPES));
        }
        type = type.toUpperCase(Locale.ROOT);
        String exchange;
        Set<String> segments;
        try {
            exchange = Markets.exchange(text(body, "exchange"));
            segments = segments(exchange, body.get("segments"));
        } catch (UnknownMarketException e) {
            throw ApiError.badRequest("unknown_market", e.getMessage());
        }
        String reason = text(body, "reason");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw bad("'reason' is required (1-200 characters); it is shown as 'OVERRIDE: <reason>'");
        }

        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(SessionEngine.IST);
        LocalDate today = local.toLocalDate();
        LocalDate date = today;
        String dateText = text(body, "date");
        if (dateText != null) {
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                throw bad("'date' must be yyyy-MM-dd (IST), got '" + dateText + "'");
            }
        }
        if (date.isBefore(today) || date.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw bad("'date' must be between today (" + today + " IST) and " + MAX_DAYS_AHEAD + " days ahead");
        }
        int nowSecond = date.equals(today) ? local.toLocalTime().toSecondOfDay() : -1;

        List<SessionOverride.Window> windows = new ArrayList<>();
        switch (type) {
            case "CLOSURE" -> windows.add(window(MarketPhase.CLOSED, 0, 86_400));
            case "HALT" -> {
                int from = time(body, "from", nowSecond);
                Integer resume = optionalTime(body, "resume_at");
                int preOpen = minutes(body, "pre_open_minutes", 8);
                int freeze = minutes(body, "freeze_minutes", 7);
                if (resume == null) {
                    windows.add(window(MarketPhase.CLOSED, from, 86_400));
                } else {
                    if (resume <= from) {
                        throw bad("'resume_at' must be after 'from'");
                    }
                    int liveAt = resume + (preOpen + freeze) * 60;
                    if (liveAt > 86_400) {
                        throw bad("the fresh pre-open after 'resume_at' must end before midnight");
                    }
                    windows.add(window(MarketPhase.CLOSED, from, resume));
                    if (preOpen > 0) {
                        windows.add(window(MarketPhase.PRE_OPEN, resume, resume + preOpen * 60));
                    }
                    if (freeze > 0) {
                        windows.add(window(MarketPhase.AUCTION_FREEZE, resume + preOpen * 60, liveAt));
                    }
                }
            }
            case "EXTEND" -> {
                int from = time(body, "from", nowSecond);
                Integer until = optionalTime(body, "until");
                if (until == null || until <= from) {
                    throw bad("'until' (HH:MM IST) is required and must be after 'from'");
                }
                MarketPhase phase = MarketPhase.LIVE;
                if (text(body, "phase") != null) {
                    try {
                        phase = WindowSyntax.phase(text(body, "phase"));
                    } catch (IllegalArgumentException e) {
                        throw bad("'phase': " + e.getMessage());
                    }
                }
                windows.add(window(phase, from, until));
            }
            case "SPECIAL_SESSION" -> {
                String text = text(body, "windows");
                if (text == null || text.isBlank()) {
                    throw bad(
                            "'windows' is required, e.g. \"PRE_OPEN 18:00-18:08; AUCTION_FREEZE 18:08-18:15; LIVE 18:15-19:15\"");
                }
                List<WindowSpec> specs;
                try {
                    specs = WindowSyntax.windows(text);
                } catch (IllegalArgumentException e) {
                    throw bad("'windows': " + e.getMessage());
                }
                windows.add(window(MarketPhase.CLOSED, 0, 86_400));
                for (WindowSpec w : specs) {
                    windows.add(window(w.phase(), w.start(), w.endOn(date)));
                }
            }
            default -> throw new IllegalStateException(type);
        }
        return new SessionOverride(
                UUID.randomUUID().toString(), type, exchange, segments, date, windows, reason.trim(), now);
    }

    private static SessionOverride.Window window(MarketPhase phase, int start, int end) {
        return new SessionOverride.Window(phase, WindowSyntax.format(start), WindowSyntax.format(end));
    }

    private static Set<String> segments(String exchange, JsonNode node) {
        if (node == null || node.isNull()) {
            return Set.copyOf(Markets.SEGMENTS.get(exchange));
        }
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else if (node.isTextual()) {
            names.addAll(List.of(node.asText().split("[,|]")));
        } else {
            throw bad("'segments' must be an array of segment names, e.g. [\"CM\",\"FO\"]");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            Market m = Markets.resolve(exchange, n);
            out.add(m.segment());
        }
        if (out.isEmpty()) {
            throw bad("'segments' must not be empty (omit it for all segments)");
        }
        return Set.copyOf(out);
    }

    private static int time(JsonNode body, String field, int nowSecond) {
        Integer t = optionalTime(body, field);
        if (t != null) {
            return t;
        }
        if (nowSecond < 0) {
            throw bad("'" + field + "' (HH:MM IST) is required for a future date");
        }
        return nowSecond;
    }

    private static Integer optionalTime(JsonNode body, String field) {
        String t = text(body, field);
        if (t == null) {
            return null;
        }
        try {
            return WindowSyntax.seconds(t);
        } catch (IllegalArgumentException e) {
            throw bad("'" + field + "' must be HH:MM (24-hour, IST), got '" + t + "'");
        }
    }

    private static int minutes(JsonNode body, String field, int dflt) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isInt() || n.asInt() < 0 || n.asInt() > 60) {
            throw bad("'" + field + "' must be an integer between 0 and 60");
        }
        return n.asInt();
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw bad("'" + field + "' must be a string");
        }
        return n.asText();
    }

    private static ApiError bad(String message) {
        return ApiError.badRequest("invalid_override", message);
    }
}
