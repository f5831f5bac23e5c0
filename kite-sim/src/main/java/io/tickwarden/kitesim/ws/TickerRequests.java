package io.tickwarden.kitesim.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.kitesim.domain.TickMode;
import io.tickwarden.kitesim.service.SimStats;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * What a ticker client sends ({@code {"a":"subscribe"|"unsubscribe"|"mode","v":...}}), applied to its socket as Kite
 * does: at most {@code max-tokens-per-socket} instruments, new ones in quote mode, a mode change answered at once
 * with the instruments' state in the new mode. Anything malformed gets a Kite-style error text frame, never a close.
 */
@Singleton
public class TickerRequests {

    private final SimConfig config;
    private final SimStats stats;
    private final ObjectMapper json;
    private final TickerOutbound outbound;

    TickerRequests(SimConfig config, SimStats stats, ObjectMapper json, TickerOutbound outbound) {
        this.config = config;
        this.stats = stats;
        this.json = json;
        this.outbound = outbound;
    }

    void onText(TickerSocket socket, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            socket.sendText(errorFrame("Invalid message: not JSON."));
            return;
        }
        String action = message.path("a").asText("");
        JsonNode value = message.path("v");
        switch (action) {
            case "subscribe" -> subscribe(socket, value);
            case "unsubscribe" -> unsubscribe(socket, value);
            case "mode" -> mode(socket, value);
            default -> socket.sendText(errorFrame("Unknown action `" + action + "`."));
        }
    }

    private void subscribe(TickerSocket socket, JsonNode value) {
        List<Long> requested = tokensOf(socket, value);
        if (requested == null) {
            return;
        }
        socket.subscribeMessages.incrementAndGet();
        stats.subscribeMessages.incrementAndGet();
        List<Long> added = new ArrayList<>();
        boolean overLimit = false;
        for (Long token : requested) {
            if (socket.subscriptions.containsKey(token)) {
                continue;
            }
            if (socket.subscriptions.size() >= config.maxTokensPerSocket()) {
                overLimit = true;
                continue;
            }
            socket.subscriptions.put(token, TickMode.QUOTE);
            added.add(token);
        }
        if (overLimit) {
            socket.sendText(errorFrame("Maximum number of instruments per connection (" + config.maxTokensPerSocket()
                    + ") exceeded; the rest were not subscribed."));
        }
        // No immediate packet here: clients send their mode right after subscribing, and a quote-mode packet
        // racing ahead of it would reach a full-mode client without depth. New tokens tick on the next step.
    }

    private void unsubscribe(TickerSocket socket, JsonNode value) {
        List<Long> requested = tokensOf(socket, value);
        if (requested == null) {
            return;
        }
        socket.unsubscribeMessages.incrementAndGet();
        stats.unsubscribeMessages.incrementAndGet();
        requested.forEach(socket.subscriptions::remove);
    }

    private void mode(TickerSocket socket, JsonNode value) {
        if (!value.isArray() || value.size() != 2 || !value.get(0).isTextual()) {
            socket.sendText(errorFrame("Invalid mode message: expected {\"a\":\"mode\",\"v\":[mode,[tokens]]}."));
            return;
        }
        var mode = TickMode.fromWire(value.get(0).asText());
        if (mode.isEmpty()) {
            socket.sendText(errorFrame("Invalid mode `" + value.get(0).asText() + "`."));
            return;
        }
        List<Long> requested = tokensOf(socket, value.get(1));
        if (requested == null) {
            return;
        }
        socket.modeMessages.incrementAndGet();
        stats.modeMessages.incrementAndGet();
        List<Long> changed = new ArrayList<>();
        for (Long token : requested) {
            if (socket.subscriptions.replace(token, mode.get()) != null) {
                changed.add(token);
            }
        }
        outbound.sendNow(socket, changed);
    }

    private List<Long> tokensOf(TickerSocket socket, JsonNode value) {
        if (!value.isArray()) {
            socket.sendText(errorFrame("Invalid message: `v` must be an array of instrument tokens."));
            return null;
        }
        List<Long> out = new ArrayList<>(value.size());
        for (JsonNode n : value) {
            if (!n.canConvertToLong()) {
                socket.sendText(errorFrame("Invalid instrument token `" + n + "`."));
                return null;
            }
            out.add(n.asLong());
        }
        return out;
    }

    static String errorFrame(String message) {
        return "{\"type\":\"error\",\"data\":\"" + message.replace("\"", "'") + "\"}";
    }
}
