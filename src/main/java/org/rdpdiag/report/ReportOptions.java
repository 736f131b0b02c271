package org.rdpdiag.report;

/**
 * How to render.
 *
 * @param explain add the rule trace
 * @param color   use ANSI colours (only ever true on a terminal)
 * @param source  how to name the facts file in the report, or null
 * @param brief   only the summary
 */
public record ReportOptions(boolean explain, boolean color, String source, boolean brief) {
    public static final ReportOptions PLAIN = new ReportOptions(false, false, null);

    public ReportOptions(boolean explain, boolean color, String source) {
        this(explain, color, source, false);
    }
}
