package org.privacymetrics.logback.fluentd;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The test server decodes every forward mode a client may use, so the appender tests can trust what it records. */
class ForwardTestServerTest {

    @Test
    void decodesMessageForwardAndPackedForwardModesAndAcksChunks() throws Exception {
        try (ForwardTestServer server = new ForwardTestServer(0).start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            MessagePacker out = MessagePack.newDefaultPacker(socket.getOutputStream());
            MessageUnpacker in = MessagePack.newDefaultUnpacker(socket.getInputStream());

            // Message mode: [tag, time, record, option]
            out.packArrayHeader(4).packString("t.message").packLong(1_700_000_000L);
            out.packMapHeader(1).packString("a").packInt(1);
            out.packMapHeader(1).packString("chunk").packString("c1");
            out.flush();
            assertThat(ack(in)).isEqualTo("c1");

            // Forward mode: [tag, [[EventTime, record]], option]
            out.packArrayHeader(3).packString("t.forward").packArrayHeader(1).packArrayHeader(2);
            eventTime(out, 1_700_000_001L, 5);
            out.packMapHeader(1).packString("b").packString("x");
            out.packMapHeader(1).packString("chunk").packString("c2");
            out.flush();
            assertThat(ack(in)).isEqualTo("c2");

            // PackedForward mode with a bin payload and no chunk: no ack expected
            ByteArrayOutputStream entries = new ByteArrayOutputStream();
            MessagePacker e = MessagePack.newDefaultPacker(entries);
            e.packArrayHeader(2).packLong(1_700_000_002L).packMapHeader(1).packString("c").packBoolean(true);
            e.flush();
            byte[] bytes = entries.toByteArray();
            out.packArrayHeader(3).packString("t.packed").packBinaryHeader(bytes.length).writePayload(bytes);
            out.packMapHeader(1).packString("size").packInt(1);
            out.flush();

            // CompressedPackedForward: gzip'ed entries, option {"compressed": "gzip", "chunk": ...}
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
                z.write(bytes);
            }
            byte[] compressed = gz.toByteArray();
            out.packArrayHeader(3).packString("t.gzip").packBinaryHeader(compressed.length).writePayload(compressed);
            out.packMapHeader(2).packString("compressed").packString("gzip").packString("chunk").packString("c2z");
            out.flush();
            assertThat(ack(in)).isEqualTo("c2z");

            // then one more acked message proves the server read past the un-acked one
            out.packArrayHeader(4).packString("t.message").packLong(1_700_000_003L).packMapHeader(0);
            out.packMapHeader(1).packString("chunk").packString("c3");
            out.flush();
            assertThat(ack(in)).isEqualTo("c3");

            assertThat(server.entries()).extracting(ForwardTestServer.Entry::mode)
                    .containsExactly("Message", "Forward", "PackedForward", "CompressedPackedForward", "Message");
            assertThat(server.entries().get(0).record()).isEqualTo(Map.of("a", 1L));
            assertThat(server.entries().get(1).time()).isEqualTo(Instant.ofEpochSecond(1_700_000_001L, 5));
            assertThat(server.entries().get(1).record()).isEqualTo(Map.of("b", "x"));
            assertThat(server.entries().get(2).record()).isEqualTo(Map.of("c", true));
            assertThat(server.entries().get(3).record()).isEqualTo(Map.of("c", true));
            assertThat(server.acksSent()).containsExactly("c1", "c2", "c2z", "c3");
        }
    }

    private static void eventTime(MessagePacker out, long seconds, int nanos) throws Exception {
        out.packExtensionTypeHeader((byte) 0, 8);
        out.writePayload(ByteBuffer.allocate(8).putInt((int) seconds).putInt(nanos).array());
    }

    private static String ack(MessageUnpacker in) throws Exception {
        assertThat(in.unpackMapHeader()).isEqualTo(1);
        assertThat(in.unpackString()).isEqualTo("ack");
        return in.unpackString();
    }
}
