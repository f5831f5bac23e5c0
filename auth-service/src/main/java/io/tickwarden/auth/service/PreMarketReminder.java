package io.tickwarden.auth.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.domain.AuthStatus;
import io.tickwarden.auth.domain.ReminderWindow;
import io.tickwarden.auth.redis.MarketSessionReader;
import io.tickwarden.auth.service.angel.AngelSessionKeeper;
import io.tickwarden.contracts.Ist;
import io.tickwarden.contracts.auth.AuthState;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Zerodha forbids automating the daily login, so a human must be asked in time. From {@code auth.reminder.lead}
 * before PRE_OPEN on a trading day (taken from session-service's snapshot), the token is validated once, and
 * while it is not VALID: a clear log instruction (repeated), the gauge {@code auth_login_required} = 1, and one
 * optional webhook POST per pre-open.
 */
@Singleton
public class PreMarketReminder {

    private static final Logger LOG = Logger.getLogger(PreMarketReminder.class);

    private final MarketSessionReader sessions;
    private final AuthLifecycle lifecycle;
    private final TokenValidator validator;
    private final WebhookNotifier webhook;
    private final AuthConfig config;
    private final Clock clock;
    private final AtomicInteger loginRequired = new AtomicInteger();
    private final MeterRegistry metrics;
    private final Gauge gauge;
    private final AngelSessionKeeper angel;

    private Instant windowPreOpen;
    private boolean validatedInWindow;
    private boolean webhookSent;
    private Instant lastInstructionAt;

    PreMarketReminder(
            MarketSessionReader sessions,
            AuthLifecycle lifecycle,
            TokenValidator validator,
            WebhookNotifier webhook,
            AuthConfig config,
            Clock clock,
            MeterRegistry metrics,
            AngelSessionKeeper angel) {
        this.angel = angel;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.webhook = webhook;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.gauge = Gauge.builder("auth.login.required", loginRequired, AtomicInteger::get)
                .description("1 while a Kite login is needed before the coming pre-open")
                .strongReference(true)
                .register(metrics);
    }

    /** The gauge holds our counter: unregister it with us (a restarted app in the same JVM registers anew). */
    @PreDestroy
    void unregisterGauge() {
        metrics.remove(gauge);
    }

    @Scheduled(every = "${auth.reminder.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        evaluate();
    }

    /** @return true while the reminder is active */
    public synchronized boolean evaluate() {
        Instant now = clock.instant();
        Optional<ReminderWindow.SessionView> session;
        try {
            session = sessions.read();
        } catch (RuntimeException e) {
            return loginRequired.get() == 1; // Redis down: keep the last verdict
        }
        Instant preOpen = ReminderWindow.preOpenWithinLead(
                session.orElse(null), now, config.reminder().lead());
        angel.preOpen(preOpen); // BROKER=angel renews a session that would die during the coming trading day
        if (preOpen == null) {
            loginRequired.set(0);
            windowPreOpen = null;
            return false;
        }
        if (!preOpen.equals(windowPreOpen)) {
            windowPreOpen = preOpen;
            validatedInWindow = false;
            webhookSent = false;
            lastInstructionAt = null;
        }
        if (!validatedInWindow) {
            validatedInWindow = true;
            validator.verify(AuthReason.TOKEN_REJECTED); // the pre-open check: catch a token Kite dropped overnight
        }
        AuthStatus status = lifecycle.current();
        if (status.state() == AuthState.VALID) {
            loginRequired.set(0);
            return false;
        }
        loginRequired.set(1);
        String preOpenIst = preOpen.atZone(Ist.ZONE).toLocalTime().toString();
        long minutes = Math.max(0, Duration.between(now, preOpen).toMinutes());
        String instruction = angel.enabled()
                ? "ANGEL ONE SESSION NOT VALID before the " + config.reminder().exchange() + " pre-open at "
                        + preOpenIst
                        + " IST (in " + minutes + " min): " + status.message() + ". Token state " + status.state()
                        + " ("
                        + status.reason() + ")"
                : "KITE LOGIN REQUIRED before the " + config.reminder().exchange() + " pre-open at "
                        + preOpenIst + " IST (in " + minutes + " min): open " + lifecycle.loginUrl()
                        + " in a browser and log in to Kite. Token state " + status.state() + " (" + status.reason()
                        + ")";
        if (lastInstructionAt == null
                || !now.isBefore(lastInstructionAt.plus(config.reminder().repeat()))) {
            lastInstructionAt = now;
            LOG.warn(instruction);
        }
        if (!webhookSent && webhook.enabled()) {
            webhookSent = true;
            webhook.send(new WebhookNotifier.LoginReminder(
                    "auth_login_required",
                    instruction,
                    lifecycle.loginUrl(),
                    status.state().name(),
                    status.reason().name(),
                    AuthLifecycle.ist(preOpen),
                    AuthLifecycle.ist(now)));
        }
        return true;
    }
}
