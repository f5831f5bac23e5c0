package io.tickwarden.feed.broker.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickwarden.contracts.auth.AngelSessionCredential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sealed session's JSON, and that no error about it ever holds a secret. */
class AngelCredentialsTest {

    static final String JWT = "eyJhbGciOiJIUzUxMiJ9.SECRETJWTPAYLOAD.SIG";
    static final String FEED = "eyJhbGciOiJIUzUxMiJ9.SECRETFEEDTOKEN.SIG";

    @Test
    void readsTheSnakeCaseRecord() throws Exception {
        assertEquals(
                new AngelSessionCredential(JWT, FEED, "S100001"),
                AngelCredentials.parse(
                        "{\"jwt\":\"" + JWT + "\",\"feed_token\":\"" + FEED + "\",\"client_code\":\"S100001\"}", ""));
    }

    @Test
    void dropsABearerScheme() throws Exception {
        assertEquals(
                new AngelSessionCredential(JWT, FEED, "S100001"),
                AngelCredentials.parse(
                        "{\"jwt\":\"Bearer " + JWT + "\",\"feed_token\":\"" + FEED + "\",\"client_code\":\"S100001\"}",
                        ""));
    }

    @Test
    void fallsBackToTheConfiguredClientCode() throws Exception {
        assertEquals(
                "A123",
                AngelCredentials.parse("{\"jwt\":\"" + JWT + "\",\"feed_token\":\"" + FEED + "\"}", "A123")
                        .clientCode());
    }

    @Test
    void unreadableCredentialsAreClearErrorsWithoutTheSecret() {
        List<String> bad = List.of(
                JWT, // a bare token (auth-service still on Kite)
                "{\"jwt\":\"" + JWT + "\"", // truncated JSON: Jackson would quote it
                "[\"" + JWT + "\"]",
                "{\"jwt\":\"" + JWT + "\",\"client_code\":\"S1\"}",
                "{\"feed_token\":\"" + FEED + "\",\"client_code\":\"S1\"}",
                "{\"jwt\":\"" + JWT + "\",\"feed_token\":\"" + FEED + "\"}",
                "{\"jwt\":12,\"feed_token\":\"" + FEED + "\",\"client_code\":\"S1\"}",
                "",
                "   ");
        for (String text : bad) {
            AngelCredentials.UnreadableCredentialException e = assertThrows(
                    AngelCredentials.UnreadableCredentialException.class, () -> AngelCredentials.parse(text, ""));
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
            assertEquals(null, e.getCause());
        }
    }

    @Test
    void theRecordNeverPrintsItsSecrets() {
        String shown = new AngelSessionCredential(JWT, FEED, "S100001").toString();
        assertFalse(shown.contains("SECRET"));
    }
}
