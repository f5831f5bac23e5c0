package io.tickwarden.smartapisim.rest;

import io.tickwarden.smartapisim.domain.AngelErrors;

/** An error answered in Angel's envelope (see {@link AngelResponses}). */
public class AngelApiException extends RuntimeException {

    private final int status;
    private final String errorcode;

    public AngelApiException(int status, String errorcode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorcode = errorcode;
    }

    public AngelApiException(AngelErrors.Code code) {
        this(200, code.errorcode(), code.message());
    }

    public int status() {
        return status;
    }

    public String errorcode() {
        return errorcode;
    }

    /** A malformed request, or a bad call to the sim's own controls. */
    public static AngelApiException badRequest(String message) {
        return new AngelApiException(400, AngelErrors.BAD_REQUEST, message);
    }
}
