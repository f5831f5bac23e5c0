package io.tickwarden.contracts.session;

/** The market phases of a segment ({@code phase} of {@link MarketSessionSnapshot}), with the text the API shows. */
public enum MarketPhase {
    CLOSED("Market closed", "No trading."),
    PRE_OPEN("Pre-open order entry", "Orders are collected for the opening call auction; no trades yet."),
    AUCTION_FREEZE(
            "Pre-open matching",
            "Order entry is closed; the opening price is being discovered, then a buffer until continuous trading."),
    LIVE("Continuous trading", "Normal market: orders match continuously."),
    CLOSING_AUCTION("Closing auction", "Closing auction session: order entry, then matching at the closing price."),
    POST_CLOSE("Post-close session", "Closing price calculation, then trades at the closing price only.");

    private final String title;
    private final String description;

    MarketPhase(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** Every phase except CLOSED belongs to the exchange's trading hours (prices may move or be published). */
    public boolean isTradingHours() {
        return this != CLOSED;
    }
}
