package io.tickwarden.contracts.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The session snapshot of one exchange segment: the body of {@code GET /api/session} and, byte for byte, the
 * value of the Redis keys {@code market:session:<EXCHANGE>} (default segment) and
 * {@code market:session:<EXCHANGE>:<SEGMENT>}.
 *
 * <p>Component names are the JSON names on purpose: contracts carries no Jackson, and snake_case component
 * names serialise the same under any naming strategy. Times are ISO-8601 strings in {@code +05:30}.
 *
 * <p>Example:
 * <pre>{@code
 * {"exchange":"NSE","segment":"CM","phase":"LIVE","title":"Continuous trading",
 * "description":"Normal market: orders match continuously.","is_trading_hours":true,
 * "phase_started_at":"2026-11-23T09:15:00+05:30","next_phase":"CLOSING_AUCTION",
 * "next_change_at":"2026-11-23T15:30:00+05:30","seconds_to_next_phase":22500,"trading_day":"2026-11-23",
 * "is_trading_day":true,"reason":null,"random_close_from":null,"random_close_to":null,"calendar_published":true,
 * "market_timezone":"Asia/Kolkata","server_timezone":"UTC","clock_simulated":false,
 * "as_of":"2026-11-23T09:15:00+05:30"}
 * }</pre>
 *
 * @param phase                one of CLOSED, PRE_OPEN, AUCTION_FREEZE, LIVE, CLOSING_AUCTION, POST_CLOSE
 * @param reason               why the market is in this phase: WEEKEND, HOLIDAY: name, AFTER_HOURS,
 *                             OVERRIDE: text, SPECIAL_SESSION: name, or null on a regular session
 * @param next_phase           null only when no change is known within the look-ahead horizon
 * @param trading_day          the IST date of today's session, or of the next session when today has none
 * @param random_close_from    start of the random-close window of the current phase, else null
 * @param random_close_to      latest possible close of the current phase (its end), else null
 * @param calendar_published   false when the exchange has not yet published its holiday list for that year
 * @param as_of                the (possibly simulated) instant this snapshot was computed for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarketSessionSnapshot(
        String exchange,
        String segment,
        String phase,
        String title,
        String description,
        boolean is_trading_hours,
        String phase_started_at,
        String next_phase,
        String next_change_at,
        Long seconds_to_next_phase,
        String trading_day,
        boolean is_trading_day,
        String reason,
        String random_close_from,
        String random_close_to,
        boolean calendar_published,
        String market_timezone,
        String server_timezone,
        boolean clock_simulated,
        String as_of) {}
