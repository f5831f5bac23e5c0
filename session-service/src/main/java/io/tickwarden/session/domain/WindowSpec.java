package io.tickwarden.session.domain;

import io.tickwarden.contracts.session.MarketPhase;
import java.time.LocalDate;

/**
 * One phase window of a timing rule or special session, in seconds of the IST day. {@code endDuringUsDst}
 * (or -1) replaces {@code end} on days when US daylight saving time is in force (MCX's close).
 * {@code session} names an independently closable part of the day ("morning", "evening") or is null.
 */
public record WindowSpec(MarketPhase phase, int start, int end, int endDuringUsDst, String session) {

    public int endOn(LocalDate date) {
        return endDuringUsDst >= 0 && UsDaylightSaving.inForce(date) ? endDuringUsDst : end;
    }
}
