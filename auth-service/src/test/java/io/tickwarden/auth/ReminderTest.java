package io.tickwarden.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.auth.support.AdjustableClock;
import io.tickwarden.auth.support.KiteLogin;
import io.tickwarden.auth.support.WebhookSink;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pre-market reminder, driven by a session snapshot written the way session-service writes it (no
 * session-service needed). No token is stored, so the state is REQUIRED and no Kite call is made. The reminder
 * is evaluated every second here ({@code %test.auth.reminder.check-interval}).
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = WebhookSink.class, restrictToAnnotatedClass = true)
class ReminderTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    @Inject
    RedisDataSource redis;

    @Inject
    AdjustableClock clock;

    @WebhookSink.InjectWebhookSink
    WebhookSink.Received webhook;

    /** No session snapshot, the real time, and the reminder has seen both (an earlier test may have raised it). */
    @BeforeEach
    void noReminder() {
        cleanUp();
        await("the reminder to settle")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/metrics").then().body(containsString("auth_login_required 0.0")));
    }

    @AfterEach
    void cleanUp() {
        redis.key().del("market:session:NSE");
        clock.reset();
    }

    private void session(String phase, String nextPhase, Instant nextChangeAt) {
        OffsetDateTime next = nextChangeAt.atZone(IST).toOffsetDateTime();
        redis.value(String.class)
                .set(
                        "market:session:NSE",
                        "{\"exchange\":\"NSE\",\"segment\":\"CM\",\"phase\":\""
                                + phase + "\",\"next_phase\":\"" + nextPhase + "\",\"next_change_at\":\"" + next
                                + "\",\"trading_day\":\""
                                + next.toLocalDate() + "\",\"is_trading_hours\":false}");
    }

    @Test
    void beforeThePreOpenANonValidStateRaisesTheAlarm() throws Exception {
        given().get("/api/auth/state").then().body("state", org.hamcrest.Matchers.is("REQUIRED"));
        Instant preOpen =
                clock.instant().plus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        session("CLOSED", "PRE_OPEN", preOpen);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/metrics").then().body(containsString("auth_login_required 1.0")));
        await().atMost(Duration.ofSeconds(10)).until(() -> hooksFor(preOpen).size() == 1);
        String body = hooksFor(preOpen).get(0);
        JsonNode hook = KiteLogin.json(body);
        assertEquals("auth_login_required", hook.path("type").asText());
        assertEquals("REQUIRED", hook.path("state").asText());
        assertTrue(hook.path("login_url").asText().endsWith("/api/auth/login"));
        assertTrue(hook.path("message").asText().contains("/api/auth/login"));
        assertFalse(body.contains("sim_api_secret"));
        assertFalse(body.contains("dev-admin-key"));

        // this pre-open's instruction: the log file is shared with every earlier test
        Path log = Path.of("target/auth-service-test.log");
        String instruction = "KITE LOGIN REQUIRED before the NSE pre-open at "
                + preOpen.atZone(IST).toLocalTime() + " IST";
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains(instruction));

        // one webhook per pre-open, not one per check: three more checks (one per second) send none
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> hooksFor(preOpen).size() == 1);
    }

    private java.util.List<String> hooksFor(Instant preOpen) {
        return webhook.bodies.stream()
                .filter(b -> OffsetDateTime.parse(
                                KiteLogin.json(b).path("pre_open_at").asText())
                        .toInstant()
                        .equals(preOpen))
                .toList();
    }

    @Test
    void outsideTheLeadWindowNothingIsRaised() {
        session("CLOSED", "PRE_OPEN", clock.instant().plus(Duration.ofMinutes(45)));
        // three checks (one per second) see the snapshot and raise nothing
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/metrics").then().body(containsString("auth_login_required 0.0")));
        // once the clock reaches the window, it is
        clock.jumpTo(clock.instant().plus(Duration.ofMinutes(20)));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/metrics").then().body(containsString("auth_login_required 1.0")));
    }

    @Test
    void noReminderWhileTheMarketIsOpen() {
        session("LIVE", "CLOSING_AUCTION", clock.instant().plus(Duration.ofMinutes(10)));
        // three checks (one per second) see the snapshot and raise nothing
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/metrics").then().body(containsString("auth_login_required 0.0")));
    }
}
