package io.tickwarden.client.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.client.Snapshot;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON text from the gateway to {@link Inbound}. Unknown fields are ignored, so a gateway that adds fields does not
 * break older clients.
 */
public final class Decoder {

    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** @throws IllegalArgumentException when the text is not a JSON object of the protocol */
    public Inbound decode(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String type = node.path("type").asText("");
            switch (type) {
                case "tick":
                    return new Inbound.Ticks(
                            List.of(json.treeToValue(node, FeedTick.class)),
                            node.path("recovered").asBoolean(false));
                case "ticks":
                    return new Inbound.Ticks(
                            ticks(node.path("ticks")), node.path("recovered").asBoolean(false));
                case "snapshot":
                    return new Inbound.SnapshotMessage(new Snapshot(
                            node.path("mode").asText(null), ticks(node.path("quotes")), strings(node.path("missing"))));
                case GatewayMessages.ConnectionStatus.TYPE:
                    return new Inbound.Status(json.treeToValue(node, GatewayMessages.ConnectionStatus.class));
                case GatewayMessages.Subscribed.TYPE:
                    return new Inbound.Subscribed(json.treeToValue(node, GatewayMessages.Subscribed.class));
                case GatewayMessages.Unsubscribed.TYPE:
                    return new Inbound.Unsubscribed(json.treeToValue(node, GatewayMessages.Unsubscribed.class));
                case GatewayMessages.Error.TYPE:
                    return new Inbound.Error(json.treeToValue(node, GatewayMessages.Error.class));
                default:
                    return new Inbound.Other(type);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable message from the gateway: " + e.getOriginalMessage(), e);
        }
    }

    private List<FeedTick> ticks(JsonNode array) throws JsonProcessingException {
        List<FeedTick> out = new ArrayList<>(array.size());
        for (JsonNode t : array) {
            out.add(json.treeToValue(t, FeedTick.class));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(s -> out.add(s.asText()));
        return out;
    }
}
