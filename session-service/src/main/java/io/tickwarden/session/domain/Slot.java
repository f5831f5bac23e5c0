package io.tickwarden.session.domain;

import io.tickwarden.contracts.session.MarketPhase;

/**
 * A stretch of one IST day, [start, end) in seconds of the day, in one phase. {@code reason} follows the
 * contract (WEEKEND, HOLIDAY: name, AFTER_HOURS, OVERRIDE: text, SPECIAL_SESSION: name, or null);
 * {@code note} is extra human text for the description.
 */
public record Slot(MarketPhase phase, int start, int end, String reason, String note, RandomClose randomClose) {

    Slot range(int newStart, int newEnd) {
        return new Slot(phase, newStart, newEnd, reason, note, randomClose);
    }

    boolean contains(int second) {
        return start <= second && second < end;
    }
}
