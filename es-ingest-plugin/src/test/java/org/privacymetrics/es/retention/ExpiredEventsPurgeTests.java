package org.privacymetrics.es.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.elasticsearch.action.bulk.BulkRequestBuilder;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.test.ESSingleNodeTestCase;

/**
 * The purge of expired days from an epoch index on an in-JVM node (no plugin: the write guard and pipelines are tested
 * by {@code RetentionIT}): documents routed by their metrics id over several shards, as ingest stores them.
 */
public class ExpiredEventsPurgeTests extends ESSingleNodeTestCase {

    private static final String INDEX = ".privacy-metrics-events-2026-11";

    private void createEpochIndex(int shards) {
        client().admin().indices().prepareCreate(INDEX).setSettings(Settings.builder().put(indexSettings(shards, 0).build())
            .put("index.hidden", true)).setMapping("@timestamp", "type=date", "metrics_id", "type=keyword").get();
    }

    /** One event per (user, day) for 120 users on every day of November 2026, routed by user; returns the count per day. */
    private int write() {
        BulkRequestBuilder bulk = client().prepareBulk().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
        int users = 120;
        for (int day = 1; day <= 30; day++) {
            for (int u = 0; u < users; u++) {
                String id = String.format(Locale.ROOT, "%032x", u);
                // the last millisecond of the day for one user, the first for another: the boundary is exact
                String time = u == 0 ? "T23:59:59.999Z" : u == 1 ? "T00:00:00.000Z" : "T12:00:00Z";
                bulk.add(new IndexRequest(INDEX).id(day + "-" + u).routing(id)
                    .source("@timestamp", LocalDate.of(2026, 11, day) + time, "metrics_id", id));
            }
        }
        BulkResponse r = bulk.get();
        assertFalse(r.buildFailureMessage(), r.hasFailures());
        return users;
    }

    private long count(String from, String to) {
        client().admin().indices().prepareRefresh(INDEX).get();
        var response = client().prepareSearch(INDEX).setSize(0).setTrackTotalHits(true)
            .setQuery(QueryBuilders.rangeQuery("@timestamp").gte(from).lt(to)).get();
        try {
            return response.getHits().getTotalHits().value();
        } finally {
            response.decRef();
        }
    }

    private static Instant start(String day) {
        return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public void testDeletesExactlyTheEventsOfTheExpiredDaysAcrossShardsAndIsIdempotent() {
        createEpochIndex(3);
        int perDay = write();
        ExpiredEventsPurge purge = new ExpiredEventsPurge(client());

        // first kept day 2026-11-11: ten days go, with their routing (deletes without it would miss on 3 shards)
        assertEquals(10L * perDay, purge.purge(INDEX, start("2026-11-11")));
        assertEquals(0, count("2026-11-01", "2026-11-11"));
        assertEquals(20L * perDay, count("2026-11-11", "2026-12-01"));
        // a later check finds nothing more (and deletes nothing else)
        assertEquals(0, purge.purge(INDEX, start("2026-11-11")));
        assertEquals(20L * perDay, count("2026-11-11", "2026-12-01"));

        // a purge cut short (simulated: some of the next day's events already deleted) is completed by the next check
        client().prepareDelete(INDEX, "11-5").setRouting(String.format(Locale.ROOT, "%032x", 5)).setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE).get();
        assertEquals(perDay - 1L, purge.purge(INDEX, start("2026-11-12")));
        assertEquals(0, count("2026-11-01", "2026-11-12"));
        assertEquals(19L * perDay, count("2026-11-12", "2026-12-01"));

        // more than one page (2,000): every remaining day but the last
        assertEquals(18L * perDay, purge.purge(INDEX, start("2026-11-30")));
        assertEquals((long) perDay, count("2026-11-30", "2026-12-01"));
    }

    public void testAMissingIndexPurgesNothing() {
        assertEquals(0, new ExpiredEventsPurge(client()).purge(".privacy-metrics-events-1999-01", start("1999-01-15")));
    }
}
