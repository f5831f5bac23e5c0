package io.tickwarden.contracts.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One owner's demand for one symbol: the value of a field of {@code feed:demand:<owner>}.
 * {@code mode} is the highest mode any of the owner's clients wants
 * ({@code ltp < quote < full}); {@code clients} is how many of its clients want the symbol (the owner removes the
 * field when it drops to 0).
 * Component names are the JSON names, so any naming strategy serialises them the same.
 *
 * <p>Example:
 * <pre>{@code
 * {"mode":"full","clients":3}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedDemand(String mode, int clients) {}
