package io.tickwarden.contracts.gateway;

/**
 * Values of {@code code} in the gateway's {@code error} message and of {@code reason} in a {@code subscribed}
 * rejection. The connection stays open after each of them.
 */
public final class GatewayErrorCodes {

    private GatewayErrorCodes() {}

    // error messages
    public static final String BAD_JSON = "bad_json";
    public static final String BAD_REQUEST = "bad_request";
    public static final String UNKNOWN_ACTION = "unknown_action";
    public static final String UNKNOWN_MODE = "unknown_mode";
    public static final String TOO_MANY_SYMBOLS = "too_many_symbols";
    public static final String INTERNAL = "internal_error";

    // per-symbol rejections in "subscribed" / "unsubscribed"
    public static final String INVALID_SYMBOL = "invalid_symbol";
    public static final String UNKNOWN_SYMBOL = "unknown_symbol";
    public static final String LIMIT_EXCEEDED = "limit_exceeded";
    public static final String NOT_SUBSCRIBED = "not_subscribed";
}
