package io.tickwarden.kitesim.rest;

/**
 * An error answered in Kite's shape: {@code {"status":"error","message","data":null,"error_type"}}.
 * The Java client picks its exception class from {@code error_type}, so both must be right.
 */
public class KiteApiException extends RuntimeException {

    private final int status;
    private final String errorType;

    public KiteApiException(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public static KiteApiException token(String message) {
        return new KiteApiException(403, "TokenException", message);
    }

    public static KiteApiException input(String message) {
        return new KiteApiException(400, "InputException", message);
    }

    public static KiteApiException rateLimited() {
        return new KiteApiException(429, "NetworkException", "Too many requests");
    }
}
