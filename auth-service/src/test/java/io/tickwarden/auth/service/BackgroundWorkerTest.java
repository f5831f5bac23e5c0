package io.tickwarden.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's one promise: tasks run one at a time, in order, off the caller's thread, with no thread of its own. */
class BackgroundWorkerTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void tasksRunOneAtATimeInSubmissionOrder() throws Exception {
        BackgroundWorker worker = new BackgroundWorker(vertx);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        // the first task blocks until every other task is queued, so any overlap would show
        worker.execute(() -> hold(gate));
        for (int i = 0; i < 20; i++) {
            int n = i;
            worker.execute(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                running.decrementAndGet();
            });
        }
        gate.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> order.size() == 20);
        assertEquals(1, maxRunning.get());
        for (int i = 0; i < 20; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void aFailedTaskDoesNotStopTheQueueAndDelayedTasksJoinIt() {
        BackgroundWorker worker = new BackgroundWorker(vertx);
        List<String> done = new CopyOnWriteArrayList<>();
        worker.execute(() -> {
            throw new IllegalStateException("boom");
        });
        worker.schedule(() -> done.add("delayed"), Duration.ofMillis(50));
        worker.execute(() -> done.add("next"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> done.size() == 2);
        assertEquals(List.of("next", "delayed"), done);
    }

    private static void hold(CountDownLatch gate) {
        try {
            assertTrue(gate.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
