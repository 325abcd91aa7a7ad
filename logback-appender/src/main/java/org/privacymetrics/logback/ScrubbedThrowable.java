package org.privacymetrics.logback;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A copy of a throwable proxy whose messages (of the throwable, its causes and suppressed throwables) went through a
 * rewrite: the raw uid replaced by the metrics id and PII masked. Class names and stack frames are kept.
 */
final class ScrubbedThrowable implements IThrowableProxy {

    private final String className;
    private final String message;
    private final StackTraceElementProxy[] frames;
    private final int commonFrames;
    private final boolean cyclic;
    private IThrowableProxy cause;
    private IThrowableProxy[] suppressed;

    private ScrubbedThrowable(IThrowableProxy source, UnaryOperator<String> rewrite) {
        this.className = source.getClassName();
        this.message = source.getMessage() == null ? null : rewrite.apply(source.getMessage());
        this.frames = source.getStackTraceElementProxyArray();
        this.commonFrames = source.getCommonFrames();
        this.cyclic = source.isCyclic();
    }

    /** The scrubbed copy of {@code source}, or {@code null} for {@code null}. */
    static IThrowableProxy of(IThrowableProxy source, UnaryOperator<String> rewrite) {
        return source == null ? null : copy(source, rewrite, new IdentityHashMap<>());
    }

    private static IThrowableProxy copy(IThrowableProxy source, UnaryOperator<String> rewrite, Map<IThrowableProxy, ScrubbedThrowable> seen) {
        ScrubbedThrowable done = seen.get(source);
        if (done != null) {
            return done; // cause cycles stay cycles instead of recursing forever
        }
        ScrubbedThrowable t = new ScrubbedThrowable(source, rewrite);
        seen.put(source, t);
        t.cause = source.getCause() == null ? null : copy(source.getCause(), rewrite, seen);
        IThrowableProxy[] s = source.getSuppressed();
        if (s != null) {
            t.suppressed = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) {
                t.suppressed[i] = copy(s[i], rewrite, seen);
            }
        }
        return t;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String getClassName() {
        return className;
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return frames;
    }

    @Override
    public int getCommonFrames() {
        return commonFrames;
    }

    @Override
    public IThrowableProxy getCause() {
        return cause;
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        return suppressed;
    }

    @Override
    public boolean isCyclic() {
        return cyclic;
    }
}
