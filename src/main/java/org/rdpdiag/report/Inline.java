package org.rdpdiag.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Text inside a block of a {@link DocWriter} document: plain words, code, emphasis, links and
 * badges. Kept as values so that one description of the catalogue renders to Markdown and HTML,
 * each writer escaping in its own way.
 */
sealed interface Inline {
    record Text(String text) implements Inline {}

    record Code(String text) implements Inline {}

    record Strong(Inline content) implements Inline {}

    /** @param target {@code #anchor} inside the document, or an absolute URL */
    record Link(String target, Inline label) implements Inline {}

    /** A short marker such as a claim status; {@code kind} lets HTML colour it. */
    record Badge(String kind, String text) implements Inline {}

    record Seq(List<Inline> parts) implements Inline {}

    static Inline text(String s) {
        return new Text(s == null ? "" : s);
    }

    static Inline code(String s) {
        return new Code(s == null ? "" : s);
    }

    static Inline strong(String s) {
        return new Strong(text(s));
    }

    static Inline link(String target, Inline label) {
        return new Link(target, label);
    }

    static Inline badge(String kind, String text) {
        return new Badge(kind, text);
    }

    /** Strings become plain text; other parts are kept as they are. */
    static Inline seq(Object... parts) {
        List<Inline> out = new ArrayList<>();
        for (Object p : parts) {
            out.add(p instanceof Inline i ? i : text(String.valueOf(p)));
        }
        return new Seq(List.copyOf(out));
    }

    static Inline join(List<Inline> items, String separator) {
        List<Inline> out = new ArrayList<>();
        for (Inline item : items) {
            if (!out.isEmpty()) {
                out.add(text(separator));
            }
            out.add(item);
        }
        return new Seq(List.copyOf(out));
    }

    /** Only web addresses become links; anything else (a {@code javascript:} URL, say) stays text. */
    static boolean isWebAddress(String url) {
        String u = url == null ? "" : url.strip().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://");
    }

    /** An anchor id that is safe in HTML attributes and Markdown links alike. */
    static String anchor(String prefix, String id) {
        String clean = (id == null ? "" : id).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return prefix + "-" + clean;
    }
}
