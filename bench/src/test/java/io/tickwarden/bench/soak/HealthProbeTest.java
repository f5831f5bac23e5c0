package io.tickwarden.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What the soak's monitor counts as a visible problem in a health report. */
class HealthProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode healthy() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"priority_status":"MARKET_SESSION",
                 "feed":{"state":"CONNECTED","mode":"WEBSOCKET","connection_quality":"GOOD","snapshot_status":"FRESH",
                         "reconnect_attempts":3,"instance":"f1","connected_since":"t1","gateway_last_tick_seconds_ago":0.4},
                 "auth":{"state":"VALID","snapshot_status":"FRESH"},
                 "market":{"phase":"LIVE","snapshot_status":"FRESH"},
                 "services":{"redis":{"up":true},"down":[]}}""");
    }

    @Test
    void aHealthyReportShowsNothing() throws Exception {
        assertNull(HealthProbe.describeProblem(healthy(), healthy()));
    }

    @Test
    void aServiceThatDoesNotAnswerItsProbeIsVisible() throws Exception {
        ObjectNode h = healthy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) h.path("services").path("down"))
                .add("auth-service (http://127.0.0.1:1): connection refused");
        assertTrue(HealthProbe.describeProblem(h, null).startsWith("services.down auth-service"));
    }

    @Test
    void ticksThatStopReachingTheGatewayAreVisibleWhateverTheFeedSays() throws Exception {
        ObjectNode h = healthy();
        ((ObjectNode) h.path("feed")).put("gateway_last_tick_seconds_ago", 1.6);
        assertEquals("feed.gateway_last_tick_seconds_ago 1.6", HealthProbe.describeProblem(h, null));
        ((ObjectNode) h.path("feed")).put("gateway_last_tick_seconds_ago", 1.4);
        assertNull(HealthProbe.describeProblem(h, null));
    }

    @Test
    void aReconnectSinceTheBaselineIsVisible() throws Exception {
        JsonNode baseline = healthy();
        ObjectNode h = healthy();
        ((ObjectNode) h.path("feed")).put("reconnect_attempts", 4);
        assertTrue(HealthProbe.describeProblem(h, baseline).startsWith("feed.reconnect_attempts"));
    }
}
