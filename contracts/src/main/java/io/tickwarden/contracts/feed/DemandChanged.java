package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Published on {@code feed.demand}: {@code {"type":"demand_changed","owner":"gw-1","at":"..."}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DemandChanged(String type, String owner, String at) {

    public static final String TYPE = "demand_changed";
}
