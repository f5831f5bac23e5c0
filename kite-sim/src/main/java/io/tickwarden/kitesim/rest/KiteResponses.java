package io.tickwarden.kitesim.rest;

import io.tickwarden.sim.SimClock;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kite's JSON envelopes and its IST wall-clock date format. Always {@code application/json}. */
public final class KiteResponses {

    /** Kite sends IST wall-clock times without a zone. */
    public static final DateTimeFormatter KITE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SimClock.IST);

    private KiteResponses() {}

    public static Response success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response error(int status, String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("data", null);
        body.put("error_type", errorType);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    public static String errorJson(String errorType, String message) {
        return "{\"status\":\"error\",\"message\":\"" + message.replace("\"", "'") + "\",\"data\":null,"
                + "\"error_type\":\"" + errorType + "\"}";
    }

    public static String kiteTime(long epochSeconds) {
        return KITE_TIME.format(Instant.ofEpochSecond(epochSeconds));
    }

    public static String kiteTime(Instant instant) {
        return KITE_TIME.format(instant);
    }
}
