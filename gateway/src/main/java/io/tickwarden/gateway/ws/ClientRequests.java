package io.tickwarden.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.SymbolFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one client message. Every way it can be wrong maps to an error code; nothing here throws, and no client
 * text is echoed without being made printable and short.
 */
public final class ClientRequests {

    /** A parsed request or the error to answer with. */
    public sealed interface Parsed permits Subscribe, Unsubscribe, Ping, Invalid {
    }

    public record Subscribe(List<String> symbols, Mode mode) implements Parsed {
    }

    public record Unsubscribe(List<String> symbols) implements Parsed {
    }

    public record Ping() implements Parsed {
    }

    public record Invalid(String code, String message) implements Parsed {
    }

    /** Mode of a subscribe that names none. */
    public static final Mode DEFAULT_MODE = Mode.QUOTE;

    private final ObjectMapper json;

    public ClientRequests(ObjectMapper json) {
        this.json = json;
    }

    public Parsed parse(String text) {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (Exception e) {
            return new Invalid(GatewayErrorCodes.BAD_JSON, "message is not valid JSON");
        }
        if (n == null || n.isMissingNode()) {
            return new Invalid(GatewayErrorCodes.BAD_JSON, "message is empty");
        }
        if (!n.isObject()) {
            return new Invalid(GatewayErrorCodes.BAD_REQUEST, "message must be a JSON object with an \"action\"");
        }
        JsonNode action = n.get("action");
        if (action == null || !action.isTextual()) {
            return new Invalid(GatewayErrorCodes.UNKNOWN_ACTION, "missing \"action\"; expected subscribe, unsubscribe or ping");
        }
        return switch (action.asText()) {
            case "subscribe" -> subscribe(n);
            case "unsubscribe" -> {
                Object symbols = symbols(n);
                yield symbols instanceof Invalid i ? i : new Unsubscribe(castList(symbols));
            }
            case "ping" -> new Ping();
            default -> new Invalid(GatewayErrorCodes.UNKNOWN_ACTION, "unknown action '"
                    + SymbolFormat.printable(action.asText()) + "'; expected subscribe, unsubscribe or ping");
        };
    }

    private Parsed subscribe(JsonNode n) {
        Mode mode = DEFAULT_MODE;
        JsonNode m = n.get("mode");
        if (m != null && !m.isNull()) {
            var parsed = m.isTextual() ? Mode.fromWire(m.asText()) : java.util.Optional.<Mode>empty();
            if (parsed.isEmpty()) {
                return new Invalid(GatewayErrorCodes.UNKNOWN_MODE, "unknown mode '" + SymbolFormat.printable(m.asText())
                        + "'; expected ltp, quote or full");
            }
            mode = parsed.get();
        }
        Object symbols = symbols(n);
        return symbols instanceof Invalid i ? i : new Subscribe(castList(symbols), mode);
    }

    private static Object symbols(JsonNode n) {
        JsonNode s = n.get("symbols");
        if (s == null || !s.isArray() || s.isEmpty()) {
            return new Invalid(GatewayErrorCodes.BAD_REQUEST, "\"symbols\" must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>(s.size());
        for (JsonNode e : s) {
            if (!e.isTextual()) {
                return new Invalid(GatewayErrorCodes.BAD_REQUEST, "\"symbols\" must contain only strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
