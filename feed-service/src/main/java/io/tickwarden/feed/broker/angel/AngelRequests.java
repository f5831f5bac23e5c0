package io.tickwarden.feed.broker.angel;

import io.tickwarden.contracts.feed.TickMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON text requests of WebSocket 2.0: {@code {"action":1|0,"params":{"mode":m,"tokenList":[{"exchangeType":t,
 * "tokens":["3045",...]}]}}}, one message per mode and batch, tokens grouped by exchange type. Tokens are digits
 * (decoded from {@link AngelTokens}), so no escaping is needed. Pure.
 */
final class AngelRequests {

    static final int SUBSCRIBE = 1;
    static final int UNSUBSCRIBE = 0;

    private AngelRequests() {}

    /** Angel's mode number of our mode: LTP 1, QUOTE 2 (Quote), FULL 3 (SnapQuote). */
    static int mode(TickMode mode) {
        return switch (mode) {
            case LTP -> 1;
            case QUOTE -> 2;
            case FULL -> 3;
        };
    }

    /** Messages for {@code modes} (encoded token to mode) with {@code action}, at most {@code batchSize} tokens each. */
    static List<String> messages(int action, Map<Long, TickMode> modes, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        List<String> out = new ArrayList<>();
        for (TickMode mode : TickMode.values()) {
            List<Long> tokens = modes.entrySet().stream()
                    .filter(e -> e.getValue() == mode)
                    .map(Map.Entry::getKey)
                    .toList();
            for (int i = 0; i < tokens.size(); i += batchSize) {
                out.add(message(action, mode(mode), tokens.subList(i, Math.min(tokens.size(), i + batchSize))));
            }
        }
        return out;
    }

    static String message(int action, int mode, Collection<Long> encodedTokens) {
        Map<Integer, List<String>> byType = new TreeMap<>();
        for (long encoded : encodedTokens) {
            byType.computeIfAbsent(AngelTokens.exchangeType(encoded), k -> new ArrayList<>())
                    .add(AngelTokens.token(encoded));
        }
        StringBuilder sb = new StringBuilder(64 + encodedTokens.size() * 12);
        sb.append("{\"action\":")
                .append(action)
                .append(",\"params\":{\"mode\":")
                .append(mode)
                .append(",\"tokenList\":[");
        boolean firstType = true;
        for (var e : byType.entrySet()) {
            if (!firstType) {
                sb.append(',');
            }
            firstType = false;
            sb.append("{\"exchangeType\":").append(e.getKey()).append(",\"tokens\":[");
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('"').append(e.getValue().get(i)).append('"');
            }
            sb.append("]}");
        }
        return sb.append("]}}").toString();
    }
}
