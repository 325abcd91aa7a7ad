package org.privacymetrics.logback;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

import java.util.Locale;

/** A test {@code <valueMasker>}: values starting with {@code secret-} become {@code [masked:SECRET]}; others stay. */
public class UpperCaseMasker implements ValueMasker {
    private String prefix = "secret-";

    /** Configurable like any Joran component. */
    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (value instanceof String s && s.startsWith(prefix)) {
            return "[masked:" + prefix.replace("-", "").toUpperCase(Locale.ROOT) + "]";
        }
        return null;
    }
}
