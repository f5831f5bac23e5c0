package io.tickwarden.edge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST endpoint into an {@link ErrorBody}: the service's own refusals ({@link ApiError}),
 * the framework's (bad request or JSON, not found, method not allowed, unsupported media type) and anything
 * unexpected (500, logged here, never a stack trace in the body). A service maps its own exception types next to
 * these; the most specific mapper wins.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final String API_LIST = "the endpoints and their parameters are listed at /q/openapi";

    @ServerExceptionMapper
    public Response api(ApiError e) {
        return respond(Response.status(e.status()), e.body());
    }

    @ServerExceptionMapper
    public Response badJson(MismatchedInputException e) {
        return respond(Response.status(400), badJsonBody(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original; // a resource that built its own answer keeps it
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(Response.status(400), badJsonBody(json));
        }
        int status = original.getStatus();
        // fromResponse keeps the framework's headers, e.g. Allow on a 405
        return respond(
                Response.fromResponse(original),
                framework(
                        status,
                        e.getMessage(),
                        request.getMethod(),
                        "/" + uri.getPath().replaceFirst("^/", "")));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, Request request) {
        LOG.errorf(
                e,
                "Unexpected error answering %s %s; the client got 500 internal_error",
                request.getMethod(),
                uri.getPath());
        return respond(
                Response.status(500),
                new ErrorBody("internal_error", "unexpected error; the service log has the cause"));
    }

    private static Response respond(Response.ResponseBuilder builder, ErrorBody body) {
        builder.type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if ("unauthorized".equals(body.error())) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    /** Keeps a resource's own message; replaces the framework's "HTTP 404 Not Found" with what to do. */
    static ErrorBody framework(int status, String message, String method, String path) {
        boolean generic = message == null || message.startsWith("HTTP " + status);
        return switch (status) {
            case 400 -> new ErrorBody("bad_request", generic ? "the request is not valid; " + API_LIST : message);
            case 401 -> new ErrorBody("unauthorized", generic ? AdminKey.unauthorizedMessage() : message);
            case 403 -> new ErrorBody("forbidden", generic ? "not allowed" : message);
            case 404 -> new ErrorBody("not_found", generic ? "nothing at " + path + "; " + API_LIST : message);
            case 405 ->
                new ErrorBody(
                        "method_not_allowed",
                        method + " is not allowed on " + path + "; the Allow header lists the methods it takes");
            case 406 ->
                new ErrorBody(
                        "not_acceptable", "this endpoint answers application/json; send Accept: application/json");
            case 415 -> new ErrorBody("unsupported_media_type", "send the body as Content-Type: application/json");
            default -> new ErrorBody("http_" + status, generic ? "the request failed with HTTP " + status : message);
        };
    }

    /** Says where the body broke but never echoes it: it may hold a token. */
    private static ErrorBody badJsonBody(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new ErrorBody("bad_json", "the body is not the JSON this endpoint expects" + where + "; " + API_LIST);
    }
}
