package io.tickwarden.feed.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickwarden.contracts.feed.FeedState;
import io.tickwarden.feed.domain.DecodeProblem;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;

/** The feed's Prometheus metrics (names in docs/feed-service.md). Never labelled with anything secret. */
@Singleton
public class FeedMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final DoubleAdder fallbackSeconds = new DoubleAdder();
    private final ConcurrentHashMap<String, AtomicInteger> unmapped = new ConcurrentHashMap<>();

    FeedMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("feed_rest_fallback_seconds", fallbackSeconds, DoubleAdder::sum)
                .description("Time spent in REST_POLLING")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Gauges read live values from the supervisor. */
    public void gauges(
            Supplier<Double> ticksPerSecond,
            Supplier<Double> lastTickAge,
            Supplier<Double> leader,
            Supplier<Double> fallbackActive,
            Supplier<Double> subscribed,
            Supplier<Double> connected,
            Supplier<Double> socketsOpen) {
        Gauge.builder("feed_ticks_per_second", ticksPerSecond)
                .description("Ticks published per second")
                .register(registry);
        Gauge.builder("feed_last_tick_age_seconds", lastTickAge)
                .description("Seconds since the last published tick (-1: none yet)")
                .register(registry);
        Gauge.builder("feed_is_leader", leader)
                .description("1 while this replica holds the leader lease")
                .register(registry);
        Gauge.builder("feed_rest_fallback_active", fallbackActive)
                .description("1 while polling the broker's REST quotes")
                .register(registry);
        Gauge.builder("feed_subscribed_instruments", subscribed)
                .description("Instruments confirmed by data on the sockets")
                .register(registry);
        Gauge.builder("feed_ws_connected", connected)
                .description("1 while any upstream socket is open")
                .register(registry);
        Gauge.builder("feed_sockets_open", socketsOpen)
                .description("Upstream sockets open (the pool's size is the broker's limit)")
                .register(registry);
    }

    /** {@code feed_state{state}}: 1 for the current state, 0 for the others, so dashboards can show it as a timeline. */
    public void stateGauge(Supplier<FeedState> current) {
        for (FeedState state : FeedState.values()) {
            Gauge.builder("feed_state", () -> current.get() == state ? 1.0 : 0.0)
                    .tag("state", state.name())
                    .description("1 for the feed's current state")
                    .register(registry);
        }
    }

    public void ticks(String source, int count) {
        counter("feed_ticks_total", "source", source).increment(count);
    }

    /** Ticks not published because the lease could not be vouched for (fenced) or this replica no longer leads. */
    public void fencedTicks(String reason, int count) {
        counter("feed_fenced_ticks_total", "reason", reason).increment(count);
    }

    public void reconnect(String cause) {
        counter("feed_reconnects_total", "cause", cause).increment();
    }

    public void handshakeRejected(int status) {
        counter("feed_handshake_rejects_total", "status", Integer.toString(status))
                .increment();
    }

    /** {@code feed_auth_reports_total{result}}: sent, resent, no_subscriber, failed. */
    public void authReport(String result) {
        counter("feed_auth_reports_total", "result", result).increment();
    }

    public void decodeError(DecodeProblem problem) {
        counter("feed_decode_errors_total", "kind", problem.metricName()).increment();
    }

    /**
     * {@code feed_instruments_unmapped{broker}}: instruments of the broker's daily list that have no client symbol
     * and were left out (set at every load; only adapters that map names report it).
     */
    public void instrumentsUnmapped(String broker, int count) {
        unmapped.computeIfAbsent(broker, b -> {
                    AtomicInteger value = new AtomicInteger();
                    Gauge.builder("feed_instruments_unmapped", value, AtomicInteger::get)
                            .tag("broker", b)
                            .description("Instruments of the broker's list left out: no client symbol for them")
                            .register(registry);
                    return value;
                })
                .set(count);
    }

    public void leaseChange(String change) {
        counter("feed_lease_changes_total", "change", change).increment();
    }

    public void restPoll(String outcome) {
        counter("feed_rest_polls_total", "outcome", outcome).increment();
    }

    public void fallbackTime(double seconds) {
        fallbackSeconds.add(seconds);
    }

    public double count(String name, String tag, String value) {
        Counter c = counters.get(name + "|" + tag + "|" + value);
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(
                name + "|" + tag + "|" + value,
                k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
