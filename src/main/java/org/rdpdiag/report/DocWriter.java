package org.rdpdiag.report;

import java.util.List;

/**
 * The blocks a generated document is made of. One implementation per output format; the content
 * is described once ({@link CatalogDocument}) and every value is escaped by the writer.
 */
interface DocWriter {
    /** One labelled value of an entry, such as "Runs on: host". */
    record Field(String label, Inline value) {}

    /** @param anchor the id links use to reach the heading, or null */
    void heading(int level, String anchor, Inline title);

    void paragraph(Inline content);

    /** A highlighted remark: a warning, or where a source disagrees with Microsoft. */
    void note(String label, Inline content);

    void fields(List<Field> fields);

    void bullets(List<Inline> items);

    void numbered(List<Inline> items);

    /** Lines shown exactly as they are, such as commands to paste. */
    void code(List<String> lines);

    /** @param rowAnchors one id per row (null entries for none), or null for no row anchors */
    void table(List<String> header, List<List<Inline>> rows, List<String> rowAnchors);

    String finish();
}
