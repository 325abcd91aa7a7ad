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
    private static final String[] NO_KEYS = new String[0];

    /** What the channels carry: every uid value found, the other fields, and whether some channel could not be read. */
    static final class Read implements AutoCloseable {
        private String uidKey;
        /** Keys the builder takes out of the fields (event name, event id, device, User-Agent): held apart, see {@link #special}. */
        private String[] specialKeys = NO_KEYS;
        private Object[] specialValues = new Object[0];
        /** The first uid value found; nearly every event has exactly one. */
        private Object firstUid;
        private List<Object> moreUids;
        private final Fields fields = new Fields();
        private boolean unreadable;

        /** An empty Read; {@link PerThread} keeps one per thread and reuses it event after event. */
        Read() {
        }

        /** Starts reading an event whose uid is under {@code uidKey}. */
        Read open(String uidKey) {
            return open(uidKey, NO_KEYS);
        }

        /**
         * Starts reading an event whose uid is under {@code uidKey}, holding the values of {@code specialKeys} (null
         * entries never match) apart from the other fields, under the first of them a key equals; later channels win,
         * as for any field. Taking them out of the fields afterwards would search the fields once per key.
         */
        Read open(String uidKey, String[] specialKeys) {
            this.uidKey = uidKey;
            if (this.specialKeys != specialKeys) {
                this.specialKeys = specialKeys;
                this.specialValues = new Object[specialKeys.length];
            }
            return this;
        }

        /** The value under the {@code i}-th special key of {@link #open(String, String[])}, or null. */
        Object special(int i) {
            return specialValues[i];
        }

        /** Clears this Read when the event is built, so no value of the event stays reachable. */
        @Override
        public void close() {
            firstUid = null;
            moreUids = null;
            unreadable = false;
            java.util.Arrays.fill(specialValues, null);
            fields.clear();
        }

        /** How many (non-null) values were found under the uid key, over all channels. */
        int uidCount() {
            return firstUid == null ? 0 : 1 + (moreUids == null ? 0 : moreUids.size());
        }

        /** The {@code i}-th uid value, in channel order. */
        Object uid(int i) {
            return i == 0 ? firstUid : moreUids.get(i - 1);
        }

        /** The other fields, insertion-ordered; later channels replaced earlier values of the same key. */
        Fields fields() {
            return fields;
        }

        boolean unreadable() {
            return unreadable;
        }

        void put(String key, Object value) {
            if (uidKey.equals(key)) {
                if (value == null) {
                    return;
                }
                if (firstUid == null) {
                    firstUid = value;
                } else {
                    if (moreUids == null) {
                        moreUids = new ArrayList<>(2);
                    }
                    moreUids.add(value);
                }
            } else {
                String[] special = specialKeys;
                for (int i = 0; i < special.length; i++) {
                    if (key != null && key.equals(special[i])) {
                        specialValues[i] = value;
                        return;
                    }
                }
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

    private Channels() {
    }

    /** Reads {@code event}'s channels into {@code c}, an empty {@link Read#open Read}; returns it. */
    static Read read(ILoggingEvent event, Read c) {
        Map<String, String> mdc;
        try {
            mdc = event.getMDCPropertyMap();
        } catch (NullPointerException e) {
            // A LoggerContext built by hand has no MDC adapter: then there is no MDC to read.
            mdc = null;
        }
        if (mdc != null && !mdc.isEmpty()) {
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
        return c;
    }

    private interface Writer {
        void writeTo(JsonGenerator g) throws IOException;
    }
}
