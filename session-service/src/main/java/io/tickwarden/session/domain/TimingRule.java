package io.tickwarden.session.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The regular intraday windows of an exchange's segments from {@code effectiveFrom} until the next rule. */
public record TimingRule(
        String exchange,
        Set<String> segments,
        LocalDate effectiveFrom,
        List<WindowSpec> windows,
        List<RandomClose> randomCloses,
        String source) {

    public boolean appliesTo(Market market) {
        return exchange.equals(market.exchange()) && segments.contains(market.segment());
    }
}
