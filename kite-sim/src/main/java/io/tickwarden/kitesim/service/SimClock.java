package io.tickwarden.kitesim.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sim's notion of now: the system clock plus an offset that {@code POST /sim/clock} can move, so a test can
 * jump past 06:00 IST and watch tokens expire. Every time the sim reads goes through here.
 */
@ApplicationScoped
public class SimClock {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final Clock base = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public Instant now() {
        return base.instant().plus(offset.get());
    }

    public LocalDate todayIst() {
        return now().atZone(IST).toLocalDate();
    }

    public Duration offset() {
        return offset.get();
    }

    public void setOffset(Duration newOffset) {
        offset.set(newOffset);
    }

    public void setNow(Instant now) {
        offset.set(Duration.between(base.instant(), now));
    }
}
