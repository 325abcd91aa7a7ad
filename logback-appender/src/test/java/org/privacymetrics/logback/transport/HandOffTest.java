package org.privacymetrics.logback.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lock-free buffer between logging threads and the sender loses, duplicates and strands nothing. */
class HandOffTest {

    @Test
    void everyElementOfConcurrentProducersReachesTheConsumerOnce() throws Exception {
        HandOff<Integer> h = new HandOff<>();
        int producers = 4;
        int each = 50_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * each;
            Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    h.add(base + i);
                    if (i % 1000 == 0) {
                        Thread.yield(); // let the consumer catch up and park, so wake-ups are exercised
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        boolean[] seen = new boolean[producers * each];
        int received = 0;
        List<Integer> chunk = new ArrayList<>();
        while (received < seen.length) {
            Integer first = h.poll(5, TimeUnit.SECONDS);
            assertThat(first).as("an element was stranded after %d of %d", received, seen.length).isNotNull();
            chunk.add(first);
            h.drainTo(chunk, 100);
            for (int v : chunk) {
                assertThat(seen[v]).as("element %d twice", v).isFalse();
                seen[v] = true;
                received++;
            }
            chunk.clear();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(h.isEmpty()).isTrue();
    }

    @Test
    void aParkedConsumerIsWokenByTheNextElementAndTimesOutWithoutOne() throws Exception {
        HandOff<String> h = new HandOff<>();
        long t0 = System.nanoTime();
        assertThat(h.poll(100, TimeUnit.MILLISECONDS)).isNull();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            h.add("event");
        });
        producer.start();
        long t1 = System.nanoTime();
        assertThat(h.poll(30, TimeUnit.SECONDS)).isEqualTo("event");
        // woken by the add, not by the 30 s timeout
        assertThat(System.nanoTime() - t1).isLessThan(TimeUnit.SECONDS.toNanos(10));
        producer.join();
    }
}
