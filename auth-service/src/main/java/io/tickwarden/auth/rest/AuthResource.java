package io.tickwarden.auth.rest;

import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.service.AuthLifecycle;
import io.tickwarden.auth.service.LoginService;
import io.tickwarden.auth.service.TokenValidator;
import io.tickwarden.auth.service.angel.AngelSessionKeeper;
import io.tickwarden.contracts.auth.AuthStateView;
import io.tickwarden.edge.ErrorBody;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The contract's public auth endpoints: login redirect, Kite callback, state, verify. */
@Path("/api/auth")
public class AuthResource {

    private final LoginService login;
    private final AuthLifecycle lifecycle;
    private final TokenValidator validator;
    private final AngelSessionKeeper angel;

    AuthResource(LoginService login, AuthLifecycle lifecycle, TokenValidator validator, AngelSessionKeeper angel) {
        this.login = login;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.angel = angel;
    }

    @GET
    @Path("/login")
    @Operation(summary = "302 to the Kite login page, carrying a single-use anti-forgery state in redirect_params")
    public Response login(@Context HttpHeaders headers) {
        if (angel.enabled()) {
            return noBrowserLogin(headers);
        }
        try {
            return Response.status(Response.Status.FOUND)
                    .location(login.startLogin())
                    .cacheControl(noStore())
                    .build();
        } catch (RuntimeException e) {
            return Responses.error(
                    503,
                    new ErrorBody(
                            "storage_unavailable",
                            "The login cannot start: Redis is unavailable. Try again shortly.",
                            null,
                            state()),
                    headers);
        }
    }

    @GET
    @Path("/callback")
    @Operation(
            summary = "Kite's redirect after login: checks the state, exchanges the request token, 302 to the gateway")
    public Response callback(
            @QueryParam("request_token") String requestToken,
            @QueryParam("status") String status,
            @QueryParam("state") String state,
            @Context HttpHeaders headers) {
        if (angel.enabled()) {
            return noBrowserLogin(headers);
        }
        LoginService.CallbackResult result = login.complete(state, status, requestToken);
        if (result.redirect() != null) {
            return Response.status(Response.Status.FOUND)
                    .location(result.redirect())
                    .cacheControl(noStore())
                    .build();
        }
        LoginService.Refusal refusal = result.refusal();
        return Responses.error(
                refusal.httpStatus,
                new ErrorBody(refusal.name().toLowerCase(), refusal.text, result.detail(), state()),
                headers);
    }

    @GET
    @Path("/state")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The auth snapshot (never the token)")
    public AuthStateView state(@Context HttpHeaders headers) {
        return lifecycle.view();
    }

    @POST
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate the stored token against Kite now and return the state")
    public AuthStateView verify() {
        validator.verify(AuthReason.TOKEN_REJECTED);
        return lifecycle.view();
    }

    /** BROKER=angel has no human login: say what happens instead (never a redirect to Kite). */
    private Response noBrowserLogin(HttpHeaders headers) {
        return Responses.error(
                409,
                new ErrorBody(
                        "no_browser_login_with_angel",
                        "BROKER=angel: auth-service logs in to Angel One by itself with ANGEL_CLIENT_CODE, ANGEL_PIN and "
                                + "ANGEL_TOTP_SECRET; there is no browser login. See GET /api/auth/state; after fixing a refused "
                                + "secret, POST /api/auth/resume with the admin key.",
                        lifecycle.current().message(),
                        state()),
                headers);
    }

    private String state() {
        return lifecycle.current().state().name();
    }

    private static CacheControl noStore() {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        return cc;
    }
}
