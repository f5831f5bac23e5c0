package io.tickwarden.client.error;

import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps how a connection ended (a close code, a failed upgrade, an I/O error) to the typed exception. */
public final class CloseCodes {

    /** What the JDK reports when the socket ended without a close frame. */
    public static final int NO_CLOSE_FRAME = 1006;
    /** The header in which the gateway says why it refused an upgrade with 400 (e.g. an unknown delivery). */
    public static final String ERROR_HEADER = "X-Tickwarden-Error";

    private CloseCodes() {}

    /** The exception for a close frame from the gateway. */
    public static TickwardenException fromClose(int code, String reason) {
        String why = code + (reason == null || reason.isBlank() ? "" : " " + reason);
        return switch (code) {
            case GatewayCloseCodes.SLOW_CONSUMER -> new SlowConsumerException(why);
            case GatewayCloseCodes.FLOOD -> new FloodException(why);
            case GatewayCloseCodes.MESSAGE_TOO_BIG -> new MessageTooBigException(why);
            case GatewayCloseCodes.POLICY_VIOLATION -> new RejectedException("close " + why, code);
            case GatewayCloseCodes.GOING_AWAY -> new ConnectionLostException("gateway going away: " + why, code, null);
            case GatewayCloseCodes.INTERNAL_ERROR ->
                new ConnectionLostException("gateway internal error: " + why, code, null);
            default -> new ConnectionLostException("closed " + why, code, null);
        };
    }

    /** The exception for a failed connect or a socket error (the JDK wraps them in Completion/ExecutionException). */
    public static TickwardenException fromFailure(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TickwardenException e) {
            return e;
        }
        if (t instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            if (status == 401 || status == 403) {
                return new AuthenticationException(status);
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                String why = h.getResponse()
                        .headers()
                        .firstValue(ERROR_HEADER)
                        .map(e -> ": " + e)
                        .orElse("");
                return new RejectedException("HTTP " + status + " at the upgrade" + why, -1);
            }
            return new ConnectionLostException("HTTP " + status + " at the upgrade", -1, t);
        }
        if (t instanceof HttpTimeoutException) {
            return new ConnectionLostException("connect timed out", -1, t);
        }
        if (t instanceof ConnectException && t.getMessage() == null) {
            return new ConnectionLostException("cannot connect: refused or unreachable", -1, t);
        }
        if (t instanceof IOException) {
            return new ConnectionLostException(
                    t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()), -1, t);
        }
        return new ConnectionLostException(String.valueOf(t), -1, t);
    }
}
