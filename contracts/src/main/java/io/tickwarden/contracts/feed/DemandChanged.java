package io.tickwarden.contracts.feed;

/** Published on {@code feed.demand}: {@code {"type":"demand_changed","owner":"gw-1","at":"..."}}. */
public record DemandChanged(String type, String owner, String at) {

    public static final String TYPE = "demand_changed";
}
