package io.tickwarden.feed.broker.angel;

/**
 * Angel's tokens are strings unique only within an exchange; the feed keys instruments by one {@code long}. The
 * adapter encodes both as {@code exchangeType * 10^12 + token} (e.g. nse_cm SBIN 3045 = 1_000_000_003_045, cde_fo
 * 1234 = 13_000_000_001_234) and decodes back for subscriptions and quotes. Angel's tokens are at most 9 digits
 * today; a token that is not a number in [0, 10^12) cannot be encoded and its instrument is left out. The values stay
 * below 2^53, so JavaScript clients read them exactly.
 */
public final class AngelTokens {

    public static final long RADIX = 1_000_000_000_000L;

    private AngelTokens() {}

    public static long encode(int exchangeType, long token) {
        if (exchangeType < 1 || exchangeType > 99 || token < 0 || token >= RADIX) {
            throw new IllegalArgumentException("cannot encode exchange type " + exchangeType + " token " + token);
        }
        return exchangeType * RADIX + token;
    }

    /** The encoded token, or -1 when {@code token} is not a plain decimal number below 10^12. */
    public static long encode(int exchangeType, String token) {
        long numeric = parse(token);
        return numeric < 0 ? -1 : encode(exchangeType, numeric);
    }

    public static int exchangeType(long encoded) {
        return (int) (encoded / RADIX);
    }

    /** Angel's token string, as the socket and the quote API want it. */
    public static String token(long encoded) {
        return Long.toString(encoded % RADIX);
    }

    /** A decimal token of 1-12 digits, or -1. */
    static long parse(String token) {
        if (token == null || token.isEmpty() || token.length() > 12) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
