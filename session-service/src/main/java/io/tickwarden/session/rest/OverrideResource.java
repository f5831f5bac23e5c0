package io.tickwarden.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.edge.AdminKey;
import io.tickwarden.edge.ApiError;
import io.tickwarden.session.domain.Markets;
import io.tickwarden.session.domain.SessionOverride;
import io.tickwarden.session.service.OverrideFactory;
import io.tickwarden.session.service.OverrideService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Same-day overrides: listing is public, changes need the admin key. */
@Path("/api/session/overrides")
@Produces(MediaType.APPLICATION_JSON)
public class OverrideResource {

    private final OverrideService overrides;
    private final OverrideFactory factory;
    private final AdminKey adminKey;
    private final ObjectMapper json;

    public OverrideResource(OverrideService overrides, OverrideFactory factory, AdminKey adminKey, ObjectMapper json) {
        this.overrides = overrides;
        this.factory = factory;
        this.adminKey = adminKey;
        this.json = json;
    }

    @GET
    @Operation(summary = "Active overrides (optionally of one exchange)")
    public List<CalendarViews.OverrideView> list(@QueryParam("exchange") String exchange) {
        String ex = exchange == null || exchange.isBlank() ? null : Markets.exchange(exchange);
        return overrides.list().stream()
                .filter(o -> ex == null || o.exchange().equals(ex))
                .map(CalendarViews::override)
                .toList();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Add a same-day override (HALT, CLOSURE, EXTEND, SPECIAL_SESSION); admin key required")
    public Response add(@Context HttpHeaders headers, String body) {
        adminKey.require(headers);
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw ApiError.badRequest(
                    "invalid_json",
                    "the body is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
        SessionOverride o = overrides.add(factory.create(node));
        return Response.created(URI.create("/api/session/overrides/" + o.id()))
                .entity(CalendarViews.override(o))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an override; admin key required")
    public Response remove(@Context HttpHeaders headers, @PathParam("id") String id) {
        adminKey.require(headers);
        if (!overrides.remove(id)) {
            throw ApiError.notFound("no override with id '" + id + "'");
        }
        return Response.noContent().build();
    }
}
