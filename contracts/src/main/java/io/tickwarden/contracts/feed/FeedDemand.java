package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One owner's demand for one symbol: the value of a field of {@code feed:demand:<owner>}.
 * JSON {@code {"mode":"full","clients":3}}. {@code mode} is the highest mode any of the owner's clients wants
 * ({@code ltp < quote < full}); {@code clients} is how many of its clients want the symbol (the owner removes the
 * field when it drops to 0). A bare string value {@code "full"} is accepted too and counts as one client.
 * Component names are the JSON names, so any naming strategy serialises them the same.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedDemand(String mode, int clients) {
}
