package io.tickwarden.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of every HTTP error of every service: {@code {"error":"<code>","message":"<what to do>"}}. A stable
 * lower-case code for programs, a sentence for a human, never a stack trace. {@code detail} (what the other side
 * said, free of secrets) and {@code state} (auth-service's unchanged state) appear only when a service sets them.
 * Registered for reflection because it travels inside {@code Response}s, which native builds do not scan.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String detail, String state) {

    public ErrorBody(String error, String message) {
        this(error, message, null, null);
    }
}
