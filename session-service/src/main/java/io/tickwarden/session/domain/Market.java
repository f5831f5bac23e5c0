package io.tickwarden.session.domain;

/** One exchange segment, e.g. NSE CM. Always upper-case and validated by {@link Markets}. */
public record Market(String exchange, String segment) {

    @Override
    public String toString() {
        return exchange + ":" + segment;
    }
}
