package io.tickwarden.client.error;

/**
 * The gateway refused the connection as malformed: an HTTP 4xx other than 401 at the upgrade (e.g. 400 for an
 * unknown {@code delivery}, 404 for a wrong path), or close 1008 (policy). Not retried: fix the client's settings.
 */
public final class RejectedException extends TickwardenException {

    public RejectedException(String what, int closeCode) {
        super(
                "the gateway refused the connection (" + what + "); check the client's gateway URI and delivery "
                        + "mode; the client does not retry",
                closeCode,
                null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
