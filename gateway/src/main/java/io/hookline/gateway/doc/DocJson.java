package io.hookline.gateway.doc;

import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.Doc;
import java.util.List;

/** A doc as the API shows it. */
public record DocJson(String id, String name, List<DatasetJson> datasets, boolean archived, String createdAt, String updatedAt) {

    /** One Python dataset of a doc. */
    public record DatasetJson(String key, String code, int timeoutMs) {
    }

    static DocJson from(Doc doc) {
        return new DocJson(doc.getId(), doc.getName(),
                doc.getDatasets().stream().map(d -> new DatasetJson(d.getKey(), d.getCode(), d.getTimeoutMs())).toList(),
                doc.getArchived(), doc.getCreatedAt().toString(), doc.getUpdatedAt().toString());
    }

    static List<Dataset> datasets(List<DatasetJson> datasets) {
        return datasets.stream().map(d -> new Dataset(d.key(), d.code(), d.timeoutMs())).toList();
    }
}
