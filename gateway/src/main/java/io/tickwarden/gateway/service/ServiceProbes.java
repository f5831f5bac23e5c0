package io.tickwarden.gateway.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks each service's readiness endpoint directly, every probe interval. The snapshot keys alone show a dead
 * auth- or session-service only once its key goes stale (45 s by default); a refused connection shows it within
 * one interval. The verdict is informational: it is reported under {@code services} and in the priority message,
 * never turned into AUTH_REQUIRED or FEED_DISCONNECTED, which stay decided by what the services last said.
 * {@code FEED_SERVICE_URL} may list several replicas, comma-separated; each is probed.
 */
@Singleton
public class ServiceProbes {

    private static final Logger LOG = Logger.getLogger(ServiceProbes.class);

    /** The last answer of one target. {@code up} is null until the first probe has answered. */
    public record Probe(String service, String url, Boolean up, Integer httpStatus, String problem,
                        Instant checkedAt, Instant downSince, long latencyMs) {

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
    private final HttpClient http;
    private final List<Target> targets = new ArrayList<>();
    private long timer = -1;

    ServiceProbes(Vertx vertx, Clock clock, GatewayConfig config, io.micrometer.core.instrument.MeterRegistry registry) {
        this.vertx = vertx;
        this.clock = clock;
        this.interval = config.health().probeInterval();
        this.timeout = config.health().probeTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        GatewayConfig.Services s = config.services();
        targets.add(new Target("session_service", s.sessionUrl()));
        targets.add(new Target("auth_service", s.authUrl()));
        Arrays.stream(s.feedUrl().split(",")).map(String::trim).filter(u -> !u.isEmpty())
                .forEach(u -> targets.add(new Target("feed_service", u)));
        for (Target t : targets) {
            io.micrometer.core.instrument.Gauge.builder("gateway.service.up", t,
                            x -> Boolean.TRUE.equals(x.last.up()) ? 1 : Boolean.FALSE.equals(x.last.up()) ? 0 : Double.NaN)
                    .description("1 when the service's readiness answered 200 at the last probe, 0 when not, NaN before the first")
                    .tags("service", t.service, "url", t.base).register(registry);
        }
    }

    void onStart(@Observes StartupEvent e) {
        if (interval.isZero() || interval.isNegative()) {
            LOG.info("service probes are off (GATEWAY_HEALTH_PROBE_INTERVAL=0): a dead service shows only when its snapshot goes stale");
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
            HttpRequest request;
            try {
                request = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(timeout).GET().build();
            } catch (IllegalArgumentException bad) {
                record(false, null, "bad URL: " + bad.getMessage(), start);
                inFlight.set(false);
                return;
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, err) -> {
                try {
                    if (err != null) {
                        record(false, null, describe(err), start);
                    } else if (r.statusCode() == 200) {
                        record(true, 200, null, start);
                    } else {
                        record(false, r.statusCode(), "readiness answered HTTP " + r.statusCode(), start);
                    }
                } finally {
                    inFlight.set(false);
                }
            });
        }

        private void record(boolean up, Integer status, String problem, long startNanos) {
            Instant now = clock.instant();
            Probe before = last;
            Instant downSince = up ? null : before.downSince() != null ? before.downSince() : now;
            last = new Probe(service, base, up, status, problem, now, downSince,
                    (System.nanoTime() - startNanos) / 1_000_000);
            if (!up && !Boolean.FALSE.equals(before.up())) {
                LOG.warnf("%s at %s is not ready: %s. Check that process (its log and /q/health/ready); "
                        + "the gateway reports it under services in /api/system/health", service, base, problem);
            } else if (up && Boolean.FALSE.equals(before.up())) {
                LOG.infof("%s at %s is ready again", service, base);
            }
        }
    }

    private static String describe(Throwable err) {
        Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        if (t instanceof HttpTimeoutException) {
            return "no answer within the probe timeout";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused (process down?)";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
