package io.tickwarden.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    @Test
    void theFrameworksGenericTextsBecomeWhatToDo() {
        ErrorBody notFound = ErrorMappers.framework(404, "HTTP 404 Not Found", "GET", "/api/nope");
        assertEquals("not_found", notFound.error());
        assertTrue(
                notFound.message().contains("/api/nope") && notFound.message().contains("/q/openapi"),
                notFound.message());
        assertEquals(
                "method_not_allowed",
                ErrorMappers.framework(405, "HTTP 405 Method Not Allowed", "PUT", "/x")
                        .error());
        assertEquals(
                "unsupported_media_type",
                ErrorMappers.framework(415, null, "POST", "/x").error());
        assertEquals(
                "bad_request",
                ErrorMappers.framework(400, "HTTP 400 Bad Request", "GET", "/x").error());
        // a resource's own sentence is kept
        assertEquals(
                "no override with id 'x'",
                ErrorMappers.framework(404, "no override with id 'x'", "GET", "/x")
                        .message());
    }

    @Test
    void theBodyHasOnlyTheFieldsThatAreSet() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                "{\"error\":\"not_found\",\"message\":\"m\"}",
                json.writeValueAsString(new ErrorBody("not_found", "m")));
        assertEquals(
                "{\"error\":\"unauthorized\",\"message\":\"m\",\"state\":\"VALID\"}",
                json.writeValueAsString(new ErrorBody("unauthorized", "m", null, "VALID")));
    }
}
