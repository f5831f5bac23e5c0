package io.tickwarden.session.rest;

/** Every error the API returns: a stable code and a message meant for a human. Never a stack trace. */
public record ErrorBody(String error, String message) {
}
