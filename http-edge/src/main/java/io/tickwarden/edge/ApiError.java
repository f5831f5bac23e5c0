package io.tickwarden.edge;

/**
 * A refusal a resource throws: HTTP status, {@link ErrorBody} code and message. {@link ErrorMappers} turns it into
 * the response. No stack trace is captured: it is an answer to the client, not a fault.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String error;

    public ApiError(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiError badRequest(String error, String message) {
        return new ApiError(400, error, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage());
    }
}
