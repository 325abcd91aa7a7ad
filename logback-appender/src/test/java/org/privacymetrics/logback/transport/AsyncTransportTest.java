package org.privacymetrics.logback.transport;

import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared machinery, driven through a receiver the test can hold shut. */
class AsyncTransportTest {

    /** A receiver that accepts batches only once its gate is open, and remembers them. */
    static final class GatedReceiver implements BatchSender {
        final CountDownLatch gate = new CountDownLatch(1);
        final List<List<String>> batches = new CopyOnWriteArrayList<>();

        @Override
        public BatchOutcome send(List<TransportEvent> batch) throws InterruptedException {
            gate.await();
            batches.add(batch.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList());
            return BatchOutcome.allDelivered(batch.size());
        }
    }

    private final ContextBase context = new ContextBase();
    private final ContextAwareBase status = new ContextAwareBase();
    private AsyncTransport transport;

    AsyncTransportTest() {
        status.setContext(context);
    }

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.stop();
        }
    }

    private static TransportEvent event(String text) {
        return new TransportEvent(Instant.now(), text.getBytes(StandardCharsets.UTF_8));
    }

    private AsyncTransport start(BatchSender receiver, int bufferSize, int batchSize, FullBufferPolicy policy,
                                 long blockMillis, long stopMillis) {
        transport = new AsyncTransport("T", receiver, status, new AsyncTransport.Settings(bufferSize, batchSize, policy,
                blockMillis, 10, new Backoff(10, 50), stopMillis, 60_000));
        transport.start();
        return transport;
    }

    private String statusText() {
        StringBuilder b = new StringBuilder();
        context.getStatusManager().getCopyOfStatusList().forEach(s -> b.append(s.getLevel()).append(' ')
                .append(s.getMessage()).append('\n'));
        return b.toString();
    }

    @Test
    void blockPolicyWaitsUpToItsBoundThenDropsAndCounts() throws Exception {
        GatedReceiver receiver = new GatedReceiver();
        AsyncTransport t = start(receiver, 2, 10, FullBufferPolicy.BLOCK, 1000, 5000);
        assertThat(t.offer(event("a"))).isTrue();
        assertThat(t.offer(event("b"))).isTrue();

        long begin = System.nanoTime();
        assertThat(t.offer(event("c"))).isFalse();
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        assertThat(waitedMillis).as("waited for room, but only up to the bound").isBetween(900L, 30_000L);
        assertThat(t.stats().dropped(DropReason.BLOCK_TIMEOUT)).isEqualTo(1);

        // a logging thread blocked on a full buffer gets in as soon as the receiver frees room
        AtomicBoolean accepted = new AtomicBoolean();
        Thread logging = new Thread(() -> accepted.set(t.offer(event("d"))));
        logging.start();
        receiver.gate.countDown();
        logging.join();
        assertThat(accepted).isTrue();
        Await.until("all delivered", () -> t.stats().sent() == 3, () -> t.stats().toString());
        assertThat(receiver.batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder("a", "b", "d");
    }

    @Test
    void dropPolicyNeverWaitsAndCountsEveryDrop() {
        GatedReceiver receiver = new GatedReceiver();
        AsyncTransport t = start(receiver, 3, 10, FullBufferPolicy.DROP, 0, 5000);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (t.offer(event("e" + i))) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(3);
        TransportStats s = t.stats();
        assertThat(s.dropped(DropReason.BUFFER_FULL)).isEqualTo(7);
        assertThat(s.droppedTotal()).isEqualTo(7);
        assertThat(s.buffered()).isEqualTo(3);
        receiver.gate.countDown();
        Await.until("delivered", () -> t.stats().sent() == 3);
        assertThat(t.stats().buffered()).isZero();
    }

    @Test
    void batchesNeverExceedTheBatchSize() {
        GatedReceiver receiver = new GatedReceiver();
        receiver.gate.countDown();
        AsyncTransport t = start(receiver, 100, 10, FullBufferPolicy.DROP, 0, 5000);
        for (int i = 0; i < 25; i++) {
            t.offer(event("e" + i));
        }
        Await.until("delivered", () -> t.stats().sent() == 25);
        assertThat(receiver.batches).allMatch(b -> b.size() <= 10);
        assertThat(receiver.batches.stream().mapToInt(List::size).sum()).isEqualTo(25);
    }

    @Test
    void partialFailuresRetryOnlyTheFailedEventsAndReleaseTheRest() {
        Set<String> failedOnce = new HashSet<>();
        List<String> received = new CopyOnWriteArrayList<>();
        BatchSender receiver = batch -> {
            BatchOutcome o = new BatchOutcome();
            for (TransportEvent e : batch) {
                String text = new String(e.payload(), StandardCharsets.UTF_8);
                if (text.startsWith("retry") && failedOnce.add(text)) {
                    o.retry(e);
                } else if (text.startsWith("bad")) {
                    o.rejected("400 [mapper_parsing_exception]");
                } else if (text.startsWith("dup")) {
                    o.duplicate();
                } else {
                    received.add(text);
                    o.delivered();
                }
            }
            return o;
        };
        AsyncTransport t = start(receiver, 10, 10, FullBufferPolicy.DROP, 0, 5000);
        for (String s : List.of("ok1", "retry1", "bad1", "dup1", "retry2", "ok2")) {
            assertThat(t.offer(event(s))).isTrue();
        }
        Await.until("settled", () -> t.stats().buffered() == 0, () -> t.stats().toString());
        TransportStats s = t.stats();
        assertThat(s.sent()).isEqualTo(4);
        assertThat(s.retried()).isEqualTo(2);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(s.rejectionReasons()).containsEntry("400 [mapper_parsing_exception]", 1L);
        assertThat(received).containsExactlyInAnyOrder("ok1", "ok2", "retry1", "retry2");
        assertThat(statusText()).contains("receiver rejected 1 event(s) permanently");
    }

    @Test
    void stopGivesUpOnAStuckReceiverAfterItsTimeoutAndCountsTheBuffer() {
        GatedReceiver receiver = new GatedReceiver(); // never opens
        AsyncTransport t = start(receiver, 100, 10, FullBufferPolicy.DROP, 0, 200);
        for (int i = 0; i < 15; i++) {
            t.offer(event("e" + i));
        }
        long begin = System.nanoTime();
        t.stop();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        assertThat(tookMillis).as("stop is bounded by stopTimeout plus a grace period").isLessThan(30_000L);
        TransportStats s = t.stats();
        assertThat(s.dropped(DropReason.SHUTDOWN)).isEqualTo(15);
        assertThat(s.buffered()).isZero();
        assertThat(t.offer(event("late"))).isFalse();
        assertThat(t.stats().dropped(DropReason.SHUTDOWN)).isEqualTo(16);
        assertThat(statusText()).contains("2 T: 15 buffered event(s) could not be delivered");
        t.stop(); // safe twice
    }

    @Test
    void backoffGrowsExponentiallyIsBoundedAndJittered() {
        Backoff b = new Backoff(100, 1000);
        assertThat(List.of(b.ceilingMillis(1), b.ceilingMillis(2), b.ceilingMillis(3), b.ceilingMillis(4),
                b.ceilingMillis(5), b.ceilingMillis(100))).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        Set<Long> seen = new HashSet<>();
        for (int attempt = 1; attempt <= 200; attempt++) {
            long c = b.ceilingMillis(attempt);
            long d = b.delayMillis(attempt);
            assertThat(d).isBetween(c / 2, c);
            seen.add(d);
        }
        // 196 draws from [500, 1000]: the chance of fewer than 2 distinct values is below 1e-300
        assertThat(seen.size()).isGreaterThan(1);
    }

    @Test
    void anOutageIsReportedOnceThenThrottled() throws Exception {
        BatchSender down = batch -> {
            throw new java.net.ConnectException("Connection refused");
        };
        transport = new AsyncTransport("T", down, status, new AsyncTransport.Settings(100, 10, FullBufferPolicy.DROP,
                0, 10, new Backoff(5, 20), 200, 300));
        transport.start();
        long begin = System.nanoTime();
        transport.offer(event("x"));
        Await.until("many failed attempts", () -> transport.stats().failedAttempts() >= 40,
                () -> transport.stats().toString());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        long warnings = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getMessage().contains("failed, retrying with backoff")
                        || s.getMessage().contains("still unavailable")).count();
        assertThat(statusText()).contains("1 T: sending 1 event(s) failed, retrying with backoff: ConnectException: "
                + "Connection refused");
        // one at the start of the outage, then at most one per status interval (300 ms)
        assertThat(warnings).isBetween(1L, 2 + elapsedMillis / 300);
        assertThat(transport.stats().failedAttempts()).isGreaterThan(warnings);
    }

    @Test
    void everyEventIsEitherDeliveredOnceOrCountedAsDropped() throws Exception {
        java.util.concurrent.ConcurrentHashMap<String, Integer> delivered = new java.util.concurrent.ConcurrentHashMap<>();
        BatchSender flapping = batch -> {
            if (java.util.concurrent.ThreadLocalRandom.current().nextInt(3) == 0) {
                throw new java.io.IOException("flap");
            }
            for (TransportEvent e : batch) {
                delivered.merge(new String(e.payload(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
            return BatchOutcome.allDelivered(batch.size());
        };
        transport = new AsyncTransport("T", flapping, status, new AsyncTransport.Settings(100, 50, FullBufferPolicy.DROP,
                0, 1, new Backoff(1, 4), 60_000, 60_000));
        transport.start();
        int threads = 4;
        int perThread = 5000;
        List<Thread> loggers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (transport.offer(event(id + "-" + i))) {
                        accepted.incrementAndGet();
                    }
                }
            });
            loggers.add(th);
            th.start();
        }
        for (Thread th : loggers) {
            th.join();
        }
        transport.stop();
        TransportStats s = transport.stats();
        assertThat(s.sent() + s.droppedTotal()).isEqualTo((long) threads * perThread);
        assertThat(s.sent()).isEqualTo(accepted.get());
        assertThat(s.dropped(DropReason.SHUTDOWN)).isZero();
        assertThat(delivered).hasSize((int) s.sent());
        assertThat(delivered.values()).allMatch(n -> n == 1);
        assertThat(s.buffered()).isZero();
    }
}
