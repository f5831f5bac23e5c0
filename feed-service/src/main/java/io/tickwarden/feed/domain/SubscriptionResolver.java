package io.tickwarden.feed.domain;

import io.tickwarden.contracts.feed.TickMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plan to instrument tokens with modes, within the pool's capacity ({@code sockets x perSocket}). Pure: the symbol
 * lookup is passed in.
 */
public final class SubscriptionResolver {

    /**
     * Tokens to hold (in priority order), their symbols, symbols the lookup did not know, symbols past capacity and
     * the capacity error (null when none).
     */
    public record Resolution(
            Map<Long, TickMode> tokens,
            Map<Long, String> names,
            List<String> unresolved,
            List<String> overCapacity,
            String capacityError) {}

    private SubscriptionResolver() {}

    public static Resolution resolve(
            SubscriptionPlan plan, Function<String, Optional<Long>> tokenOf, int sockets, int perSocket) {
        int capacity = sockets * perSocket;
        List<SubscriptionPlan.Want> wants = new ArrayList<>(plan.wants().values());
        // Watchlist first, then the most wanted: they keep their place when over capacity.
        wants.sort(
                Comparator.comparing((SubscriptionPlan.Want w) -> !w.wantedBy().containsKey(SubscriptionPlan.WATCHLIST))
                        .thenComparing(w -> -w.clients()));
        Map<Long, TickMode> out = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> overCapacity = new ArrayList<>();
        for (SubscriptionPlan.Want w : wants) {
            Optional<Long> token = tokenOf.apply(w.symbol());
            if (token.isEmpty()) {
                missing.add(w.symbol());
                continue;
            }
            if (out.size() >= capacity && !out.containsKey(token.get())) {
                overCapacity.add(w.symbol());
                continue;
            }
            out.merge(token.get(), w.mode(), TickMode::richer);
            names.put(token.get(), w.symbol());
        }
        String capacityError = overCapacity.isEmpty()
                ? null
                : "capacity: " + (out.size() + overCapacity.size()) + " instruments wanted, at most " + capacity + " ("
                        + sockets + " sockets x " + perSocket + "); not subscribed (" + overCapacity.size() + "): "
                        + (overCapacity.size() > 20 ? overCapacity.subList(0, 20) + " ..." : overCapacity);
        return new Resolution(out, names, List.copyOf(missing), List.copyOf(overCapacity), capacityError);
    }
}
