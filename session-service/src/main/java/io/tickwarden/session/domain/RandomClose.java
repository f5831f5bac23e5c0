package io.tickwarden.session.domain;

/** A random-close window inside a phase, in seconds of the IST day. The phase itself lasts until {@code to}. */
public record RandomClose(Phase phase, int from, int to) {
}
