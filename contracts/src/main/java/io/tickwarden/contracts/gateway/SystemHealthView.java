package io.tickwarden.contracts.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code GET /api/system/health}. Component names are the JSON names.
 *
 * <p>Example:
 * <pre>{@code
 * {"priority_status":"MARKET_SESSION",
 * "priority_message":"Continuous trading · next CLOSING_AUCTION at 2026-11-23T15:30:00+05:30",
 * "banner_colour":"green","market":{"phase":"LIVE","market_open":true,"key":"market:session:NSE",
 * "snapshot_status":"FRESH"},"auth":{"state":"VALID","auth_required":false,"snapshot_status":"FRESH"},
 * "feed":{"state":"CONNECTED","has_fresh_data":true,"snapshot_status":"FRESH"},"services":{"redis":{"up":true,
 * "subscribed":true},"stale_after_seconds":45},"timestamp":"2026-11-23T09:15:10+05:30",
 * "segments":[{"segment":"NSE:CM","phase":"LIVE","open":true,"title":"Continuous trading",
 * "next_phase":"CLOSING_AUCTION","next_change_at":"2026-11-23T15:30:00+05:30","snapshot_status":"FRESH"}]}
 * }</pre>
 *
 * @param priority_status AUTH_REQUIRED (token not valid), else FEED_DISCONNECTED (ticks expected, in NSE or in a
 *                        segment the feed holds instruments of, and no fresh data), else MARKET_SESSION
 * @param market          {@link Part} built from {@code market:session:NSE}
 * @param auth            {@link Part} built from {@code auth:state}
 * @param feed            {@link Part} built from {@code feed:state}
 * @param services        gateway-side view: Redis, subscriptions, connections
 * @param segments        every exchange segment's phase, from {@code market:session:<EXCHANGE>:<SEGMENT>}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemHealthView(
        String priority_status,
        String priority_message,
        String banner_colour,
        Map<String, Object> market,
        Map<String, Object> auth,
        Map<String, Object> feed,
        Map<String, Object> services,
        String timestamp,
        List<GatewayMessages.SegmentStatus> segments) {

    public static final String AUTH_REQUIRED = "AUTH_REQUIRED";
    public static final String FEED_DISCONNECTED = "FEED_DISCONNECTED";
    public static final String MARKET_SESSION = "MARKET_SESSION";
}
