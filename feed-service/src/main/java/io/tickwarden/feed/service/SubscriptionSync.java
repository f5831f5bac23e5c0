package io.tickwarden.feed.service;

import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerLimits;
import io.tickwarden.feed.domain.SubscriptionPlan;
import io.tickwarden.feed.domain.SubscriptionResolver;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns the current plan into instrument tokens with modes ({@link SubscriptionResolver}, against today's
 * instruments dump), remembers their symbols, the unresolved symbols and the capacity error, and describes what is
 * held for {@code GET /api/feed/subscriptions}. The diff against what a socket holds is the link's
 * ({@link io.tickwarden.feed.domain.SubscriptionDiff}). Threading: {@link #resolve} runs under this object's lock
 * (control loop); its results are volatile immutable values for lock-free readers.
 */
@Singleton
public class SubscriptionSync {

    private static final Logger LOG = Logger.getLogger(SubscriptionSync.class);

    private final FeedInputs inputs;
    private final InstrumentDirectory instruments;
    private final BrokerLimits limits;
    private final Broker broker;
    private final Object lock = new Object();
    private volatile Map<Long, String> symbolByToken = Map.of();
    private volatile List<String> unresolved = List.of();
    private volatile String capacityError;
    private volatile int wanted;

    SubscriptionSync(FeedInputs inputs, InstrumentDirectory instruments, Broker broker) {
        this.inputs = inputs;
        this.instruments = instruments;
        this.limits = broker.limits();
        this.broker = broker;
    }

    /** Symbols to tokens with modes, in priority order; records unresolved symbols and the capacity error. */
    public Map<Long, TickMode> resolve() {
        synchronized (lock) {
            SubscriptionResolver.Resolution r = SubscriptionResolver.resolve(
                    inputs.plan(),
                    symbol -> instruments.resolve(symbol).map(InstrumentDirectory.Ref::token),
                    limits.socketsPerKey(),
                    limits.instrumentsPerSocket());
            symbolByToken = r.names();
            if (!r.unresolved().equals(unresolved) && !r.unresolved().isEmpty()) {
                LOG.warnf("unknown symbols not subscribed (not in today's instruments dump): %s", r.unresolved());
            }
            unresolved = r.unresolved();
            if (r.capacityError() != null && !r.capacityError().equals(capacityError)) {
                LOG.warn(r.capacityError());
            }
            capacityError = r.capacityError();
            wanted = r.tokens().size() + r.overCapacity().size();
            return r.tokens();
        }
    }

    /** As {@link #resolve()}, or null while today's instruments are not loaded (then nothing can be resolved). */
    public Map<Long, TickMode> resolveIfLoaded() {
        return instruments.isLoaded() ? resolve() : null;
    }

    public String symbolOf(long token) {
        return symbolByToken.getOrDefault(token, Long.toString(token));
    }

    /** The resolved symbols (what the REST fallback polls). */
    public List<String> symbols() {
        return new ArrayList<>(symbolByToken.values());
    }

    public String capacityError() {
        return capacityError;
    }

    /** Instruments the plan asks for that resolved (subscribed or over capacity). */
    public int wanted() {
        return wanted;
    }

    /** One held instrument: its mode, its socket, whether data confirmed it. */
    public record Held(long token, TickMode mode, int socket, boolean confirmed, String segment) {}

    /** {@code GET /api/feed/subscriptions}: held instruments with modes, socket, confirmation and who wants them. */
    public Map<String, Object> describe(List<Held> held, List<Map<String, Object>> sockets) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        Map<Long, String> names = symbolByToken;
        Map<String, SubscriptionPlan.Want> wants = inputs.plan().wants();
        held.forEach(h -> {
            String symbol = names.get(h.token());
            SubscriptionPlan.Want w = symbol == null ? null : wants.get(symbol);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("symbol", symbol);
            item.put("instrument_token", h.token());
            item.put("mode", h.mode().wire());
            item.put("socket", h.socket());
            item.put("segment", h.segment());
            item.put("confirmed", h.confirmed());
            item.put("wanted_by", w == null ? Map.of() : w.wantedBy());
            item.put("clients", w == null ? 0 : w.clients());
            list.add(item);
        });
        out.put("instruments", list);
        out.put("count", list.size());
        out.put(
                "confirmed",
                list.stream()
                        .filter(i -> Boolean.TRUE.equals(i.get("confirmed")))
                        .count());
        out.put("unresolved_symbols", unresolved);
        out.put("capacity_error", capacityError);
        Broker.Unmapped left = broker.unmapped();
        out.put("unmapped_instruments", Map.of("count", left.count(), "examples", left.examples()));
        out.put("wanted", wanted);
        out.put("capacity", limits.capacity());
        out.put("max_sockets", limits.socketsPerKey());
        out.put("max_per_socket", limits.instrumentsPerSocket());
        out.put("connected", sockets.stream().anyMatch(s -> Boolean.TRUE.equals(s.get("connected"))));
        out.put("sockets", sockets);
        return out;
    }
}
