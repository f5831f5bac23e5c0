package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Published on {@code feed.demand} by a demand owner after it changed its hash.
 *
 * <p>Example:
 * <pre>{@code
 * {"type":"demand_changed","owner":"gw-1","at":"2026-11-23T09:15:00+05:30"}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DemandChanged(String type, String owner, String at) {

    public static final String TYPE = "demand_changed";
}
