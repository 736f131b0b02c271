package org.rdpdiag.report;

import java.util.List;

/**
 * {@link DocWriter} for one self-contained HTML page: the styles are inline, nothing is loaded
 * from elsewhere, and every value from the knowledge base is escaped.
 */
final class HtmlWriter implements DocWriter {
    private static final String STYLE = """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;margin:0;background:#fff}
            main{max-width:74rem;margin:0 auto;padding:1rem 2rem 4rem}
            h1,h2,h3,h4,h5{line-height:1.25;margin:1.6em 0 .5em}
            h2{border-bottom:2px solid #d5dae3;padding-bottom:.2em}
            h3{color:#3a4a66}
            h4{border-top:1px solid #e3e6ec;padding-top:.8em}
            h5{font-size:1em;color:#3a4a66}
            a{color:#1a56b0}
            code,pre{font:13px/1.45 ui-monospace,"Cascadia Mono",Consolas,monospace}
            code{background:#f2f4f7;padding:0 .25em;border-radius:3px}
            pre{background:#f2f4f7;padding:.6em .8em;overflow-x:auto;border-radius:4px}
            pre code{padding:0;background:none}
            table{border-collapse:collapse;margin:.5em 0 1em;width:100%}
            th,td{border:1px solid #d5dae3;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#eef1f5}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.5em 0 1em}
            dt{font-weight:600}
            dd{margin:0}
            .note{border-left:4px solid #7a8699;background:#f6f7f9;padding:.4em .8em;margin:.8em 0}
            .note-warning{border-color:#c0392b;background:#fdf1ef}
            .note-claim-note{border-color:#c98a00;background:#fdf8ec}
            .badge{font-size:.85em;padding:0 .4em;border-radius:3px;background:#e6e9ef;white-space:nowrap}
            .badge-supported,.badge-for{background:#e1f2e4}
            .badge-imprecise,.badge-not-documented{background:#fbf0d0}
            .badge-doubtful,.badge-risky,.badge-against{background:#f8dcd8}
            :target{outline:2px solid #f0c040;outline-offset:2px}
            @media print{main{max-width:none}pre{white-space:pre-wrap}}
            """;
    private final StringBuilder out = new StringBuilder();

    /** What closes every page this package writes. */
    static final String PAGE_END = "</body>\n</html>\n";

    HtmlWriter(String title) {
        out.append(pageStart(title, STYLE)).append("<main>\n");
    }

    /**
     * What opens every page this package writes, up to and including {@code <body>}: the catalogue
     * and the fleet report differ only in their title and style sheet.
     */
    static String pageStart(String title, String style) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n";
    }

    /**
     * The opening of a page whose style sheet and script are served beside it rather than
     * inlined, for a server whose Content-Security-Policy forbids inline styles and scripts.
     */
    static String linkedPageStart(String title, String stylesheet, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<link rel=\"stylesheet\" href=\"" + escape(stylesheet) + "\">\n"
                + (script == null ? "" : "<script src=\"" + escape(script) + "\" defer></script>\n") + "</head>\n<body>\n";
    }

    @Override
    public void heading(int level, String anchor, Inline title) {
        out.append("<h").append(level).append(id(anchor)).append('>').append(inline(title)).append("</h")
                .append(level).append(">\n");
    }

    @Override
    public void paragraph(Inline content) {
        out.append("<p>").append(inline(content)).append("</p>\n");
    }

    @Override
    public void note(String label, Inline content) {
        out.append("<div class=\"note ").append(escape(Inline.anchor("note", label))).append("\"><strong>")
                .append(escape(label)).append(":</strong> ").append(inline(content)).append("</div>\n");
    }

    @Override
    public void fields(List<Field> fields) {
        out.append("<dl>\n");
        fields.forEach(f -> out.append("<dt>").append(escape(f.label())).append("</dt><dd>").append(inline(f.value()))
                .append("</dd>\n"));
        out.append("</dl>\n");
    }

    @Override
    public void bullets(List<Inline> items) {
        list("ul", items);
    }

    @Override
    public void numbered(List<Inline> items) {
        list("ol", items);
    }

    private void list(String tag, List<Inline> items) {
        out.append('<').append(tag).append(">\n");
        items.forEach(i -> out.append("<li>").append(inline(i)).append("</li>\n"));
        out.append("</").append(tag).append(">\n");
    }

    @Override
    public void code(List<String> lines) {
        out.append("<pre><code>");
        lines.forEach(l -> out.append(escape(l)).append('\n'));
        out.append("</code></pre>\n");
    }

    @Override
    public void table(List<String> header, List<List<Inline>> rows, List<String> rowAnchors) {
        out.append("<table>\n<thead><tr>");
        header.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            out.append("<tr").append(id(rowAnchors == null ? null : rowAnchors.get(r))).append('>');
            rows.get(r).forEach(c -> out.append("<td>").append(inline(c)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    @Override
    public String finish() {
        return out + "</main>\n" + PAGE_END;
    }

    private static String id(String anchor) {
        return anchor == null ? "" : " id=\"" + escape(anchor) + "\"";
    }

    private static String inline(Inline i) {
        if (i instanceof Inline.Text t) {
            return escape(t.text());
        }
        if (i instanceof Inline.Code c) {
            return "<code>" + escape(c.text()) + "</code>";
        }
        if (i instanceof Inline.Strong s) {
            return "<strong>" + inline(s.content()) + "</strong>";
        }
        if (i instanceof Inline.Link l) {
            boolean internal = l.target().startsWith("#");
            if (!internal && !Inline.isWebAddress(l.target())) {
                return inline(l.label()) + " (<code>" + escape(l.target()) + "</code>)";
            }
            return "<a href=\"" + escape(l.target().strip()) + "\"" + (internal ? "" : " rel=\"noreferrer\"") + ">"
                    + inline(l.label()) + "</a>";
        }
        if (i instanceof Inline.Badge b) {
            return "<span class=\"badge " + escape(Inline.anchor("badge", b.kind())) + "\">" + escape(b.text()) + "</span>";
        }
        return String.join("", ((Inline.Seq) i).parts().stream().map(HtmlWriter::inline).toList());
    }

    /**
     * The one HTML escape of the code base: text made safe for element content and for double- or
     * single-quoted attribute values alike. Line breaks become character references, so that what
     * comes out is always a single line (the fleet report stages its pieces as lines); other
     * control characters, which HTML does not allow, become U+FFFD.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        // Most values need nothing: they are returned as they are, without a copy.
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '\n' -> "&#10;";
                case '\r' -> "&#13;";
                default -> c < 0x20 && c != '\t' ? "\uFFFD" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
