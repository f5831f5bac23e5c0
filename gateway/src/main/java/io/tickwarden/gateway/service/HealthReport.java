package io.tickwarden.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.gateway.SystemHealthView;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.domain.Freshness;
import io.tickwarden.gateway.domain.Segments;
import io.tickwarden.gateway.domain.UpstreamViews;
import io.tickwarden.gateway.redis.DemandPublisher;
import io.tickwarden.gateway.redis.RedisChannels;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code /api/system/health} and its parts from the current health. Each part is the owner's snapshot plus
 * {@code snapshot_status} (FRESH, STALE, MISSING, UNREADABLE) and {@code snapshot_age_seconds}; a part that is not
 * FRESH has its state fields replaced by UNKNOWN and its last values moved under {@code last_known}, so nothing stale
 * ever reads as healthy.
 */
@Singleton
public class HealthReport {

    private final HealthService health;
    private final ObjectMapper json;
    private final SessionRegistry sessions;
    private final InstrumentCatalog catalog;
    private final DemandPublisher demand;
    private final RedisChannels channels;
    private final StatusMessages messages;
    private final GatewayConfig config;
    private final ServiceProbes probes;
    private final FanOut fanOut;

    HealthReport(
            HealthService health,
            ObjectMapper json,
            SessionRegistry sessions,
            InstrumentCatalog catalog,
            DemandPublisher demand,
            RedisChannels channels,
            StatusMessages messages,
            GatewayConfig config,
            ServiceProbes probes,
            FanOut fanOut) {
        this.probes = probes;
        this.fanOut = fanOut;
        this.health = health;
        this.json = json;
        this.sessions = sessions;
        this.catalog = catalog;
        this.demand = demand;
        this.channels = channels;
        this.messages = messages;
        this.config = config;
    }

    public SystemHealthView system(HealthService.Current c) {
        List<String> down = probes.down();
        // A dead service does not change the priority (that is decided by what the services last said), but the
        // operator must read it in the banner, not only in the details.
        String message = down.isEmpty()
                ? c.verdict().message()
                : c.verdict().message() + " · not responding: " + String.join("; ", down);
        return new SystemHealthView(
                c.verdict().status().name(),
                message,
                c.verdict().colour(),
                market(c),
                auth(c),
                feed(c),
                services(c),
                messages.now(),
                Segments.statuses(c.segments()));
    }

    public Map<String, Object> market(HealthService.Current c) {
        Map<String, Object> m = part(c.market(), Map.of("phase", "UNKNOWN", "is_trading_hours", "UNKNOWN"));
        UpstreamViews.Snapshot<UpstreamViews.Market> s = c.market().snapshot();
        if (s.fresh() && s.view().secondsToNextPhase() != null) {
            // The key is rewritten every few seconds; subtract its age so the countdown is right now.
            m.put("seconds_to_next_phase_now", Math.max(0, s.view().secondsToNextPhase() - Math.round(s.ageSeconds())));
        }
        m.put("market_open", c.verdict().marketOpen());
        m.put("key", health.marketKey());
        return m;
    }

    public Map<String, Object> auth(HealthService.Current c) {
        Map<String, Object> m =
                part(c.auth(), Map.of("state", "UNKNOWN", "is_valid", "UNKNOWN", "requires_login", "UNKNOWN"));
        m.put("login_url", loginUrl());
        m.put("auth_required", c.verdict().authRequired());
        return m;
    }

    public Map<String, Object> feed(HealthService.Current c) {
        Map<String, Object> m =
                part(c.feed(), Map.of("state", "UNKNOWN", "is_healthy", false, "connection_quality", "DOWN"));
        m.put("has_fresh_data", c.verdict().feedHasData());
        m.put("gateway_last_tick_seconds_ago", fanOut.secondsSinceLastTick().orElse(null));
        return m;
    }

    public Map<String, Object> services(HealthService.Current c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "redis",
                Map.of(
                        "up",
                        c.redisUp(),
                        "subscribed",
                        channels.isSubscribed(),
                        "resubscribes",
                        channels.resubscribes()));
        Map<String, Object> gw = new LinkedHashMap<>();
        gw.put("instance_id", demand.owner());
        gw.put("connections", sessions.size());
        gw.put("subscriptions", sessions.subscriptionCount());
        gw.put("instruments_demanded", demand.current().size());
        m.put("gateway", gw);
        m.put("instruments", catalog.describe());
        Map<String, List<ServiceProbes.Probe>> probed = probes.byService();
        m.put(
                "session_service",
                service(probed.get("session_service"), c.market().snapshot().freshness()));
        m.put(
                "auth_service",
                service(probed.get("auth_service"), c.auth().snapshot().freshness()));
        m.put(
                "feed_service",
                service(probed.get("feed_service"), c.feed().snapshot().freshness()));
        m.put("down", probes.down());
        m.put("stale_after_seconds", config.health().staleAfter().toSeconds());
        return m;
    }

    /**
     * One service: {@code up} is false when any of its probed URLs is not ready (null before the first probe or with
     * probes off), {@code snapshot} is the freshness of the key it owns, {@code instances} the probes per URL.
     */
    private Map<String, Object> service(List<ServiceProbes.Probe> probed, Freshness snapshot) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<ServiceProbes.Probe> list = probed == null ? List.of() : probed;
        Boolean up = null;
        if (probes.enabled() && !list.isEmpty() && list.stream().allMatch(p -> p.up() != null)) {
            up = list.stream().allMatch(p -> p.up());
        }
        m.put("up", up);
        m.put("url", list.isEmpty() ? null : list.get(0).url());
        m.put("snapshot", snapshot.name());
        m.put("instances", list.stream().map(ServiceProbes.Probe::toJson).toList());
        return m;
    }

    public String loginUrl() {
        String base = config.services()
                .authPublicUrl()
                .filter(s -> !s.isBlank())
                .orElse(config.services().authUrl());
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/auth/login";
    }

    @SuppressWarnings("unchecked")
    private <T> Map<String, Object> part(HealthService.Tracked<T> t, Map<String, Object> unknown) {
        UpstreamViews.Snapshot<T> s = t.snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> raw = t.raw() == null ? null : json.convertValue(t.raw(), LinkedHashMap.class);
        if (s.freshness() == Freshness.FRESH && raw != null) {
            out.putAll(raw);
        } else {
            out.putAll(unknown);
            if (raw != null) {
                out.put("last_known", raw);
            }
        }
        out.put("snapshot_status", s.freshness().name());
        out.put("snapshot_age_seconds", s.ageSeconds());
        if (s.problem() != null) {
            out.put("snapshot_problem", s.problem());
        }
        return out;
    }
}
