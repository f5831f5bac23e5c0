package io.tickwarden.smartapisim.ws;

import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.service.SessionRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Who may open a stream. Credentials come as headers ({@code Authorization}, {@code x-api-key},
 * {@code x-client-code}, {@code x-feed-token}) or as query parameters ({@code clientCode}, {@code feedToken},
 * {@code apiKey}). Client code and feed token are required; the api key and the JWT are checked when given (the
 * official Java SDK sends neither). A failure names Angel's {@code x-error-message}.
 */
@Singleton
public class StreamAuth {

    static final String INVALID_AUTH_TOKEN = "Invalid Auth token";
    static final String INVALID_CLIENT_CODE = "Invalid Client Code";
    static final String INVALID_API_KEY = "Invalid API Key";
    static final String INVALID_FEED_TOKEN = "Invalid Feed Token";

    /** The client code of an accepted handshake, or the reason it is refused. */
    record Verdict(String clientCode, String error) {
        boolean accepted() {
            return error == null;
        }
    }

    private final SimConfig config;
    private final SessionRegistry sessions;

    StreamAuth(SimConfig config, SessionRegistry sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    Verdict check(HttpServerRequest request) {
        String clientCode = either(request, "x-client-code", "clientCode");
        String feedToken = either(request, "x-feed-token", "feedToken");
        String apiKey = either(request, "x-api-key", "apiKey");
        String jwt = blankToNull(request.getHeader("Authorization"));
        if (apiKey != null && !apiKey.equals(config.apiKey())) {
            return new Verdict(null, INVALID_API_KEY);
        }
        if (clientCode == null || !clientCode.equals(config.clientCode())) {
            return new Verdict(null, INVALID_CLIENT_CODE);
        }
        if (jwt != null) {
            Optional<SessionRegistry.Grant> grant = sessions.validateJwt(jwt);
            if (grant.isEmpty() || !grant.get().clientCode().equals(clientCode)) {
                return new Verdict(null, INVALID_AUTH_TOKEN);
            }
        }
        if (!sessions.validFeedToken(clientCode, feedToken)) {
            return new Verdict(null, INVALID_FEED_TOKEN);
        }
        return new Verdict(clientCode, null);
    }

    private static String either(HttpServerRequest request, String header, String query) {
        String value = blankToNull(request.getHeader(header));
        return value != null ? value : blankToNull(request.getParam(query));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("undefined") || s.equals("null") ? null : s;
    }
}
