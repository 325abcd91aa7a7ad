package org.privacymetrics.es.ingest;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** RFC 5869 HKDF-SHA256, by Bouncy Castle (bundled in the plugin zip). */
final class Hkdf {

    private Hkdf() {
    }

    /** {@code length} bytes of HKDF-SHA256(ikm, salt, info); an empty salt means HashLen zero bytes (RFC 5869, 2.2). */
    static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] okm = new byte[length];
        hkdf.generateBytes(okm, 0, length);
        return okm;
    }
}
