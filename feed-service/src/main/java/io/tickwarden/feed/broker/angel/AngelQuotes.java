package io.tickwarden.feed.broker.angel;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.feed.broker.BrokerQuote;
import io.tickwarden.feed.domain.DepthLevel;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.domain.Tick;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The quote endpoint's {@code data.fetched[]} (mode FULL) as our ticks, the way a SnapQuote packet would have
 * carried them: rupees as Angel's REST sends them, IST wall-clock times ({@code 21-Dec-2023 13:41:50}) as instants,
 * {@code change} computed against close as on Kite. Each quote keeps the symbol it was asked by. Pure.
 */
final class AngelQuotes {

    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };

    private AngelQuotes() {}

    /**
     * @param asked encoded token to the Kite-style symbol it was asked by; quotes of other tokens are dropped
     */
    static List<BrokerQuote> toTicks(JsonNode fetched, Map<Long, String> asked, LongPredicate isIndex) {
        List<BrokerQuote> out = new ArrayList<>();
        if (fetched == null || !fetched.isArray()) {
            return out;
        }
        for (JsonNode q : fetched) {
            AngelExchange exchange =
                    AngelExchange.ofCode(q.path("exchange").asText("")).orElse(null);
            long token = exchange == null
                    ? -1
                    : AngelTokens.encode(exchange.type(), q.path("symbolToken").asText(""));
            String symbol = token < 0 ? null : asked.get(token);
            if (symbol == null) {
                continue;
            }
            double ltp = q.path("ltp").asDouble();
            Double close = number(q, "close");
            Double change = close == null || close == 0 ? null : (ltp - close) * 100 / close;
            JsonNode depth = q.path("depth");
            out.add(new BrokerQuote(
                    symbol,
                    new Tick(
                            token,
                            "full",
                            !isIndex.test(token),
                            ltp,
                            number(q, "lastTradeQty"),
                            number(q, "avgPrice"),
                            q.hasNonNull("tradeVolume") ? q.get("tradeVolume").asLong() : null,
                            number(q, "totBuyQuan"),
                            number(q, "totSellQuan"),
                            number(q, "open"),
                            number(q, "high"),
                            number(q, "low"),
                            close,
                            change,
                            time(q.path("exchTradeTime").asText(null)),
                            number(q, "opnInterest"),
                            null,
                            null,
                            time(q.path("exchFeedTime").asText(null)),
                            depth.isMissingNode() ? null : levels(depth.path("buy")),
                            depth.isMissingNode() ? null : levels(depth.path("sell")))));
        }
        return out;
    }

    private static List<DepthLevel> levels(JsonNode side) {
        List<DepthLevel> out = new ArrayList<>(5);
        if (side.isArray()) {
            for (JsonNode l : side) {
                out.add(new DepthLevel(
                        l.path("quantity").asInt(),
                        l.path("price").asDouble(),
                        l.path("orders").asInt()));
            }
        }
        return out;
    }

    private static Double number(JsonNode q, String field) {
        JsonNode v = q.get(field);
        return v == null || v.isNull() || !(v.isNumber() || v.isTextual()) ? null : v.asDouble();
    }

    /** {@code dd-MMM-yyyy HH:mm:ss} in IST; null when absent or not in that shape. */
    static Instant time(String text) {
        if (text == null || text.length() != 20 || text.charAt(2) != '-' || text.charAt(6) != '-') {
            return null;
        }
        String mon = text.substring(3, 6).toUpperCase(Locale.ROOT);
        for (int m = 0; m < 12; m++) {
            if (MONTHS[m].equals(mon)) {
                try {
                    LocalDateTime at = LocalDateTime.of(
                            Integer.parseInt(text.substring(7, 11)),
                            m + 1,
                            Integer.parseInt(text.substring(0, 2)),
                            Integer.parseInt(text.substring(12, 14)),
                            Integer.parseInt(text.substring(15, 17)),
                            Integer.parseInt(text.substring(18, 20)));
                    return at.atZone(Ist.ZONE).toInstant();
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
