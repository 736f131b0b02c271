package org.rdpdiag.report;

import org.rdpdiag.diagnosis.Diagnosis;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON report: {@link ReportModel} pretty-printed, one document. */
public final class JsonReport {
    private static final ObjectMapper JSON = org.rdpdiag.text.InertJson.mapper().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {}

    public static String render(Diagnosis d, ReportOptions options) {
        return JSON.writeValueAsString(ReportModel.of(d, options)) + "\n";
    }
}
