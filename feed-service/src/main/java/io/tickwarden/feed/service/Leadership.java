package io.tickwarden.feed.service;

import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.domain.LeaseRules;
import io.tickwarden.feed.redis.LeaderLease;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Keeps the leader lease ({@code feed:leader}) and tells its owner when this replica is elected or loses it, like
 * fabric8's LeaderElector with LeaderCallbacks: acquire while not leader, renew every {@code feed.lease.renew-interval},
 * fence itself when the last successful renew is older than {@code feed.lease.fence-after}, release at shutdown.
 * The fence is also checked on the path that publishes ({@link #mayPublish()}, monotonic time), so a leader that was
 * frozen or cut off from Redis publishes nothing after it resumes, even before its control loop runs again.
 * Threading: {@link #step} runs on the control loop only and never holds the lock during a Redis call; the lock
 * guards the renew instants and the leader flag's transitions, {@code leader} is volatile for lock-free readers.
 */
@Singleton
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);
    private static final Duration RELEASE_PATIENCE = Duration.ofMillis(1500);
    private static final Duration RELEASE_RETRY = Duration.ofMillis(50);

    /** The lease store (Redis in production, a fake in tests). */
    public interface Lease {
        String instanceId();

        LeaderLease.Acquire tryAcquire();

        boolean renew();

        boolean release();

        long nextEpoch();
    }

    /** What the owner hears. Called on the control loop, outside this object's lock. */
    public interface Callbacks {
        /** A new term: called just before {@link #isLeader()} turns true, so its epoch is in place first. */
        void onElected(long epoch, Instant now);

        /** Lost (taken, or fenced): {@link #isLeader()} is already false; close the socket. */
        void onLost(String why);

        /** A lease call failed; leadership is unchanged (fencing decides). */
        void onError(String message);
    }

    private final Lease lease;
    private final Duration renewInterval;
    private final Duration fenceAfter;
    private final Clock clock;
    private final FeedMetrics metrics;
    private final Object lock = new Object();
    private volatile boolean leader;
    private volatile Callbacks callbacks;
    private Instant lastRenewOkAt = Instant.EPOCH;
    private Instant lastRenewAttemptAt = Instant.EPOCH;
    /** The monotonic clock ({@code System::nanoTime}; a fake in unit tests). */
    private final LongSupplier nanos;
    /** nanoTime at the START of the last successful renew or acquire: the lease is ours for at least TTL from it. */
    private volatile long lastRenewOkNanos;
    /** The term's fence already logged (publishing threads would otherwise log once per dropped batch). */
    private boolean fenceLogged;

    @Inject
    Leadership(LeaderLease lease, FeedConfig config, Clock clock, FeedMetrics metrics) {
        this(
                new Lease() {
                    public String instanceId() {
                        return lease.instanceId();
                    }

                    public LeaderLease.Acquire tryAcquire() {
                        return lease.tryAcquire();
                    }

                    public boolean renew() {
                        return lease.renew();
                    }

                    public boolean release() {
                        return lease.release();
                    }

                    public long nextEpoch() {
                        return lease.nextEpoch();
                    }
                },
                config.lease().renewInterval(),
                config.lease().fenceAfter(),
                clock,
                metrics,
                System::nanoTime);
    }

    Leadership(Lease lease, Duration renewInterval, Duration fenceAfter, Clock clock, FeedMetrics metrics) {
        this(lease, renewInterval, fenceAfter, clock, metrics, System::nanoTime);
    }

    Leadership(
            Lease lease,
            Duration renewInterval,
            Duration fenceAfter,
            Clock clock,
            FeedMetrics metrics,
            LongSupplier nanos) {
        this.nanos = nanos;
        this.lease = lease;
        this.renewInterval = renewInterval;
        this.fenceAfter = fenceAfter;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Set once by the owner before the first {@link #step}. */
    public void callbacks(Callbacks c) {
        callbacks = c;
    }

    public boolean isLeader() {
        return leader;
    }

    public String instanceId() {
        return lease.instanceId();
    }

    /** One control step: renew and fence while leader, else try to acquire. */
    public void step(Instant now) {
        if (leader) {
            renewStep(now);
        } else {
            acquireStep(now);
        }
    }

    private void renewStep(Instant now) {
        boolean due;
        synchronized (lock) {
            due = LeaseRules.renewDue(lastRenewAttemptAt, now, renewInterval);
            if (due) {
                lastRenewAttemptAt = now;
            }
        }
        if (due) {
            long startedNanos = nanos.getAsLong();
            try {
                if (lease.renew()) {
                    synchronized (lock) {
                        lastRenewOkAt = clock.instant();
                        lastRenewOkNanos = startedNanos;
                    }
                } else {
                    lose("lease taken by another replica");
                    return;
                }
            } catch (RuntimeException e) {
                callbacks.onError("lease renew failed: " + e.getClass().getSimpleName());
            }
        }
        boolean fenced;
        synchronized (lock) {
            fenced = LeaseRules.fenced(lastRenewOkAt, clock.instant(), fenceAfter)
                    || !LeaseRules.leaseValid(lastRenewOkNanos, nanos.getAsLong(), fenceAfter);
        }
        if (fenced) {
            lose("lease not renewed for " + fenceAfter.toMillis() + " ms (fencing)");
        }
    }

    private void acquireStep(Instant now) {
        long startedNanos = nanos.getAsLong();
        try {
            if (lease.tryAcquire() == LeaderLease.Acquire.HELD_BY_OTHER) {
                return;
            }
            long epoch = lease.nextEpoch();
            synchronized (lock) {
                lastRenewOkAt = clock.instant();
                lastRenewAttemptAt = lastRenewOkAt;
                lastRenewOkNanos = startedNanos;
                fenceLogged = false;
            }
            callbacks.onElected(epoch, now);
            synchronized (lock) {
                leader = true;
            }
            metrics.leaseChange("acquired");
            LOG.infof("leader lease acquired (epoch %d)", epoch);
        } catch (RuntimeException e) {
            callbacks.onError("lease acquire failed: " + e.getClass().getSimpleName());
        }
    }

    private void lose(String why) {
        if (!leave()) {
            return;
        }
        LOG.warnf("leadership lost: %s; closing every upstream socket", why);
        metrics.leaseChange("lost");
        callbacks.onLost(why);
    }

    /** True for the one caller that turns {@code leader} from true to false (control loop or a publishing thread). */
    private boolean leave() {
        synchronized (lock) {
            if (!leader) {
                return false;
            }
            leader = false;
            return true;
        }
    }

    /**
     * The publish path's fence, called before every batch of ticks (any thread, cheap): true while this replica
     * leads and less than {@code feed.lease.fence-after} (monotonic) has passed since its last successful renew.
     * When that time is over, the lease may already be another replica's: leadership is dropped here and now, and
     * the sockets are closed on a thread of their own (the caller may hold a socket's lock), before the control
     * loop runs; every later batch is refused because {@link #isLeader()} is false.
     */
    public boolean mayPublish() {
        if (!leader) {
            return false;
        }
        long last = lastRenewOkNanos;
        long now = nanos.getAsLong();
        if (LeaseRules.leaseValid(last, now, fenceAfter)) {
            return true;
        }
        long sinceRenew = now - last;
        if (leave()) {
            String why = "lease not renewed for " + sinceRenew / 1_000_000 + " ms (monotonic, > "
                    + fenceAfter.toMillis() + " ms fence-after: frozen or cut off from Redis); fenced on publish";
            logFenceOnce(sinceRenew);
            metrics.leaseChange("fenced_on_publish");
            Thread.ofPlatform().name("feed-fence").daemon().start(() -> callbacks.onLost(why));
        }
        return false;
    }

    private void logFenceOnce(long sinceRenewNanos) {
        synchronized (lock) {
            if (fenceLogged) {
                return;
            }
            fenceLogged = true;
        }
        LOG.warnf(
                "FENCED: no successful lease renew for %d ms (fence-after %d ms; the process was frozen or cut off"
                        + " from Redis), so another replica may already lead: publishing nothing more, closing every"
                        + " upstream socket, becoming STANDBY; this replica will lead again only if it wins the lease"
                        + " (a new epoch)",
                sinceRenewNanos / 1_000_000, fenceAfter.toMillis());
    }

    /** Shutdown: stop leading without callbacks (the owner closes everything itself); returns whether we led. */
    public boolean stepDown() {
        return leave();
    }

    /**
     * Releases the lease so a standby takes over at once. The socket is already closed, so the publishing that
     * may still saturate the Redis pool drains within moments: retry briefly (the bench saw "pool reached max
     * wait queue" on a single attempt) before leaving the lease to expire within its TTL.
     */
    public void releaseForShutdown() {
        long deadline = System.nanoTime() + RELEASE_PATIENCE.toNanos();
        RuntimeException last = null;
        int attempts = 0;
        while (attempts == 0 || System.nanoTime() < deadline) {
            attempts++;
            try {
                lease.release();
                metrics.leaseChange("released");
                LOG.infof("leader lease released for shutdown (attempt %d)", attempts);
                return;
            } catch (RuntimeException e) {
                last = e;
                LockSupport.parkNanos(RELEASE_RETRY.toNanos());
            }
        }
        LOG.warnf(
                "could not release the leader lease after %d attempts (%s); it expires within its TTL", attempts, last);
    }
}
