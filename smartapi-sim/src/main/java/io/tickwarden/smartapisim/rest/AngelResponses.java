package io.tickwarden.smartapisim.rest;

import io.tickwarden.smartapisim.domain.AngelErrors;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Angel's envelope {@code {status, message, errorcode, data}}, HTTP 200 whatever the outcome, as Angel answers
 * business errors. Gateway errors (the AG80xx codes) also carry {@code success} and {@code errorCode}: Angel's gateway
 * has been seen answering in that spelling and the JavaScript SDK reads {@code errorCode}, so both readings work.
 */
public final class AngelResponses {

    private AngelResponses() {}

    public static Response success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", true);
        body.put("message", "SUCCESS");
        body.put("errorcode", "");
        body.put("data", data);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response error(AngelErrors.Code code) {
        return error(200, code.errorcode(), code.message());
    }

    public static Response error(int httpStatus, String errorcode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", false);
        body.put("message", message);
        body.put("errorcode", errorcode);
        body.put("data", null);
        if (errorcode.startsWith("AG")) {
            body.put("success", false);
            body.put("errorCode", errorcode);
        }
        return Response.status(httpStatus)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    /** Angel's rate-limit answer: 403 with a plain-text body, which is why clients must not assume JSON. */
    public static Response rateLimited() {
        return Response.status(403)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity(AngelErrors.RATE_LIMIT_TEXT)
                .build();
    }
}
