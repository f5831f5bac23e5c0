package io.tickwarden.smartapisim.rest;

import io.tickwarden.smartapisim.domain.AngelErrors;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the sim in Angel's envelope, never as a stack trace or an HTML page. */
public class AngelExceptionMappers {

    private static final Logger LOG = Logger.getLogger(AngelExceptionMappers.class);

    @ServerExceptionMapper
    public Response angel(AngelApiException e) {
        return AngelResponses.error(e.status(), e.errorcode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return AngelResponses.error(404, AngelErrors.BAD_REQUEST, "Route not found");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return AngelResponses.error(405, AngelErrors.BAD_REQUEST, "Method not allowed");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 400 : e.getResponse().getStatus();
        return AngelResponses.error(status, AngelErrors.BAD_REQUEST, "Invalid request: " + status);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error in smartapi-sim", e);
        return AngelResponses.error(500, AngelErrors.BAD_REQUEST, "Internal error in smartapi-sim; see its log");
    }
}
