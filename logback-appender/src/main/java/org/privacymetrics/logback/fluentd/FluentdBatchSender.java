package org.privacymetrics.logback.fluentd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.komamitsu.fluency.EventTime;
import org.komamitsu.fluency.fluentd.ingester.FluentdIngester;
import org.komamitsu.fluency.fluentd.ingester.sender.FluentdSender;
import org.komamitsu.fluency.fluentd.ingester.sender.InetSocketSender;
import org.komamitsu.fluency.fluentd.ingester.sender.SSLSender;
import org.komamitsu.fluency.fluentd.ingester.sender.TCPSender;
import org.komamitsu.fluency.fluentd.recordformat.FluentdRecordFormatter;
import org.privacymetrics.logback.transport.BatchOutcome;
import org.privacymetrics.logback.transport.BatchSender;
import org.privacymetrics.logback.transport.TransportEvent;

import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a batch as one Fluentd forward-protocol PackedForward message through Fluency's ingester and TCP sender; with
 * acknowledgements on, the batch counts as delivered only once Fluentd answered with the message's chunk id.
 *
 * <p>Fluency's own buffer, flusher and retry loop are not used: the shared {@code AsyncTransport} owns buffering and
 * retries, so the Fluentd transport has the same bounded-buffer, full-buffer-policy and statistics contract as the
 * Elasticsearch one, and an event leaves the buffer only when its ack arrived.
 */
final class FluentdBatchSender implements BatchSender {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final String tag;
    private final FluentdIngester ingester;
    private final FluentdRecordFormatter formatter = new FluentdRecordFormatter();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param tls null for plain TCP, else the socket factory for TLS (Fluency's {@code SSLSender})
     */
    FluentdBatchSender(String host, int port, String tag, boolean ackResponse, int connectTimeoutMillis,
                       int readTimeoutMillis, SSLSocketFactory tls) {
        this.tag = tag;
        FluentdSender sender;
        if (tls == null) {
            TCPSender.Config c = new TCPSender.Config();
            configure(c, host, port, connectTimeoutMillis, readTimeoutMillis);
            sender = new TCPSender(c);
        } else {
            SSLSender.Config c = new SSLSender.Config();
            configure(c, host, port, connectTimeoutMillis, readTimeoutMillis);
            c.setSslSocketFactory(tls);
            sender = new SSLSender(c);
        }
        FluentdIngester.Config ingesterConfig = new FluentdIngester.Config();
        ingesterConfig.setAckResponseMode(ackResponse);
        this.ingester = new FluentdIngester(ingesterConfig, sender);
    }

    private static void configure(InetSocketSender.Config c, String host, int port, int connectTimeoutMillis,
                                  int readTimeoutMillis) {
        c.setHost(host);
        c.setPort(port);
        c.setConnectionTimeoutMilli(connectTimeoutMillis);
        c.setReadTimeoutMilli(readTimeoutMillis);
        // Fluency waits this long on close "to flush"; our flush already waited for acks.
        c.setWaitBeforeCloseMilli(0);
    }

    @Override
    public BatchOutcome send(List<TransportEvent> batch) throws IOException {
        ByteArrayOutputStream entries = new ByteArrayOutputStream(batch.size() * 512);
        for (TransportEvent e : batch) {
            EventTime time = EventTime.fromEpoch(e.timestamp().getEpochSecond(), e.timestamp().getNano());
            entries.write(formatter.format(tag, time, record(e.payload())));
        }
        ingester.ingest(tag, ByteBuffer.wrap(entries.toByteArray()));
        return BatchOutcome.allDelivered(batch.size());
    }

    /** The encoder's JSON object as a map; output of a non-JSON encoder travels as {"message": text}. */
    private Map<String, Object> record(byte[] payload) {
        if (payload.length > 0 && payload[0] == '{') {
            try {
                return json.readValue(payload, MAP);
            } catch (JsonProcessingException | RuntimeException e) {
                // not a JSON object after all: fall through
            } catch (IOException e) {
                // cannot happen for a byte array
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", new String(payload, StandardCharsets.UTF_8));
        return m;
    }

    @Override
    public void close() throws IOException {
        ingester.close();
    }
}
