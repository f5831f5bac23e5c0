package io.tickwarden.gateway.service;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions and the instrument-to-sessions index the fan-out walks, so a tick touches only the connections
 * that want it instead of every client.
 */
@Singleton
public class SessionRegistry {

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> bySymbol = new ConcurrentHashMap<>();

    public void add(ClientSession session) {
        sessions.put(session.id(), session);
    }

    public ClientSession get(String id) {
        return sessions.get(id);
    }

    /** Removes the session and every index entry it had; returns it, or null when already gone. */
    public ClientSession remove(String id) {
        ClientSession s = sessions.remove(id);
        if (s != null) {
            for (String symbol : s.subscriptions().keySet()) {
                unindex(symbol, s);
            }
        }
        return s;
    }

    public void index(String symbol, ClientSession session) {
        bySymbol.computeIfAbsent(symbol, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    public void unindex(String symbol, ClientSession session) {
        bySymbol.computeIfPresent(symbol, (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /** Sessions subscribed to a symbol; empty when none. */
    public Set<ClientSession> subscribers(String symbol) {
        Set<ClientSession> s = bySymbol.get(symbol);
        return s == null ? Set.of() : s;
    }

    public Collection<ClientSession> all() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }

    public int indexedSymbols() {
        return bySymbol.size();
    }

    public long subscriptionCount() {
        long n = 0;
        for (ClientSession s : sessions.values()) {
            n += s.subscriptions().size();
        }
        return n;
    }
}
