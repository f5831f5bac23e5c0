package io.tickwarden.feed.service;

import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.AuthBlockRules;
import io.tickwarden.feed.domain.Ist;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.UpstreamSnapshots.AuthSnapshot;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * AUTH_BLOCKED: after the broker refused the token (Kite: handshake 403, REST TokenException; Angel: handshake 401,
 * AG8001) no handshake is made until auth-service says VALID again, and the rejection is reported to auth-service,
 * again while unanswered (see {@link #reportStep}). Threading: every field is guarded by this object's lock;
 * {@code blocked} is also volatile for lock-free readers. The report is published outside the lock; nothing else is
 * called under it.
 */
@Singleton
public class AuthBlock {

    private static final Logger LOG = Logger.getLogger(AuthBlock.class);

    private final AuthReporter authReporter;
    private final FeedMetrics metrics;
    private final Clock clock;
    private final Duration retry;
    private final Object lock = new Object();
    private volatile boolean blocked;
    private Long blockedVersion;
    private Instant blockedAt;
    private boolean validSinceBlock;
    /** The report of the current block: sent at once, again while auth-service does not react. */
    private AuthReporter.Report report;

    private Instant nextReportAt;
    private int reportAttempts;
    private int reportsDelivered;
    private int reportFailures;

    @Inject
    AuthBlock(AuthReporter authReporter, FeedMetrics metrics, Clock clock, FeedConfig config) {
        this(authReporter, metrics, clock, config.authReportRetry());
    }

    AuthBlock(AuthReporter authReporter, FeedMetrics metrics, Clock clock, Duration retry) {
        this.authReporter = authReporter;
        this.metrics = metrics;
        this.clock = clock;
        this.retry = retry;
    }

    /** The broker refused token {@code version}: block handshakes and queue the report for the next control step. */
    public void block(Instant now, long version, String why, AuthReporter.Report blockReport) {
        LOG.warnf(
                "the broker refused the token (%s): AUTH_BLOCKED, reporting it to auth-service; no handshakes until "
                        + "auth-service says VALID again (re-validation, new token or login)",
                why);
        synchronized (lock) {
            blocked = true;
            blockedVersion = version;
            blockedAt = now;
            validSinceBlock = false;
            report = blockReport;
            nextReportAt = now;
            reportAttempts = 0;
            reportsDelivered = 0;
            reportFailures = 0;
        }
    }

    public boolean isBlocked() {
        return blocked;
    }

    /** An auth.state event said {@code to: VALID} (channel thread). */
    public void validEventSeen() {
        synchronized (lock) {
            validSinceBlock = true;
        }
    }

    /** Whether this auth snapshot (or a VALID event) shows auth-service re-validated since the block. */
    public boolean unblockedBy(AuthSnapshot a) {
        synchronized (lock) {
            return a != null
                    && AuthBlockRules.unblocked(
                            a.valid(),
                            a.tokenVersion(),
                            a.stateSince(),
                            a.lastValidatedAt(),
                            validSinceBlock,
                            blockedVersion,
                            blockedAt);
        }
    }

    public void clear() {
        synchronized (lock) {
            blocked = false;
            report = null;
        }
    }

    /**
     * While AUTH_BLOCKED (control step, worker thread): sends the block's report to auth-service when due. The first
     * goes out at once. auth.reports is pub/sub and keeps nothing: a report published while auth-service restarts
     * or re-subscribes, or during a Redis hiccup, is simply gone, and auth-service would stay VALID without ever
     * re-validating, leaving the feed blocked until its periodic validation. So while auth:state still says VALID
     * and nothing shows a re-validation since the block (otherwise {@link #unblockedBy} had let us out), the report
     * is sent again every {@code feed.auth-report-retry}; one that failed or reached no subscriber is retried
     * sooner (1 s doubling up to that). Once auth-service leaves VALID (it confirmed the rejection) nothing is
     * re-sent: only a login helps then. Reports never open a socket: the block still allows no handshake at all
     * until auth-service reacts.
     */
    public void reportStep(Instant now, AuthSnapshot a) {
        AuthReporter.Report sending;
        synchronized (lock) {
            if (!blocked || report == null || now.isBefore(nextReportAt)) {
                return;
            }
            if (reportAttempts > 0 && (a == null || !a.valid())) {
                return;
            }
            sending = report;
            reportAttempts++;
        }
        long receivers;
        String failure = null;
        try {
            receivers = authReporter.send(sending);
        } catch (RuntimeException e) {
            receivers = -1;
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Instant after = clock.instant();
        synchronized (lock) {
            boolean current = blocked && report == sending;
            if (receivers > 0) {
                delivered(sending, receivers, after, current, a);
            } else {
                unheard(sending, failure, after, current);
            }
        }
    }

    /** Called with the lock held. */
    private void delivered(AuthReporter.Report sent, long receivers, Instant after, boolean current, AuthSnapshot a) {
        boolean first = reportsDelivered == 0;
        metrics.authReport(first ? "sent" : "resent");
        if (!current) {
            return;
        }
        reportsDelivered++;
        reportFailures = 0;
        nextReportAt = after.plus(retry);
        if (first) {
            LOG.infof(
                    "reported %s (HTTP %d) for token version %d to auth-service (%d subscribers on %s); "
                            + "waiting for it to re-validate the token, asking again every %d s until it does",
                    sent.type(),
                    sent.httpStatus(),
                    sent.tokenVersion(),
                    receivers,
                    AuthRedisNames.REPORTS_CHANNEL,
                    retry.toSeconds());
        } else {
            LOG.warnf(
                    "still AUTH_BLOCKED %d s after the broker refused token version %d, and auth-service has not "
                            + "re-validated it (auth:state VALID, last validated %s): re-sent the %s report "
                            + "(%d sent so far). If this persists, check auth-service's log and that it is "
                            + "subscribed to %s, or log in again",
                    Duration.between(blockedAt, after).toSeconds(),
                    sent.tokenVersion(),
                    a.lastValidatedAt() == null ? "never" : Ist.format(a.lastValidatedAt()),
                    sent.type(),
                    reportsDelivered,
                    AuthRedisNames.REPORTS_CHANNEL);
        }
    }

    /** Called with the lock held: the publish failed ({@code failure} set) or nobody listened. */
    private void unheard(AuthReporter.Report sent, String failure, Instant after, boolean current) {
        metrics.authReport(failure != null ? "failed" : "no_subscriber");
        if (!current) {
            return;
        }
        reportFailures++;
        Duration delay = AuthBlockRules.retryAfterFailures(reportFailures, retry);
        nextReportAt = after.plus(delay);
        if (failure != null) {
            LOG.warnf(
                    "could not publish the %s report for token version %d to auth-service (%s); retrying in %d ms. "
                            + "The feed stays AUTH_BLOCKED (no handshakes) until auth-service re-validates the token "
                            + "or a new login",
                    sent.type(), sent.tokenVersion(), failure, delay.toMillis());
        } else {
            LOG.warnf(
                    "nobody is subscribed to %s: the %s report for token version %d was lost (is auth-service "
                            + "running?); retrying in %d ms. The feed stays AUTH_BLOCKED (no handshakes) until "
                            + "auth-service re-validates the token or a new login",
                    AuthRedisNames.REPORTS_CHANNEL, sent.type(), sent.tokenVersion(), delay.toMillis());
        }
    }
}
