package io.tickwarden.client.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickwarden.client.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client's requests as JSON text. Long symbol lists are split so no request nears the gateway's 16 KiB message
 * limit (a symbol plus its position is under 60 bytes, so 100 of them stay under 6 KiB).
 */
public final class Requests {

    public static final int MAX_SYMBOLS_PER_REQUEST = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {}

    /**
     * {@code subscribe} requests for {@code symbols} in {@code mode}; {@code positions} (symbol to last seq, may be
     * empty) go with the symbols of their chunk, so those symbols are recovered instead of getting a snapshot.
     */
    public static List<String> subscribe(List<String> symbols, Mode mode, Map<String, Long> positions) {
        List<String> out = new ArrayList<>();
        for (List<String> chunk : chunks(symbols)) {
            ObjectNode request = JSON.createObjectNode().put("action", "subscribe");
            chunk.forEach(request.putArray("symbols")::add);
            request.put("mode", mode.wire());
            ObjectNode p = JSON.createObjectNode();
            chunk.stream().filter(positions::containsKey).forEach(s -> p.put(s, positions.get(s)));
            if (!p.isEmpty()) {
                request.set("positions", p);
            }
            out.add(request.toString());
        }
        return out;
    }

    public static List<String> unsubscribe(List<String> symbols) {
        List<String> out = new ArrayList<>();
        for (List<String> chunk : chunks(symbols)) {
            ObjectNode request = JSON.createObjectNode().put("action", "unsubscribe");
            chunk.forEach(request.putArray("symbols")::add);
            out.add(request.toString());
        }
        return out;
    }

    private static List<List<String>> chunks(List<String> symbols) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i += MAX_SYMBOLS_PER_REQUEST) {
            out.add(symbols.subList(i, Math.min(symbols.size(), i + MAX_SYMBOLS_PER_REQUEST)));
        }
        return out;
    }
}
