package io.tickwarden.session.domain;

/** A calendar or timing-rule file that cannot be trusted; the message names the file and line. */
public class CalendarFormatException extends RuntimeException {
    public CalendarFormatException(String message) {
        super(message);
    }
}
