package io.tickwarden.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.domain.AuthReason;
import io.tickwarden.auth.domain.AuthStatus;
import io.tickwarden.contracts.auth.AuthReport;
import io.tickwarden.contracts.auth.AuthState;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Reacts to token users reporting a rejection ({@code auth.reports}): verifies with Kite at once, but a storm
 * of reports (every feed replica retrying) makes at most one Kite call per {@code auth.report-verify-min-interval};
 * reports arriving inside the interval are covered by one trailing check.
 */
@Singleton
public class ReportHandler {

    private static final Logger LOG = Logger.getLogger(ReportHandler.class);

    private final AuthLifecycle lifecycle;
    private final TokenValidator validator;
    private final BackgroundWorker worker;
    private final MeterRegistry metrics;
    private final long minIntervalNanos;

    private long lastCheckNanos;
    private boolean hasChecked;
    private boolean checkPending;

    ReportHandler(
            AuthLifecycle lifecycle,
            TokenValidator validator,
            BackgroundWorker worker,
            MeterRegistry metrics,
            AuthConfig config) {
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.worker = worker;
        this.metrics = metrics;
        this.minIntervalNanos = config.reportVerifyMinInterval().toNanos();
    }

    public void onReport(AuthReport report) {
        String type = report.type() == null ? "unknown" : report.type();
        if (!AuthReport.TYPE_HANDSHAKE_REJECTED.equals(type) && !AuthReport.TYPE_TOKEN_REJECTED.equals(type)) {
            metrics.counter("auth.feed.reports", "type", "unknown", "action", "ignored")
                    .increment();
            return;
        }
        AuthStatus status = lifecycle.current();
        if (status.token() == null || status.state().requiresLogin()) {
            metrics.counter("auth.feed.reports", "type", type, "action", "ignored")
                    .increment();
            return; // nothing to verify, or already known dead
        }
        if (report.tokenVersion() != null
                && report.tokenVersion() < status.token().tokenVersion()) {
            metrics.counter("auth.feed.reports", "type", type, "action", "stale")
                    .increment();
            return; // about a token we already replaced
        }
        metrics.counter("auth.feed.reports", "type", type, "action", "verify").increment();
        LOG.infof(
                "%s reported %s (HTTP %s) for token version %s; verifying with the broker",
                report.source() == null ? "a token user" : report.source(),
                type,
                report.httpStatus(),
                report.tokenVersion());
        requestCheck();
    }

    private synchronized void requestCheck() {
        if (checkPending) {
            return; // the pending check covers this report too
        }
        checkPending = true;
        long now = System.nanoTime();
        long waitNanos = hasChecked ? Math.max(0, lastCheckNanos + minIntervalNanos - now) : 0;
        worker.schedule(this::check, Duration.ofNanos(waitNanos));
    }

    private void check() {
        synchronized (this) {
            checkPending = false;
            hasChecked = true;
            lastCheckNanos = System.nanoTime();
        }
        AuthStatus after = validator.verify(AuthReason.FEED_REPORTED_REJECTION);
        if (after.state() == AuthState.VALID) {
            LOG.infof(
                    "The broker still accepts token version %s; the reported rejection was not about the token",
                    after.tokenVersion());
        }
    }
}
