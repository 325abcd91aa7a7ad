package org.privacymetrics.logback.event;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.marker.LogstashMarker;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Reads the structured channels of a logging event — MDC, logstash markers, structured arguments, SLF4J key-value
 * pairs, in that order (later channels win for ordinary keys) — into the uid candidates (every value under the uid key,
 * from every channel) and the other fields. Nothing here formats the message or calls {@code toString()} on arguments.
 */
final class Channels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MARKER_DEPTH = 8;

    /** What the channels carry: every uid value found, the other fields, and whether some channel could not be read. */
    record Read(List<Object> uids, Map<String, Object> fields, boolean unreadable) {
    }

    private Channels() {
    }

    static Read read(ILoggingEvent event, String uidKey) {
        Collector c = new Collector(uidKey);
        Map<String, String> mdc;
        try {
            mdc = event.getMDCPropertyMap();
        } catch (NullPointerException e) {
            // A LoggerContext built by hand has no MDC adapter: then there is no MDC to read.
            mdc = null;
        }
        if (mdc != null) {
            mdc.forEach(c::put);
        }
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker m : markers) {
                c.marker(m, 0);
            }
        }
        Object[] args = event.getArgumentArray();
        if (args != null) {
            for (Object a : args) {
                if (a instanceof StructuredArgument sa) {
                    c.written(sa::writeTo);
                }
            }
        }
        List<KeyValuePair> kvs = event.getKeyValuePairs();
        if (kvs != null) {
            for (KeyValuePair kv : kvs) {
                if (kv != null && kv.key != null) {
                    c.put(kv.key, kv.value);
                }
            }
        }
        return new Read(c.uids, c.fields, c.unreadable);
    }

    private interface Writer {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private static final class Collector {
        final String uidKey;
        final List<Object> uids = new ArrayList<>(2);
        final Map<String, Object> fields = new LinkedHashMap<>();
        boolean unreadable;

        Collector(String uidKey) {
            this.uidKey = uidKey;
        }

        void put(String key, Object value) {
            if (uidKey.equals(key)) {
                if (value != null) {
                    uids.add(value);
                }
            } else {
                fields.put(key, value);
            }
        }

        void marker(Marker m, int depth) {
            if (m == null || depth > MAX_MARKER_DEPTH) {
                return;
            }
            if (m instanceof LogstashMarker lm) {
                written(lm::writeTo);
            }
            // Plain SLF4J markers carry only a name, which is never forwarded.
            Iterator<Marker> it = m.iterator();
            while (it.hasNext()) {
                marker(it.next(), depth + 1);
            }
        }

        /** What a structured argument or marker would write as JSON fields, read back. */
        @SuppressWarnings("unchecked")
        void written(Writer w) {
            try {
                StringWriter sw = new StringWriter();
                try (JsonGenerator g = JSON.getFactory().createGenerator(sw)) {
                    g.writeStartObject();
                    w.writeTo(g);
                    g.writeEndObject();
                }
                Map<String, Object> m = JSON.readValue(sw.toString(), LinkedHashMap.class);
                m.forEach(this::put);
            } catch (IOException | RuntimeException e) {
                // Never the exception: its message may quote the value. The caller drops the event.
                unreadable = true;
            }
        }
    }
}
