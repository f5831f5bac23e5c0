package io.tickwarden.smartapisim.ws;

import io.tickwarden.smartapisim.domain.StreamMode;
import io.tickwarden.smartapisim.service.SimStats;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The open stream sockets: the per-client-code limit on registration, the {@code drop} fault's cuts and what
 * {@code /sim/stats} shows of them. {@link StreamServer} speaks the protocol on them.
 */
@Singleton
public class StreamSockets {

    private static final Logger LOG = Logger.getLogger(StreamSockets.class);

    private final Map<Long, StreamSocket> sockets = new ConcurrentHashMap<>();
    private final SimStats stats;

    StreamSockets(SimStats stats) {
        this.stats = stats;
    }

    /** Adds the socket unless its client code already has {@code maxPerClient} open ones. */
    synchronized boolean register(StreamSocket socket, int maxPerClient) {
        long open = sockets.values().stream()
                .filter(s -> s.clientCode.equals(socket.clientCode) && s.isOpen())
                .count();
        if (open >= maxPerClient) {
            return false;
        }
        sockets.put(socket.id, socket);
        return true;
    }

    void remove(long id) {
        sockets.remove(id);
    }

    Collection<StreamSocket> all() {
        return sockets.values();
    }

    boolean isEmpty() {
        return sockets.isEmpty();
    }

    /** Cuts every open socket without a close frame. Returns how many were cut. */
    public int dropAll() {
        int count = 0;
        for (StreamSocket socket : List.copyOf(sockets.values())) {
            sockets.remove(socket.id);
            socket.cut();
            count++;
        }
        stats.socketsDropped.addAndGet(count);
        LOG.infof("fault drop: cut %d stream sockets without a close frame", count);
        return count;
    }

    /** Cuts one open socket (an id of {@code /sim/stats}) without a close frame; false when no such socket is open. */
    public boolean drop(long socketId) {
        StreamSocket socket = sockets.remove(socketId);
        if (socket == null) {
            return false;
        }
        socket.cut();
        stats.socketsDropped.addAndGet(1);
        LOG.infof("fault drop: cut stream socket %d without a close frame", socketId);
        return true;
    }

    public int openSockets() {
        return (int) sockets.values().stream().filter(StreamSocket::isOpen).count();
    }

    public long subscribedTokens() {
        return sockets.values().stream().mapToLong(s -> s.subscriptions.size()).sum();
    }

    /** Per-socket detail for {@code /sim/stats}. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StreamSocket s : sockets.values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", s.id);
            d.put("client_code", s.clientCode);
            d.put("opened_at", s.openedAt.toString());
            d.put("subscribe_messages", s.subscribeMessages.get());
            d.put("unsubscribe_messages", s.unsubscribeMessages.get());
            Map<String, Long> byMode = new LinkedHashMap<>();
            for (StreamMode m : StreamMode.values()) {
                byMode.put(
                        String.valueOf(m.code()),
                        s.subscriptions.keySet().stream()
                                .filter(k -> k.mode() == m)
                                .count());
            }
            d.put("tokens_by_mode", byMode);
            d.put("packets_sent", s.packetsSent.get());
            d.put("packets_skipped_full_queue", s.packetsSkipped.get());
            out.add(d);
        }
        return out;
    }
}
