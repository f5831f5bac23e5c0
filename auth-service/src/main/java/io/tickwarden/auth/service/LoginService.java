package io.tickwarden.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.config.KiteConfig;
import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.redis.LoginStateStore;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The browser login: send the human to Kite with a single-use anti-forgery state, and on the way back check
 * that state before exchanging the request token. Any refusal leaves the auth state exactly as it was.
 */
@Singleton
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);
    private static final Pattern SAFE_STATUS = Pattern.compile("[A-Za-z_]{1,20}");

    /** Why a callback was refused; {@code httpStatus} is what the browser gets. */
    public enum Refusal {
        FORGED_OR_REPLAYED_STATE(403, "The login link is unknown, expired or was already used. Start the login again."),
        LOGIN_NOT_SUCCESSFUL(
                400, "Kite reported that the login did not succeed. Nothing changed; start the login again."),
        MISSING_REQUEST_TOKEN(400, "Kite sent no request token. Nothing changed; start the login again."),
        REQUEST_TOKEN_REFUSED(
                400,
                "Kite refused the request token (already used or expired). Nothing changed; start the login again."),
        KITE_UNAVAILABLE(502, "Kite could not be reached to finish the login. Nothing changed; try again."),
        STORAGE_UNAVAILABLE(503, "The token could not be stored (Redis unavailable). Nothing changed; try again.");

        public final int httpStatus;
        public final String text;

        Refusal(int httpStatus, String text) {
            this.httpStatus = httpStatus;
            this.text = text;
        }
    }

    /** Either the gateway to go to, or a refusal with a safe detail. */
    public record CallbackResult(URI redirect, Refusal refusal, String detail) {}

    private final LoginStateStore states;
    private final KiteGateway kite;
    private final AuthLifecycle lifecycle;
    private final KiteConfig kiteConfig;
    private final AuthConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    LoginService(
            LoginStateStore states,
            KiteGateway kite,
            AuthLifecycle lifecycle,
            KiteConfig kiteConfig,
            AuthConfig config,
            Clock clock,
            MeterRegistry metrics) {
        this.states = states;
        this.kite = kite;
        this.lifecycle = lifecycle;
        this.kiteConfig = kiteConfig;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** {@code KITE_LOGIN_URL?v=3&api_key=..&redirect_params=state%3D<nonce>}; Kite echoes redirect_params back. */
    public URI startLogin() {
        String nonce = states.create(clock.instant());
        String redirectParams = "state=" + nonce;
        String url = kiteConfig.loginUrl() + (kiteConfig.loginUrl().contains("?") ? "&" : "?")
                + "v=3&api_key=" + encode(kiteConfig.apiKey())
                + "&redirect_params=" + encode(redirectParams);
        metrics.counter("auth.logins.started").increment();
        return URI.create(url);
    }

    public CallbackResult complete(String state, String status, String requestToken) {
        boolean known;
        try {
            known = states.consume(state);
        } catch (RuntimeException e) {
            return refuse(Refusal.STORAGE_UNAVAILABLE, null);
        }
        if (!known) {
            return refuse(Refusal.FORGED_OR_REPLAYED_STATE, null);
        }
        if (!"success".equals(status)) {
            String shown = status != null && SAFE_STATUS.matcher(status).matches() ? status : "missing or invalid";
            return refuse(Refusal.LOGIN_NOT_SUCCESSFUL, "status=" + shown);
        }
        if (requestToken == null || requestToken.isBlank()) {
            return refuse(Refusal.MISSING_REQUEST_TOKEN, null);
        }
        return switch (kite.exchange(requestToken)) {
            case KiteGateway.SessionGrant.Refused refused -> refuse(Refusal.REQUEST_TOKEN_REFUSED, refused.message());
            case KiteGateway.SessionGrant.Unavailable unavailable ->
                refuse(Refusal.KITE_UNAVAILABLE, unavailable.message());
            case KiteGateway.SessionGrant.Granted granted -> {
                try {
                    lifecycle.tokenGranted(
                            granted.accessToken(),
                            granted.userId(),
                            granted.userName(),
                            granted.loginTime(),
                            AuthReason.LOGIN,
                            "LOGIN");
                } catch (RuntimeException e) {
                    yield refuse(Refusal.STORAGE_UNAVAILABLE, null);
                }
                metrics.counter("auth.login.callbacks", "outcome", "success").increment();
                yield new CallbackResult(URI.create(config.gatewayUrl()), null, null);
            }
        };
    }

    private CallbackResult refuse(Refusal refusal, String detail) {
        metrics.counter("auth.login.callbacks", "outcome", refusal.name().toLowerCase())
                .increment();
        LOG.warnf("Login callback refused: %s%s", refusal, detail == null ? "" : " (" + detail + ")");
        return new CallbackResult(null, refusal, detail);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
