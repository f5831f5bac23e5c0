package io.tickwarden.feed.domain;

import io.tickwarden.contracts.feed.TickMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The instruments to hold upstream: the watchlist plus every owner's demand, one entry per symbol in the richest
 * mode anyone wants, with who wants it. Pure; built from already-read demand.
 */
public final class SubscriptionPlan {

    public static final String WATCHLIST = "watchlist";

    /** One symbol's combined demand. {@code wantedBy} maps an owner (or "watchlist") to its client count. */
    public record Want(String symbol, TickMode mode, Map<String, Integer> wantedBy) {

        public int clients() {
            return wantedBy.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One owner's demand for one symbol. */
    public record OwnerDemand(String owner, String symbol, TickMode mode, int clients) {}

    private final Map<String, Want> wants;

    private SubscriptionPlan(Map<String, Want> wants) {
        this.wants = Collections.unmodifiableMap(wants);
    }

    public static SubscriptionPlan of(List<String> watchlist, TickMode watchlistMode, List<OwnerDemand> demand) {
        Map<String, TickMode> modes = new TreeMap<>();
        Map<String, Map<String, Integer>> owners = new TreeMap<>();
        for (String symbol : watchlist) {
            String s = symbol.trim();
            if (s.isEmpty()) {
                continue;
            }
            modes.merge(s, watchlistMode, TickMode::richer);
            owners.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(WATCHLIST, 1);
        }
        for (OwnerDemand d : demand) {
            if (d.clients() <= 0) {
                continue;
            }
            modes.merge(d.symbol(), d.mode(), TickMode::richer);
            owners.computeIfAbsent(d.symbol(), k -> new LinkedHashMap<>()).merge(d.owner(), d.clients(), Integer::sum);
        }
        Map<String, Want> out = new LinkedHashMap<>();
        modes.forEach((symbol, mode) -> out.put(symbol, new Want(symbol, mode, Map.copyOf(owners.get(symbol)))));
        return new SubscriptionPlan(out);
    }

    public Map<String, Want> wants() {
        return wants;
    }

    public List<String> symbols() {
        return new ArrayList<>(wants.keySet());
    }

    public int size() {
        return wants.size();
    }
}
