package io.tickwarden.gateway.service;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.gateway.client.ReadinessApi;
import io.tickwarden.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Asks each service's readiness endpoint directly, every probe interval. The snapshot keys alone show a dead
 * auth- or session-service only once its key goes stale (45 s by default); a refused connection shows it within
 * one interval. The verdict is informational: it is reported under {@code services} and in the priority message,
 * never turned into AUTH_REQUIRED or FEED_DISCONNECTED, which stay decided by what the services last said.
 * {@code FEED_SERVICE_URL} may list several replicas, comma-separated; each is probed.
 * <p>Each target has its own REST Client ({@link ReadinessApi}), non-blocking, so a probe never blocks the event
 * loop, with connect and read timeouts of {@code probe-timeout}. No {@code @Retry} or {@code @CircuitBreaker}:
 * a probe reports what it saw this second, and either would hide it.
 */
@Singleton
public class ServiceProbes {

    private static final Logger LOG = Logger.getLogger(ServiceProbes.class);

    /** The last answer of one target. {@code up} is null until the first probe has answered. */
    public record Probe(
            String service,
            String url,
            Boolean up,
            Integer httpStatus,
            String problem,
            Instant checkedAt,
            Instant downSince,
            long latencyMs) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", url);
            m.put("up", up);
            m.put("http_status", httpStatus);
            if (problem != null) {
                m.put("problem", problem);
            }
            m.put("checked_at", checkedAt == null ? null : checkedAt.toString());
            if (downSince != null) {
                m.put("down_since", downSince.toString());
            }
            m.put("latency_ms", latencyMs);
            return m;
        }
    }

    private final Vertx vertx;
    private final Clock clock;
    private final Duration interval;
    private final Duration timeout;
    private final List<Target> targets = new ArrayList<>();
    private long timer = -1;

    ServiceProbes(
            Vertx vertx, Clock clock, GatewayConfig config, io.micrometer.core.instrument.MeterRegistry registry) {
        this.vertx = vertx;
        this.clock = clock;
        this.interval = config.health().probeInterval();
        this.timeout = config.health().probeTimeout();
        GatewayConfig.Services s = config.services();
        targets.add(new Target("session_service", s.sessionUrl()));
        targets.add(new Target("auth_service", s.authUrl()));
        Arrays.stream(s.feedUrl().split(","))
                .map(String::trim)
                .filter(u -> !u.isEmpty())
                .forEach(u -> targets.add(new Target("feed_service", u)));
        for (Target t : targets) {
            io.micrometer.core.instrument.Gauge.builder(
                            "gateway.service.up",
                            t,
                            x -> Boolean.TRUE.equals(x.last.up())
                                    ? 1
                                    : Boolean.FALSE.equals(x.last.up()) ? 0 : Double.NaN)
                    .description(
                            "1 when the service's readiness answered 200 at the last probe, 0 when not, NaN before the first")
                    .tags("service", t.service, "url", t.base)
                    .register(registry);
        }
    }

    void onStart(@Observes StartupEvent e) {
        if (interval.isZero() || interval.isNegative()) {
            LOG.info(
                    "service probes are off (GATEWAY_HEALTH_PROBE_INTERVAL=0): a dead service shows only when its snapshot goes stale");
            return;
        }
        probeAll();
        // Vert.x timer, not @Scheduled: each probe is a non-blocking request started on the event loop, and an
        // interval of 0 turns probing off, which @Scheduled's "every" cannot express.
        timer = vertx.setPeriodic(interval.toMillis(), id -> probeAll());
    }

    void onStop(@Observes ShutdownEvent e) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        targets.forEach(Target::close);
    }

    /** Every target's last answer, grouped by service name, in configuration order. */
    public Map<String, List<Probe>> byService() {
        Map<String, List<Probe>> out = new LinkedHashMap<>();
        for (Target t : targets) {
            out.computeIfAbsent(t.service, k -> new ArrayList<>()).add(t.last);
        }
        return out;
    }

    /** Targets whose last probe failed, as "service (url): problem". */
    public List<String> down() {
        List<String> out = new ArrayList<>();
        for (Target t : targets) {
            Probe p = t.last;
            if (Boolean.FALSE.equals(p.up())) {
                out.add(p.service().replace('_', '-') + " (" + p.url() + "): " + p.problem());
            }
        }
        return out;
    }

    public boolean enabled() {
        return interval.isPositive();
    }

    private void probeAll() {
        for (Target t : targets) {
            t.probe();
        }
    }

    /** One URL; at most one probe in flight, so a hanging service never piles requests up. */
    private final class Target {
        final String service;
        final String base;
        final AtomicBoolean inFlight = new AtomicBoolean();
        volatile Probe last;
        /** Built at the first probe (a bad URL is then reported like any failed probe). */
        private ReadinessApi api;

        Target(String service, String url) {
            this.service = service;
            this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            this.last = new Probe(service, base, null, null, "not probed yet", null, null, 0);
        }

        void probe() {
            if (!inFlight.compareAndSet(false, true)) {
                return;
            }
            long start = System.nanoTime();
            try {
                if (api == null) {
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(base))
                            .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            // a backstop that frees the connection; the probe itself gives up at ifNoItem below
                            .readTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                            .build(ReadinessApi.class);
                }
            } catch (RuntimeException bad) {
                record(false, null, "bad URL: " + bad.getMessage(), start);
                inFlight.set(false);
                return;
            }
            api.ready()
                    .ifNoItem()
                    .after(timeout)
                    .fail()
                    .subscribe()
                    .with(
                            r -> {
                                try (r) {
                                    int status = r.getStatus();
                                    if (status == 200) {
                                        record(true, 200, null, start);
                                    } else {
                                        record(false, status, "readiness answered HTTP " + status, start);
                                    }
                                } finally {
                                    inFlight.set(false);
                                }
                            },
                            err -> {
                                try {
                                    record(false, null, describe(err), start);
                                } finally {
                                    inFlight.set(false);
                                }
                            });
        }

        void close() {
            if (api instanceof Closeable c) {
                try {
                    c.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debugf("closing the probe client of %s: %s", base, e.toString());
                }
            }
        }

        private void record(boolean up, Integer status, String problem, long startNanos) {
            Instant now = clock.instant();
            Probe before = last;
            Instant downSince = up ? null : before.downSince() != null ? before.downSince() : now;
            last = new Probe(
                    service, base, up, status, problem, now, downSince, (System.nanoTime() - startNanos) / 1_000_000);
            if (!up && !Boolean.FALSE.equals(before.up())) {
                LOG.warnf(
                        "%s at %s is not ready: %s. Check that process (its log and /q/health/ready); "
                                + "the gateway reports it under services in /api/system/health",
                        service, base, problem);
            } else if (up && Boolean.FALSE.equals(before.up())) {
                LOG.infof("%s at %s is ready again", service, base);
            }
        }
    }

    private static String describe(Throwable err) {
        // The REST Client wraps the cause (ProcessingException...): name the deepest one we recognise.
        for (Throwable c = err; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().getSimpleName().contains("Timeout")) { // Mutiny's, or Vert.x's read timeout
                return "no answer within the probe timeout";
            }
            if (c instanceof ConnectException) {
                return "connection refused (process down?)";
            }
        }
        Throwable t = err.getCause() != null ? err.getCause() : err;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
