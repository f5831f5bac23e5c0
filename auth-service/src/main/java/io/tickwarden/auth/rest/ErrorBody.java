package io.tickwarden.auth.rest;

/** JSON body of every refusal: a stable code, a human sentence, and the (unchanged) auth state. */
public record ErrorBody(String error, String message, String detail, String state) {
}
