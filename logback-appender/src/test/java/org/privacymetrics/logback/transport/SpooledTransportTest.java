package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A transport with {@code spoolDir}: outages longer than the memory buffer, restarts, the bound, settings. */
class SpooledTransportTest {

    /** A receiver the test switches on and off; it remembers every payload it accepted, in order. */
    static final class SwitchableReceiver {
        volatile boolean up;
        final List<String> received = new CopyOnWriteArrayList<>();
    }

    static final class TestAppender extends AsyncTransportAppender {
        final SwitchableReceiver receiver;

        TestAppender(SwitchableReceiver receiver) {
            super(50);
            this.receiver = receiver;
        }

        @Override
        protected BatchSender createSender() {
            return batch -> {
                if (!receiver.up) {
                    throw new ConnectException("Connection refused");
                }
                batch.forEach(e -> receiver.received.add(new String(e.payload(), StandardCharsets.UTF_8)));
                return BatchOutcome.allDelivered(batch.size());
            };
        }

        @Override
        protected List<String> validateTransportSettings() {
            return List.of();
        }

        @Override
        protected String describeTarget() {
            return "test receiver";
        }
    }

    @TempDir
    Path tmp;

    private final LoggerContext context = new LoggerContext();
    private final List<TestAppender> appenders = new ArrayList<>();

    SpooledTransportTest() {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    }

    @AfterEach
    void tearDown() {
        appenders.forEach(TestAppender::stop);
        context.stop();
    }

    private TestAppender appender(SwitchableReceiver receiver, Path spoolDir) {
        TestAppender a = new TestAppender(receiver);
        a.setContext(context);
        a.setName("SPOOLED");
        a.setJmx(false);
        a.setQueueSize(10);
        a.setFlushInterval(Duration.buildByMilliseconds(10));
        a.setInitialBackoff(Duration.buildByMilliseconds(10));
        a.setMaxBackoff(Duration.buildByMilliseconds(50));
        a.setShutdownGracePeriod(Duration.buildByMilliseconds(300));
        a.setSpoolDir(spoolDir.toString());
        appenders.add(a);
        return a;
    }

    private Logger logger(TestAppender a) {
        Logger l = context.getLogger("usage");
        l.detachAndStopAllAppenders();
        l.setAdditive(false);
        l.addAppender(a);
        return l;
    }

    private String statusText() {
        return context.getStatusManager().getCopyOfStatusList().stream().map(s -> s.getLevel() + " " + s.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static List<String> messages(List<String> payloads) {
        return payloads.stream().map(p -> p.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1")).toList();
    }

    private static List<String> expected(String prefix, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(prefix + i);
        }
        return l;
    }

    /** Logs like a service does, a few events at a time, rather than in one burst larger than the memory buffer. */
    private static void logPaced(Logger log, TestAppender a, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            log.info(prefix + i);
            if (i % 5 == 4) {
                Await.until("the memory buffer written to the spool", () -> a.getStats().buffered() == 0,
                        () -> a.getStats().toString());
            }
        }
    }

    @Test
    void anOutageLongerThanTheMemoryBufferLosesNothing() {
        SwitchableReceiver receiver = new SwitchableReceiver();
        TestAppender a = appender(receiver, tmp.resolve("spool"));
        a.start();
        assertThat(a.isStarted()).as(statusText()).isTrue();
        Logger log = logger(a);
        logPaced(log, a, "e", 500); // 50 times the memory buffer of 10
        Await.until("all 500 spooled", () -> a.getStats().spooled() == 500, () -> a.getStats().toString());
        assertThat(a.getStats().droppedTotal()).isZero();
        receiver.up = true;
        Await.until("all delivered", () -> receiver.received.size() >= 500 && a.getStats().spooled() == 0,
                () -> a.getStats() + "\n" + statusText());
        assertThat(messages(receiver.received)).isEqualTo(expected("e", 500));
        assertThat(a.getStats().sent()).isEqualTo(500);
    }

    @Test
    void whatIsNotAcknowledgedAtStopIsDeliveredFirstAfterTheNextStart() {
        Path dir = tmp.resolve("spool");
        SwitchableReceiver receiver = new SwitchableReceiver();
        TestAppender first = appender(receiver, dir);
        first.start();
        Logger log = logger(first);
        logPaced(log, first, "old", 120);
        first.stop();
        assertThat(first.getStats().dropped(DropReason.SHUTDOWN)).as("kept, not dropped").isZero();
        assertThat(first.getStats().spooled()).isEqualTo(120);
        assertThat(statusText()).contains("120 event(s) not yet acknowledged stay in the spool");

        receiver.up = true;
        TestAppender second = appender(receiver, dir);
        second.start();
        assertThat(second.isStarted()).as(statusText()).isTrue();
        assertThat(statusText()).contains("replaying 120 event(s) left by an earlier run first");
        log = logger(second);
        logPaced(log, second, "new", 30);
        Await.until("all delivered", () -> receiver.received.size() >= 150 && second.getStats().spooled() == 0,
                () -> second.getStats() + "\n" + statusText());
        List<String> all = new ArrayList<>(expected("old", 120));
        all.addAll(expected("new", 30));
        assertThat(messages(receiver.received)).as("replayed oldest first, before new events").isEqualTo(all);
        second.stop();
        assertThat(second.getStats().spooled()).isZero();
    }

    @Test
    void beyondSpoolMaxSizeTheFullBufferPolicyDropsAndCounts() throws IOException {
        SwitchableReceiver receiver = new SwitchableReceiver();
        TestAppender a = appender(receiver, tmp.resolve("spool"));
        a.setSpoolMaxSize(FileSize.valueOf("64 KB"));
        a.setQueueSize(10_000); // so that the spool, not memory, is the bound
        a.start();
        Logger log = logger(a);
        String filler = "x".repeat(900);
        int logged = 0;
        while (a.getStats().dropped(DropReason.BUFFER_FULL) == 0 && logged < 1000) {
            log.info("big" + logged + " " + filler);
            logged++;
        }
        long dropped = a.getStats().dropped(DropReason.BUFFER_FULL);
        assertThat(dropped).isPositive();
        assertThat(logged).isLessThan(1000).isGreaterThan(50);
        Await.until("accepted events spooled", () -> a.getStats().buffered() == 0, () -> a.getStats().toString());
        assertThat(a.getStats().spoolBytes()).isLessThanOrEqualTo(64 * 1024);
        long onDisk;
        try (Stream<Path> files = Files.list(tmp.resolve("spool"))) {
            onDisk = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(onDisk).isLessThanOrEqualTo(64 * 1024 + 1024);
        long accepted = logged - dropped;
        receiver.up = true;
        Await.until("accepted events delivered", () -> a.getStats().sent() == accepted, () -> a.getStats().toString());
    }

    @Test
    void settingsAreCheckedAtStartAndOneDirectoryServesOneAppender() {
        SwitchableReceiver receiver = new SwitchableReceiver();
        TestAppender tooSmall = appender(receiver, tmp.resolve("spool"));
        tooSmall.setSpoolMaxSize(FileSize.valueOf("1 KB"));
        tooSmall.start();
        assertThat(tooSmall.isStarted()).isFalse();
        assertThat(statusText()).contains("field [spoolMaxSize] must be at least 64 KB");

        TestAppender one = appender(receiver, tmp.resolve("shared"));
        one.start();
        one.start();
        TestAppender two = appender(receiver, tmp.resolve("shared"));
        two.start();
        assertThat(one.isStarted()).isTrue();
        assertThat(two.isStarted()).isFalse();
        assertThat(statusText()).contains("could not open the spool").contains("in use");
        one.stop();
        one.stop();
        two.start();
        assertThat(two.isStarted()).as("free after the first stopped").isTrue();
    }

    @Test
    void withoutSpoolDirNothingIsWritten() {
        SwitchableReceiver receiver = new SwitchableReceiver();
        TestAppender a = appender(receiver, tmp.resolve("unused"));
        a.setSpoolDir(null);
        a.start();
        logger(a).info("memory only");
        assertThat(a.getStats().spoolCapacity()).isZero();
        assertThat(tmp.resolve("unused")).doesNotExist();
        a.stop();
        assertThat(a.getStats().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
    }
}
