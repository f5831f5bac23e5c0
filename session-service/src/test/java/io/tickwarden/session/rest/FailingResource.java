package io.tickwarden.session.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint that fails unexpectedly, to see what http-edge answers for a bug: 500, no stack trace. */
@Path("/test/failing")
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("a bug with internals: secret-ish detail");
    }
}
