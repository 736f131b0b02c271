package org.rdpdiag.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdpdiag.text.Inert;

/** {@link DocWriter} for GitHub-flavoured Markdown; anchors are inline {@code <a id>} elements. */
final class MarkdownWriter implements DocWriter {
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private final StringBuilder out = new StringBuilder();

    @Override
    public void heading(int level, String anchor, Inline title) {
        out.append("#".repeat(level)).append(' ');
        if (anchor != null) {
            out.append(anchorTag(anchor));
        }
        out.append(inline(title, false)).append("\n\n");
    }

    @Override
    public void paragraph(Inline content) {
        out.append(lineStart(inline(content, false))).append("\n\n");
    }

    @Override
    public void note(String label, Inline content) {
        out.append("> **").append(text(label)).append(":** ").append(inline(content, false)).append("\n\n");
    }

    @Override
    public void fields(List<Field> fields) {
        for (Field f : fields) {
            out.append("- **").append(text(f.label())).append(":** ").append(inline(f.value(), false)).append('\n');
        }
        out.append('\n');
    }

    @Override
    public void bullets(List<Inline> items) {
        items.forEach(i -> out.append("- ").append(inline(i, false)).append('\n'));
        out.append('\n');
    }

    @Override
    public void numbered(List<Inline> items) {
        for (int n = 0; n < items.size(); n++) {
            out.append(n + 1).append(". ").append(inline(items.get(n), false)).append('\n');
        }
        out.append('\n');
    }

    @Override
    public void code(List<String> lines) {
        int longest = lines.stream().mapToInt(MarkdownWriter::longestBacktickRun).max().orElse(0);
        String fence = "`".repeat(Math.max(3, longest + 1));
        out.append(fence).append('\n');
        lines.forEach(l -> out.append(Inert.terminal(l)).append('\n'));
        out.append(fence).append("\n\n");
    }

    @Override
    public void table(List<String> header, List<List<Inline>> rows, List<String> rowAnchors) {
        out.append('|');
        header.forEach(h -> out.append(' ').append(text(h)).append(" |"));
        out.append("\n|");
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            List<Inline> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                out.append(' ');
                if (c == 0 && rowAnchors != null && rowAnchors.get(r) != null) {
                    out.append(anchorTag(rowAnchors.get(r)));
                }
                out.append(inline(row.get(c), true)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    @Override
    public String finish() {
        return out.toString();
    }

    private static String anchorTag(String anchor) {
        return "<a id=\"" + anchor + "\"></a>";
    }

    private static String inline(Inline i, boolean inTable) {
        if (i instanceof Inline.Text t) {
            return text(t.text());
        }
        if (i instanceof Inline.Code c) {
            return codeSpan(c.text(), inTable);
        }
        if (i instanceof Inline.Strong s) {
            return "**" + inline(s.content(), inTable) + "**";
        }
        if (i instanceof Inline.Link l) {
            return Inline.isWebAddress(l.target()) || l.target().startsWith("#")
                    ? "[" + inline(l.label(), inTable) + "](" + target(l.target()) + ")"
                    : inline(l.label(), inTable) + " (" + codeSpan(l.target(), inTable) + ")";
        }
        if (i instanceof Inline.Badge b) {
            return "_" + text(b.text()) + "_";
        }
        return String.join("", ((Inline.Seq) i).parts().stream().map(p -> inline(p, inTable)).toList());
    }

    /** Plain words: nothing in them may turn into Markdown or HTML, and line breaks would end a table row. */
    private static String text(String s) {
        return MarkdownReport.esc(s.replace("&", "&amp;")).replace("[", "\\[").replace("]", "\\]")
                .replaceAll("\\s+", " ");
    }

    /** Text as a code span, with as many backticks around it as it needs; controls are escaped by {@link Inert}. */
    static String codeSpan(String s, boolean inTable) {
        String body = Inert.terminal(s.replaceAll("\\s+", " "));
        if (inTable) {
            body = body.replace("|", "\\|");
        }
        String ticks = "`".repeat(longestBacktickRun(body) + 1);
        String pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
        return ticks + pad + body + pad + ticks;
    }

    /** Web addresses keep their characters, except those that would end the link. */
    private static String target(String url) {
        return url.strip().replace(" ", "%20").replace("\"", "%22").replace("(", "%28").replace(")", "%29").replace("<", "%3C")
                .replace(">", "%3E");
    }

    /** Text that would start a list, heading or quote at the beginning of a paragraph stays text. */
    private static String lineStart(String s) {
        Matcher numbered = Pattern.compile("^(\\d+)([.)])(\\s)").matcher(s);
        if (numbered.find()) {
            return numbered.group(1) + "\\" + numbered.group(2) + s.substring(numbered.end(2));
        }
        return s.matches("(?s)^([+>-]|#+)(\\s.*)?") ? "\\" + s : s;
    }

    private static int longestBacktickRun(String s) {
        Matcher m = BACKTICKS.matcher(s);
        int longest = 0;
        while (m.find()) {
            longest = Math.max(longest, m.end() - m.start());
        }
        return longest;
    }
}
