package io.tickwarden.session.rest;

import io.tickwarden.edge.ErrorBody;
import io.tickwarden.session.domain.UnknownMarketException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** This service's own failure next to http-edge's mappers, in the same {@link ErrorBody}. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response unknownMarket(UnknownMarketException e) {
        return Response.status(400)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("unknown_market", e.getMessage()))
                .build();
    }
}
