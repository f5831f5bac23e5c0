package io.tickwarden.smartapisim.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.smartapisim.domain.ExchangeType;
import io.tickwarden.smartapisim.domain.StreamMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client's JSON request, {@code {"correlationID", "action": 1|0, "params": {"mode": 1-4, "tokenList":
 * [{"exchangeType", "tokens": [...]}]}}}, checked as Angel documents it; anything else is E1001.
 *
 * @param correlationID echoed in errors; empty when the client sent none
 */
record StreamRequest(String correlationID, boolean subscribe, StreamMode mode, List<Tokens> tokenList) {

    /** The tokens of one exchange type. */
    record Tokens(ExchangeType exchangeType, List<String> tokens) {}

    /** The parsed request, or empty for an invalid payload; {@code correlationOut[0]} gets whatever ID was readable. */
    static Optional<StreamRequest> parse(ObjectMapper json, String text, String[] correlationOut) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode cid = root.get("correlationID");
        String correlationID = "";
        if (cid != null && !cid.isNull()) {
            if (!cid.isTextual() || cid.asText().length() > 10) {
                return Optional.empty();
            }
            correlationID = cid.asText();
        }
        correlationOut[0] = correlationID;
        JsonNode action = root.get("action");
        JsonNode params = root.get("params");
        if (action == null
                || !action.isInt()
                || (action.asInt() != 0 && action.asInt() != 1)
                || params == null
                || !params.isObject()) {
            return Optional.empty();
        }
        JsonNode modeNode = params.get("mode");
        Optional<StreamMode> mode =
                modeNode != null && modeNode.isInt() ? StreamMode.ofCode(modeNode.asInt()) : Optional.empty();
        JsonNode list = params.get("tokenList");
        if (mode.isEmpty() || list == null || !list.isArray() || list.isEmpty()) {
            return Optional.empty();
        }
        List<Tokens> tokenList = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode type = entry.get("exchangeType");
            JsonNode tokens = entry.get("tokens");
            Optional<ExchangeType> exchangeType =
                    type != null && type.isInt() ? ExchangeType.ofCode(type.asInt()) : Optional.empty();
            if (exchangeType.isEmpty() || tokens == null || !tokens.isArray() || tokens.isEmpty()) {
                return Optional.empty();
            }
            if (mode.get() == StreamMode.DEPTH_20 && exchangeType.get() != ExchangeType.NSE_CM) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>(tokens.size());
            for (JsonNode t : tokens) {
                if (!t.isTextual() || t.asText().isEmpty() || t.asText().length() > PacketEncoder.TOKEN_BYTES) {
                    return Optional.empty();
                }
                values.add(t.asText());
            }
            tokenList.add(new Tokens(exchangeType.get(), values));
        }
        return Optional.of(new StreamRequest(correlationID, action.asInt() == 1, mode.get(), tokenList));
    }
}
