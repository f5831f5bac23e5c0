package io.tickwarden.session.rest;

import io.tickwarden.session.domain.UnknownMarketException;
import io.tickwarden.session.service.ApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to a JSON {@link ErrorBody}. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder r = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.error(), e.getMessage()));
        if (e.status() == 401) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response unknownMarket(UnknownMarketException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("unknown_market", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status == 404 ? "not_found" : "http_" + status, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("internal_error", "unexpected error; see the service log")).build();
    }
}
