package io.tickwarden.kitesim.ws;

import io.tickwarden.kitesim.domain.TickMode;
import io.tickwarden.kitesim.service.SimStats;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The open ticker sockets: the per-api_key limit on registration, the {@code drop} fault's cuts and what
 * {@code /sim/stats} shows of them. {@link TickerServer} speaks the protocol on them.
 */
@Singleton
public class TickerSockets {

    private static final Logger LOG = Logger.getLogger(TickerSockets.class);

    private final Map<Long, TickerSocket> sockets = new ConcurrentHashMap<>();
    private final SimStats stats;

    TickerSockets(SimStats stats) {
        this.stats = stats;
    }

    /** Adds the socket unless its api_key already has {@code maxPerApiKey} open ones. */
    synchronized boolean register(TickerSocket socket, int maxPerApiKey) {
        long open = sockets.values().stream()
                .filter(s -> s.apiKey.equals(socket.apiKey) && s.isOpen())
                .count();
        if (open >= maxPerApiKey) {
            return false;
        }
        sockets.put(socket.id, socket);
        return true;
    }

    void remove(long id) {
        sockets.remove(id);
    }

    Collection<TickerSocket> all() {
        return sockets.values();
    }

    boolean isEmpty() {
        return sockets.isEmpty();
    }

    /** Cuts every open socket without a close frame. Returns how many were cut. */
    public int dropAll() {
        int count = 0;
        for (TickerSocket socket : List.copyOf(sockets.values())) {
            sockets.remove(socket.id);
            socket.cut();
            count++;
        }
        stats.socketsDropped.addAndGet(count);
        LOG.infof("fault drop: cut %d ticker sockets without a close frame", count);
        return count;
    }

    /**
     * Cuts one open socket without a close frame (the ids are those of {@code /sim/stats}); false when no such
     * socket is open. For pooled clients: one socket's failure must not interrupt the others.
     */
    public boolean drop(long socketId) {
        TickerSocket socket = sockets.remove(socketId);
        if (socket == null) {
            return false;
        }
        socket.cut();
        stats.socketsDropped.addAndGet(1);
        LOG.infof("fault drop: cut ticker socket %d without a close frame", socketId);
        return true;
    }

    public int openSockets() {
        return (int) sockets.values().stream().filter(TickerSocket::isOpen).count();
    }

    public long subscribedTokens() {
        return sockets.values().stream().mapToLong(s -> s.subscriptions.size()).sum();
    }

    /** Per-socket detail for {@code /sim/stats}: what each open socket asked for. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TickerSocket s : sockets.values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", s.id);
            d.put("api_key", s.apiKey);
            d.put("opened_at", s.openedAt.toString());
            d.put("subscribe_messages", s.subscribeMessages.get());
            d.put("unsubscribe_messages", s.unsubscribeMessages.get());
            d.put("mode_messages", s.modeMessages.get());
            Map<String, Long> byMode = new LinkedHashMap<>();
            for (TickMode m : TickMode.values()) {
                byMode.put(
                        m.wireName(),
                        s.subscriptions.values().stream().filter(m::equals).count());
            }
            d.put("tokens_by_mode", byMode);
            d.put("frames_skipped_full_queue", s.framesSkipped.get());
            out.add(d);
        }
        return out;
    }
}
