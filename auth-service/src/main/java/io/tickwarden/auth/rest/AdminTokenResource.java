package io.tickwarden.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.auth.service.AdminTokens;
import io.tickwarden.auth.service.AuthLifecycle;
import io.tickwarden.edge.AdminKey;
import io.tickwarden.edge.ErrorBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operator endpoints; the admin key ({@link AdminKey}'s header forms) or 401. */
@Path("/api/auth/token")
@Produces(MediaType.APPLICATION_JSON)
public class AdminTokenResource {

    private final AdminKey adminKey;
    private final AdminTokens admin;
    private final AuthLifecycle lifecycle;
    private final ObjectMapper json;

    AdminTokenResource(AdminKey adminKey, AdminTokens admin, AuthLifecycle lifecycle, ObjectMapper json) {
        this.adminKey = adminKey;
        this.admin = admin;
        this.lifecycle = lifecycle;
        this.json = json;
    }

    /**
     * The body is read as text and parsed here so that a malformed body can never be echoed (it may hold a
     * token) in an error message.
     */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Install an access token, accepted only if Kite accepts it ({\"access_token\": \"...\"})")
    public Response put(@Context HttpHeaders headers, String body) {
        if (!adminKey.accepts(headers)) {
            return unauthorized();
        }
        String token = accessTokenOf(body);
        if (token == null) {
            return error(400, "invalid_body", "Expected JSON {\"access_token\": \"...\"}", null);
        }
        return switch (admin.install(token)) {
            case AdminTokens.Install.Installed installed ->
                Response.ok(lifecycle.view()).build();
            case AdminTokens.Install.RefusedByKite r ->
                error(422, "token_refused_by_kite", "Kite does not accept this token; nothing changed", r.message());
            case AdminTokens.Install.KiteUnavailable u ->
                error(
                        502,
                        "kite_unavailable",
                        "Kite could not be reached to check the token; nothing changed",
                        u.message());
            case AdminTokens.Install.StorageUnavailable s ->
                error(503, "storage_unavailable", "Redis is unavailable; nothing changed", null);
            case AdminTokens.Install.NotWithThisBroker n -> error(409, "not_with_angel", n.message(), null);
        };
    }

    @DELETE
    @Operation(summary = "Log out at the broker and forget the token; state REQUIRED (Angel: automatic login paused)")
    public Response delete(@Context HttpHeaders headers) {
        if (!adminKey.accepts(headers)) {
            return unauthorized();
        }
        try {
            admin.logout();
        } catch (RuntimeException e) {
            return error(503, "storage_unavailable", "Redis is unavailable; the token could not be removed", null);
        }
        return Response.ok(lifecycle.view()).build();
    }

    private String accessTokenOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode token = node == null ? null : node.get("access_token");
            return token != null && token.isTextual() && !token.asText().isBlank()
                    ? token.asText().trim()
                    : null;
        } catch (Exception e) {
            return null;
        }
    }

    private Response unauthorized() {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"auth-service admin\"")
                .entity(new ErrorBody(
                        "unauthorized",
                        AdminKey.unauthorizedMessage(),
                        null,
                        lifecycle.current().state().name()))
                .build();
    }

    private Response error(int status, String code, String message, String detail) {
        return Response.status(status)
                .entity(new ErrorBody(
                        code, message, detail, lifecycle.current().state().name()))
                .build();
    }
}
