package org.privacymetrics.logback;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/** A test {@code <valueMasker>} that fails on values containing {@code boom}, quoting the value in its message. */
public class ThrowingMasker implements ValueMasker {
    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (String.valueOf(value).contains("boom")) {
            throw new IllegalStateException("cannot mask " + value);
        }
        return null;
    }
}
