package org.rdpdiag.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.TestFleet;

/** The HTML fleet report: what it counts and lists, that it is inert and self-contained, and that it survives resuming. */
class FleetReportTest {
    @TempDir
    Path tmp;

    private String report(List<Map<String, Object>> hosts, String extraLines) throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        Files.writeString(fleet, Fleet.jsonLines(hosts) + extraLines);
        Path report = tmp.resolve("fleet.html");
        Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), tmp.resolve("out.jsonl")), null, report, false));
        assertFalse(Files.exists(tmp.resolve("fleet.html.part")), "the staging file is removed once the report is written");
        return Files.readString(report, StandardCharsets.UTF_8);
    }

    @Test
    void aServiceMadeWithoutARendererRefusesAReportBeforeWritingAnything() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        Files.writeString(fleet, Fleet.jsonLines(Fleet.HOSTS));
        Path out = tmp.resolve("out.jsonl");
        Path report = tmp.resolve("fleet.html");
        BatchService.Request request = Fleet.outputs(Fleet.request(List.of(fleet.toString()), out), null, report, false);
        BatchException e = assertThrows(BatchException.Usage.class,
                () -> new BatchService(Fleet.service()).run(request, BatchListener.NONE, new AtomicBoolean()));
        assertTrue(e.getMessage().contains(report.toString()), e.getMessage());
        assertFalse(Files.exists(out), "nothing is written");
        assertFalse(Files.exists(tmp.resolve("fleet.html.part")), "not even the staging file");
    }

    @Test
    void aHostileHostIdComesOutAsTextEverywhere() throws Exception {
        String html = report(Fleet.HOSTS, "{\"id\": \"<img src=x onerror=alert(1)>\", \"host\": {\"nlaRequired\": \"<b>\"}}\n");
        assertFalse(html.contains("<script>alert"), "the id must not become a script element");
        assertFalse(html.contains("<img"), "nor an image");
        assertFalse(html.contains("<b>\""), "nor markup from a value in a message");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the id is shown, escaped");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the invalid record is named by its id, escaped");
        // The only elements are the report's own.
        Set<String> tags = new TreeSet<>();
        Matcher m = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(html);
        while (m.find()) {
            tags.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        assertEquals(new TreeSet<>(List.of("a", "b", "body", "br", "details", "h1", "h2", "h3", "head", "html", "li", "meta",
                "ol", "p", "pre", "rect", "section", "span", "style", "summary", "svg", "table", "td", "text", "th", "title", "tr",
                "ul")), tags);
    }

    @Test
    void theReportNeedsNothingFromOutside() throws Exception {
        String html = report(Fleet.HOSTS, "");
        for (String external : List.of("src=", "<script", "<link", "@import", "url(", "href=\"http", "href='http", "<iframe",
                "<object", "<embed")) {
            assertFalse(html.contains(external), "found " + external);
        }
        Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (links.find()) {
            assertTrue(links.group(1).startsWith("#"), "only links within the page: " + links.group(1));
        }
        assertTrue(html.contains("<svg") && html.contains("<style>"), "chart and style are inline");
    }

    @Test
    void theReportCountsByCauseAndListsTheHostsBehindEach() throws Exception {
        String html = report(Fleet.HOSTS, "not json\n");
        assertTrue(html.contains("<tr><td>hosts in the inputs</td><td class=\"n\">6</td></tr>"), summary(html));
        assertTrue(html.contains("<tr><td>diagnosed</td><td class=\"n\">5</td></tr>"), summary(html));
        assertTrue(html.contains("<tr><td class=\"invalid\">invalid facts (not diagnosed)</td><td class=\"n\">1</td></tr>"));
        // tls12-disabled: confirmed on web01 (TLS 1.2 off), likely on web03 (Schannel event 36871), ruled out on the
        // hostile host (TLS 1.2 on), possible on the other two; it leads on web01 only.
        assertTrue(html.contains("<a href=\"#cause-tls12-disabled\">tls12-disabled</a></td><td class=\"n\">1</td>"
                + "<td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">1</td></tr>"),
                between(html, "#cause-tls12-disabled", "</tr>"));
        String section = between(html, "<h3 id=\"cause-tls12-disabled\">", "</ul>");
        assertTrue(section.contains("<a href=\"#h-1\">web01</a> <span class=\"confirmed\">confirmed 85%</span>"), section);
        assertTrue(section.contains("<a href=\"#h-3\">web03</a> <span class=\"likely\">likely"), section);
        assertFalse(section.contains("web02"), section);
        // Every record has its section, in input order, the diagnosed ones with the full report.
        List<String> anchors = new ArrayList<>();
        Matcher m = Pattern.compile("<details class=\"host\" id=\"(h-\\d+)\">").matcher(html);
        while (m.find()) {
            anchors.add(m.group(1));
        }
        assertEquals(List.of("h-1", "h-2", "h-3", "h-4", "h-5", "h-6"), anchors);
        String web01 = between(html, "id=\"h-1\">", "</details>");
        assertTrue(web01.contains("Error code 0x904 (2308) disconnectReasonAtClientWinsockFDCLOSE"), web01);
        assertTrue(web01.contains("<td class=\"confirmed\">confirmed</td><td class=\"n\">85%</td><td>+ confirms "
                + "host.tls12ServerEnabled = false: The Schannel registry turns TLS 1.2 off"), web01);
        assertTrue(web01.contains("[fix] <a href=\"#step-enable-tls12-server\">"), "the plan links its steps: " + web01);
        String hostile = between(html, "id=\"h-5\">", "</details>");
        assertTrue(hostile.contains("<li><b>tls12-disabled</b>: host.tls12ServerEnabled = true: TLS 1.2 is enabled"), hostile);
        // Each step the plans use is described once, with its commands.
        String step = between(html, "<section id=\"step-enable-tls12-server\">", "</section>");
        assertTrue(step.contains("reg add &quot;HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"), step);
        assertEquals(1, html.split("<section id=\"step-enable-tls12-server\">", -1).length - 1);
        String bad = between(html, "id=\"h-6\">", "</details>");
        assertTrue(bad.contains("fleet.jsonl:6:1: error: &#39;not&#39; is not a JSON value"), bad);
        assertTrue(html.contains("<h2 id=\"problems\">") && html.contains("<a href=\"#h-6\">6</a>"), "the bad record is listed");
    }

    @Test
    void anInterruptedRunResumedWithItsReportGivesTheSameReport() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        // Large enough that a stop at the first chunk leaves records unread (those read are all finished).
        TestFleet.writeJsonLines(fleet, 5000, 50);
        Path fullReport = tmp.resolve("full.html");
        Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), tmp.resolve("full.jsonl")), null, fullReport, false));

        Path out = tmp.resolve("out.jsonl");
        Path report = tmp.resolve("out.html");
        AtomicBoolean stop = new AtomicBoolean();
        Fleet.Run stopped = Fleet.run(Fleet.batch(),
                Fleet.outputs(Fleet.request(List.of(fleet.toString()), out), null, report, false), new BatchListener() {
                    @Override
                    public void progress(Progress now) {
                        stop.set(true);
                    }
                }, stop);
        assertTrue(stopped.summary().interrupted());
        assertFalse(Files.exists(report), "no report from an interrupted run");
        assertTrue(Files.exists(tmp.resolve("out.html.part")), "its staging file stays for --resume");
        Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), out), null, report, true));
        assertEquals(withoutDate(Files.readString(fullReport)), withoutDate(Files.readString(report)));
    }

    @Test
    void resumingWithAReportTheFirstRunDidNotWriteDiagnosesTheEarlierHostsForItOnly() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        Files.writeString(fleet, Fleet.jsonLines(Fleet.HOSTS));
        Path out = tmp.resolve("out.jsonl");
        Fleet.Run first = Fleet.run(Fleet.request(List.of(fleet.toString()), out));
        List<String> kept = first.lines().subList(0, 3);
        Files.write(out, kept);
        Path report = tmp.resolve("out.html");
        Fleet.Run resumed = Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), out), null, report, true));
        assertEquals(first.lines(), resumed.lines(), "the main output is continued, not repeated");
        String html = Files.readString(report);
        for (int i = 1; i <= 5; i++) {
            assertTrue(html.contains("id=\"h-" + i + "\""), "host " + i + " is in the report");
        }
    }

    private static String withoutDate(String html) {
        return html.replaceFirst("Generated [^<]* by rdpdiag from [^.]*\\.", "Generated");
    }

    private static String summary(String html) {
        return between(html, "<h2 id=\"summary\">", "</table>");
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        assertTrue(a >= 0, "missing " + start);
        int b = text.indexOf(end, a);
        return text.substring(a, b < 0 ? text.length() : b);
    }
}
