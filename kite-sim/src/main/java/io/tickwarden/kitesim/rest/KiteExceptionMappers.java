package io.tickwarden.kitesim.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the sim in Kite's JSON shape, never as a stack trace or an HTML page. */
public class KiteExceptionMappers {

    private static final Logger LOG = Logger.getLogger(KiteExceptionMappers.class);

    @ServerExceptionMapper
    public Response kite(KiteApiException e) {
        return KiteResponses.error(e.status(), e.errorType(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return KiteResponses.error(404, "GeneralException", "Route not found");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return KiteResponses.error(405, "GeneralException", "Method not allowed");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 400 : e.getResponse().getStatus();
        String type = status >= 500 ? "GeneralException" : "InputException";
        return KiteResponses.error(status, type, "Invalid request: " + status);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error in kite-sim", e);
        return KiteResponses.error(500, "GeneralException", "Internal error in kite-sim; see its log");
    }
}
