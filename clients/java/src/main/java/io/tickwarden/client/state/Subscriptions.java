package io.tickwarden.client.state;

import io.tickwarden.client.Mode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the application asked for: symbol to mode, in the order subscribed. Replayed on every reconnect. Not
 * thread-safe: only the client's thread touches it.
 */
public final class Subscriptions {

    private final Map<String, Mode> modes = new LinkedHashMap<>();

    /** Adds or re-modes {@code symbols}. */
    public void add(Collection<String> symbols, Mode mode) {
        symbols.forEach(s -> modes.put(s, mode));
    }

    public void remove(Collection<String> symbols) {
        symbols.forEach(modes::remove);
    }

    public boolean contains(String symbol) {
        return modes.containsKey(symbol);
    }

    public boolean isEmpty() {
        return modes.isEmpty();
    }

    /** The symbols of each mode, for one subscribe per mode on reconnect. */
    public Map<Mode, List<String>> byMode() {
        Map<Mode, List<String>> out = new EnumMap<>(Mode.class);
        modes.forEach((symbol, mode) ->
                out.computeIfAbsent(mode, m -> new ArrayList<>()).add(symbol));
        return out;
    }
}
