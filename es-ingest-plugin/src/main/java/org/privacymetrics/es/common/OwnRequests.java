package org.privacymetrics.es.common;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.elasticsearch.action.ActionRequest;

/**
 * Requests the plugin itself sends through the node client (forget's bulk deletes), recognised by identity where an
 * action filter must tell them from a user's. The plugin's origin is not enough: with security on, the security filter
 * runs the request as an internal user in a fresh thread context, which no longer carries the origin when the next
 * filter sees it. The node client hands the same request object to every filter on this node.
 */
public final class OwnRequests {

    private static final Set<ActionRequest> OWN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private OwnRequests() {
    }

    /** Marks {@code request} as the plugin's own; returns it. */
    public static <R extends ActionRequest> R mark(R request) {
        OWN.add(request);
        return request;
    }

    /** Whether {@code request} was marked by the plugin. */
    public static boolean isOwn(ActionRequest request) {
        return OWN.contains(request);
    }

    /** Forgets the mark once the request is done. */
    public static void release(ActionRequest request) {
        OWN.remove(request);
    }
}
