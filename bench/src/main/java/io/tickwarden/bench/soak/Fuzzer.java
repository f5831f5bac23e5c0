package io.tickwarden.bench.soak;

import java.util.List;
import java.util.Random;

/**
 * Malformed client input for the gateway: broken JSON, wrong types, unknown actions and modes, bad symbols,
 * too many symbols, control characters, deep nesting. Each is answered with an error and the connection stays open
 * (the oversize and flood cases, which close the connection, are separate soak faults).
 */
public final class Fuzzer {

    private static final List<String> FIXED = List.of(
            "",
            " ",
            "{",
            "}",
            "[]",
            "null",
            "42",
            "\"subscribe\"",
            "{\"action\":}",
            "{action:subscribe}",
            "{\"action\":\"subscribe\"",
            "{\"action\":\"explode\"}",
            "{\"action\":null}",
            "{\"action\":42}",
            "{\"action\":\"subscribe\",\"symbols\":\"NSE:INFY\"}",
            "{\"action\":\"subscribe\",\"symbols\":[1,2,3]}",
            "{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"],\"mode\":\"turbo\"}",
            "{\"action\":\"subscribe\",\"symbols\":[\"\"]}",
            "{\"action\":\"subscribe\",\"symbols\":[null]}",
            "{\"action\":\"subscribe\",\"symbols\":[\"NOPE:NOPE\",\"NSE:\",\":INFY\",\"NSE:INFY:X\"]}",
            "{\"action\":\"unsubscribe\",\"symbols\":[\"NSE:NEVER_SUBSCRIBED\"]}",
            "{\"action\":\"ping\",\"x\":[[[[]]]]}",
            "{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"],\"mode\":[\"ltp\"]}",
            "\u0000\u0001\u0002",
            "{\"action\":\"subscribe\",\"symbols\":[\"NSE:\\u0000\"]}",
            "{\"a\":\"subscribe\",\"v\":[408065]}",
            "<html>",
            "DROP TABLE ticks;",
            "{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\"]}}}}");

    private final Random random;

    public Fuzzer(long seed) {
        this.random = new Random(seed);
    }

    public String next() {
        int k = random.nextInt(10);
        if (k < 6) {
            return FIXED.get(random.nextInt(FIXED.size()));
        }
        if (k == 6) { // too many symbols for one connection (limit 200)
            StringBuilder sb = new StringBuilder("{\"action\":\"subscribe\",\"mode\":\"ltp\",\"symbols\":[");
            for (int i = 0; i < 250; i++) {
                sb.append(i == 0 ? "" : ",").append("\"NSE:FUZZ").append(i).append('"');
            }
            return sb.append("]}").toString();
        }
        if (k == 7) { // deep nesting
            return "[".repeat(200 + random.nextInt(300)) + "]".repeat(10);
        }
        if (k == 8) { // random printable garbage
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(200);
            for (int i = 0; i < n; i++) {
                sb.append((char) (32 + random.nextInt(95)));
            }
            return sb.toString();
        }
        // a valid message cut at a random point
        String ok = "{\"action\":\"subscribe\",\"symbols\":[\"NSE:INFY\",\"NSE:TCS\"],\"mode\":\"quote\"}";
        return ok.substring(0, 1 + random.nextInt(ok.length() - 1));
    }
}
