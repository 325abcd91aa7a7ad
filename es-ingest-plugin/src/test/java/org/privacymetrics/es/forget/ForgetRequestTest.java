package org.privacymetrics.es.forget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.ActionRequestValidationException;
import org.junit.jupiter.api.Test;

class ForgetRequestTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    private static String error(ForgetRequest r) {
        ActionRequestValidationException e = r.validate();
        return e == null ? null : String.join("; ", e.validationErrors());
    }

    @Test
    void validIdsPass() {
        assertThat(error(ForgetRequest.fromBody(Map.of("metrics_ids", List.of(ID, ID.replace('0', 'f')))))).isNull();
    }

    @Test
    void aBadIdIsReportedByPositionNeverByValue() {
        String raw = "alice@example.com";
        String message = error(ForgetRequest.fromBody(Map.of("metrics_ids", List.of(ID, raw))));
        assertThat(message).isEqualTo("field [metrics_ids] entry [1] must be 32 lowercase hex characters").doesNotContain(raw);
        assertThat(error(new ForgetRequest(List.of(ID.toUpperCase(java.util.Locale.ROOT))))).contains("entry [0]");
    }

    @Test
    void bodyShapeIsChecked() {
        assertThat(error(ForgetRequest.fromBody(null))).contains("request body is required");
        assertThat(error(ForgetRequest.fromBody(Map.of()))).isEqualTo("field [metrics_ids] is required and must be an array of strings");
        assertThat(error(ForgetRequest.fromBody(Map.of("metrics_ids", ID)))).contains("field [metrics_ids]");
        assertThat(error(ForgetRequest.fromBody(Map.of("metrics_ids", List.of(ID), "uid", "bob")))).isEqualTo("field [uid] is not allowed");
        assertThat(error(ForgetRequest.fromBody(Map.of("metrics_ids", List.of())))).isEqualTo("field [metrics_ids] must not be empty");
        List<Object> mixed = new ArrayList<>(List.of(ID, 42));
        assertThat(error(ForgetRequest.fromBody(Map.of("metrics_ids", mixed)))).isEqualTo("field [metrics_ids] entry [1] must be a string");
    }

    @Test
    void sizeIsBounded() {
        assertThat(error(new ForgetRequest(Collections.nCopies(ForgetRequest.MAX_IDS + 1, ID)))).contains("more than [10000]");
        assertThat(error(new ForgetRequest(Collections.nCopies(ForgetRequest.MAX_IDS, ID)))).isNull();
    }

    @Test
    void toStringShowsOnlyTheCount() {
        assertThat(new ForgetRequest(List.of(ID)).toString()).isEqualTo("ForgetRequest[1 ids]");
    }
}
