package io.tickwarden.feed.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Plan to instrument tokens with modes, within one socket's capacity. Pure: the symbol lookup is passed in. */
public final class SubscriptionResolver {

    /** Tokens to hold (in priority order), their symbols, symbols the lookup did not know, and the capacity error. */
    public record Resolution(Map<Long, TickMode> tokens, Map<Long, String> names, List<String> unresolved,
                             String capacityError) {
    }

    private SubscriptionResolver() {
    }

    public static Resolution resolve(SubscriptionPlan plan, Function<String, Optional<Long>> tokenOf, int maxPerSocket) {
        List<SubscriptionPlan.Want> wants = new ArrayList<>(plan.wants().values());
        // Watchlist first, then the most wanted: they keep their place when over capacity.
        wants.sort(Comparator.comparing((SubscriptionPlan.Want w) -> !w.wantedBy().containsKey(SubscriptionPlan.WATCHLIST))
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
            if (out.size() >= maxPerSocket && !out.containsKey(token.get())) {
                overCapacity.add(w.symbol());
                continue;
            }
            out.merge(token.get(), w.mode(), TickMode::richer);
            names.put(token.get(), w.symbol());
        }
        String capacityError = overCapacity.isEmpty() ? null
                : "capacity: " + (out.size() + overCapacity.size()) + " instruments wanted, at most "
                + maxPerSocket + " per socket; not subscribed: " + overCapacity;
        return new Resolution(out, names, List.copyOf(missing), capacityError);
    }
}
