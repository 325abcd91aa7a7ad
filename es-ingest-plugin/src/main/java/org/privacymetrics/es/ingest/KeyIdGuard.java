package org.privacymetrics.es.ingest;

import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.admin.cluster.settings.ClusterUpdateSettingsAction;
import org.elasticsearch.action.admin.cluster.settings.ClusterUpdateSettingsRequest;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.cluster.ClusterChangedEvent;
import org.elasticsearch.cluster.ClusterStateListener;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.privacymetrics.es.Names;

/**
 * Makes key drift impossible to miss. Elasticsearch once shipped and reverted a keystore-keyed hash processor because
 * nodes with different keystore values hashed differently; here the cluster records the key id of the first re-key
 * secret it sees (persistent setting {@code privacy_metrics.rekey.cluster_key_id}, set by the elected master), and a
 * node whose own key id differs refuses to ingest instead of writing ids that would never match.
 */
public final class KeyIdGuard implements ClusterStateListener {

    /** The recorded key id of the cluster's re-key secret (not the secret). */
    public static final Setting<String> CLUSTER_KEY_ID =
            Setting.simpleString("privacy_metrics.rekey.cluster_key_id", Setting.Property.NodeScope, Setting.Property.Dynamic);

    private final ClusterService clusterService;
    private final Client client;
    private final String localKeyId;
    private final AtomicBoolean recording = new AtomicBoolean();
    /**
     * The recorded key id as last applied to this node's cluster settings. Every ingested event asks for it; reading the
     * setting anew each time (a settings lookup and parse) cost more than the check itself.
     */
    private volatile String recorded;

    /**
     * @param localKeyId this node's key id, or null without a secret (nothing to record then)
     */
    public KeyIdGuard(ClusterService clusterService, Client client, String localKeyId) {
        this.clusterService = clusterService;
        this.client = client == null ? null : new OriginSettingClient(client, Names.ORIGIN);
        this.localKeyId = localKeyId;
        this.recorded = clusterService.getClusterSettings().get(CLUSTER_KEY_ID);
        clusterService.getClusterSettings().addSettingsUpdateConsumer(CLUSTER_KEY_ID, v -> recorded = v);
    }

    /** The recorded key id, or empty when none is recorded yet. */
    public String recorded() {
        return recorded;
    }

    /** Why this node must not ingest with {@code keyId}, or null when it may. */
    public String problem(String keyId) {
        String recorded = recorded();
        if (recorded == null || recorded.isEmpty()) {
            return "the cluster has not recorded its re-key key id yet; retry shortly";
        }
        if (!recorded.equals(keyId)) {
            return "this node's [privacy_metrics.rekey.secret] has key id [" + keyId + "] but the cluster's is [" + recorded
                    + "]: the node refuses to ingest, because ids re-keyed with different secrets never match. "
                    + "Give every node the same keystore secret.";
        }
        return null;
    }

    @Override
    public void clusterChanged(ClusterChangedEvent event) {
        if (localKeyId == null || client == null || !event.localNodeMaster()) {
            return;
        }
        String recorded = recorded();
        if ((recorded == null || recorded.isEmpty()) && recording.compareAndSet(false, true)) {
            ClusterUpdateSettingsRequest req = new ClusterUpdateSettingsRequest(TimeValue.timeValueSeconds(30), TimeValue.timeValueSeconds(30))
                    .persistentSettings(Settings.builder().put(CLUSTER_KEY_ID.getKey(), localKeyId));
            client.execute(ClusterUpdateSettingsAction.INSTANCE, req, ActionListener.running(() -> recording.set(false)));
        }
    }
}
