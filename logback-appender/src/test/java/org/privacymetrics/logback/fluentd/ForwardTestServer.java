package org.privacymetrics.logback.fluentd;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A minimal Fluentd forward-protocol (v1) server for tests: decodes Message, Forward, PackedForward and
 * CompressedPackedForward (gzip) modes, with integer or EventTime timestamps, records every entry, and answers
 * {@code {"ack": chunk}} when the option carries a chunk and acks are switched on. It can be stopped (closing every
 * connection, like a crashed Fluentd) and started again on the same port.
 */
final class ForwardTestServer implements AutoCloseable {

    /** One decoded entry. */
    record Entry(String tag, Instant time, Map<String, Object> record, String mode) {
    }

    private final int port;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<String> acksSent = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean ack = true;
    private volatile ServerSocket server;
    private SSLContext tls;

    /** A server for {@code port}, not yet listening; {@code 0} picks a free port now. */
    ForwardTestServer(int port) throws IOException {
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        }
        this.port = port;
    }

    int port() {
        return port;
    }

    /** Whether to answer acks; a server that never acks makes the client time out and retry. */
    void setAck(boolean ack) {
        this.ack = ack;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<String> acksSent() {
        return List.copyOf(acksSent);
    }

    /** Serve TLS with this context's key material (call before {@link #start()}). */
    ForwardTestServer withTls(SSLContext context) {
        this.tls = context;
        return this;
    }

    synchronized ForwardTestServer start() throws IOException {
        if (server != null) {
            return this;
        }
        ServerSocket s = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "forward-test-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    /** Closes the listening socket and every open connection. */
    synchronized void stop() throws IOException {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        for (Socket c : connections) {
            c.close();
        }
        connections.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                connections.add(c);
                Thread t = new Thread(() -> serve(c), "forward-test-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c; MessageUnpacker in = MessagePack.newDefaultUnpacker(c.getInputStream())) {
            OutputStream out = c.getOutputStream();
            while (in.hasNext()) {
                handle(in.unpackValue().asArrayValue(), out);
            }
        } catch (IOException | RuntimeException e) {
            // connection closed by either side
        } finally {
            connections.remove(c);
        }
    }

    private void handle(ArrayValue message, OutputStream out) throws IOException {
        String tag = message.get(0).asStringValue().asString();
        Value second = message.get(1);
        Value option;
        if (second.isArrayValue()) {
            for (Value entry : second.asArrayValue()) {
                ArrayValue e = entry.asArrayValue();
                entries.add(new Entry(tag, time(e.get(0)), toMap(e.get(1).asMapValue()), "Forward"));
            }
            option = message.size() > 2 ? message.get(2) : null;
        } else if (second.isRawValue()) {
            option = message.size() > 2 ? message.get(2) : null;
            byte[] packed = second.asRawValue().asByteArray();
            String mode = "PackedForward";
            if (option != null && option.isMapValue() && "gzip".equals(string(option.asMapValue(), "compressed"))) {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(packed))) {
                    packed = gz.readAllBytes();
                }
                mode = "CompressedPackedForward";
            }
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(packed)) {
                while (u.hasNext()) {
                    ArrayValue e = u.unpackValue().asArrayValue();
                    entries.add(new Entry(tag, time(e.get(0)), toMap(e.get(1).asMapValue()), mode));
                }
            }
        } else {
            entries.add(new Entry(tag, time(second), toMap(message.get(2).asMapValue()), "Message"));
            option = message.size() > 3 ? message.get(3) : null;
        }
        String chunk = option != null && option.isMapValue() ? string(option.asMapValue(), "chunk") : null;
        if (chunk != null && ack) {
            // Recorded before it is sent: a client that has read the ack must find it in acksSent().
            acksSent.add(chunk);
            MessagePacker p = MessagePack.newDefaultPacker(out);
            p.packMapHeader(1).packString("ack").packString(chunk);
            p.flush();
        }
    }

    private static String string(MapValue map, String key) {
        for (Map.Entry<Value, Value> e : map.entrySet()) {
            if (e.getKey().isStringValue() && e.getKey().asStringValue().asString().equals(key)
                    && e.getValue().isStringValue()) {
                return e.getValue().asStringValue().asString();
            }
        }
        return null;
    }

    /** Integer seconds, or the EventTime extension (type 0: 32-bit seconds, 32-bit nanoseconds, big-endian). */
    private static Instant time(Value v) {
        if (v.isIntegerValue()) {
            return Instant.ofEpochSecond(v.asIntegerValue().toLong());
        }
        ExtensionValue ext = v.asExtensionValue();
        if (ext.getType() != 0 || ext.getData().length != 8) {
            throw new IllegalArgumentException("not an EventTime: type " + ext.getType());
        }
        ByteBuffer b = ByteBuffer.wrap(ext.getData());
        return Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt()));
    }

    private static Map<String, Object> toMap(MapValue map) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : map.entrySet()) {
            m.put(e.getKey().asStringValue().asString(), toJava(e.getValue()));
        }
        return m;
    }

    private static Object toJava(Value v) {
        switch (v.getValueType()) {
            case NIL:
                return null;
            case BOOLEAN:
                return v.asBooleanValue().getBoolean();
            case INTEGER:
                return v.asIntegerValue().toLong();
            case FLOAT:
                return v.asFloatValue().toDouble();
            case STRING:
                return v.asStringValue().asString();
            case BINARY:
                return v.asBinaryValue().asByteArray();
            case ARRAY:
                List<Object> l = new ArrayList<>();
                for (Value x : v.asArrayValue()) {
                    l.add(toJava(x));
                }
                return l;
            case MAP:
                return toMap(v.asMapValue());
            default:
                return v.toJson();
        }
    }
}
