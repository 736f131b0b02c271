package org.rdpdiag.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.Examples;

/** The pages over HTTP: the interview's state in the address, the forms' token, and hostile input made inert. */
class PagesTest extends ServedTest {
    static final Path HOSTILE = Path.of("src/test/resources/hostile/hostile.yaml");
    static final Path EXAMPLE = Path.of("facts/examples/expired-self-signed-cert.yaml");



    @Test
    void anInterviewRunsOnAddressesAloneAndBackTakesTheLastAnswerBack() {
        HostFacts truth = FactsReader.read(EXAMPLE);
        String address = "/interview?id=web01";
        String page = null;
        int questions = 0;
        for (; questions < 60; questions++) {
            HttpResponse<String> r = web.get(address);
            assertEquals(200, r.statusCode(), r.body());
            page = r.body();
            if (page.contains("id=\"complete\"")) {
                break;
            }
            String question = attribute(page, "data-question");
            String fact = Examples.service().knowledgeBase().catalog().question(question).orElseThrow().fact();
            Object value = truth.value(fact);
            String answer = value == null ? "&u=1" : value instanceof List<?> l ? l.stream().map(v -> "&c=" + v)
                    .reduce("", String::concat) : (page.contains("name=\"c\"") ? "&c=" : "&v=") + enc(String.valueOf(value));
            HttpResponse<String> redirect = web.get(address + "&q=" + enc(question) + answer);
            assertEquals(303, redirect.statusCode(), redirect.body());
            String next = redirect.headers().firstValue("Location").orElseThrow();
            assertTrue(next.startsWith("/interview?") && next.length() > address.length(), next);
            if (questions == 2) {
                // Back leads to the address before the last answer, and that address shows the same question again.
                String back = web.get(next).body();
                assertEquals(address, unescape(hrefOf(back, "back")));
                assertEquals(question, attribute(web.get(address).body(), "data-question"), "a reload asks the same");
            }
            address = next;
        }
        assertTrue(page.contains("id=\"complete\""), "the interview ends in the report");
        assertTrue(page.indexOf("id=\"summary\"") < page.indexOf("id=\"causes\""), "the summary comes first");
        assertTrue(page.contains("<code>rdp-certificate-invalid</code>"));
        assertTrue(page.contains("class=\"persists\""), "fixes offer to go on when the failure persists");
        String persists = unescape(hrefOf(page, null, "class=\"persists\" href=\""));
        assertTrue(persists.contains("&t="), persists);
        String after = web.get(persists).body();
        assertTrue(after.contains("Tried without success"), "the tried fix is carried on");

        HttpResponse<String> markdown = web.get(unescape(hrefOf(page, "export-md")));
        assertEquals(200, markdown.statusCode());
        assertTrue(markdown.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
        assertTrue(markdown.body().startsWith("# rdpdiag diagnosis for web01"), markdown.body());
        HttpResponse<String> facts = web.get(unescape(hrefOf(page, "export-facts")));
        HostFacts saved = FactsReader.read(facts.body(), "saved.yaml", FactsReader.Format.YAML);
        assertEquals("web01", saved.id());
        assertEquals(truth.value("host.certificateState"), saved.value("host.certificateState"), "the answers are in the file");
    }

    @Test
    void aWrongTypedAnswerShowsTheQuestionAgainWithAHint() {
        HttpResponse<String> r = web.get("/interview?q=error-main-code&v=" + enc("not a code"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("class=\"hint\""));
        assertEquals("error-main-code", attribute(r.body(), "data-question"));
    }

    @Test
    void aHostileHostIdIsInertOnEveryPage() throws Exception {
        String id = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>\u001b[31m\u202Eevil";
        String q = "id=" + enc(id);
        String text = Files.readString(HOSTILE);
        String facts = "f=" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        for (String address : List.of("/interview?" + q, "/report?" + q, "/interview?" + facts, "/report?" + facts,
                "/interview?" + q + "&q=error-main-code&v=" + enc("<script>x</script>"))) {
            HttpResponse<String> r = web.get(address);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 400, address + " " + r.statusCode());
            assertInert(r.body(), address);
        }
        assertTrue(web.get("/report?" + facts).body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
        HttpResponse<String> error = web.get("/interview?a=" + enc("<script>alert(1)</script>:1"));
        assertEquals(400, error.statusCode());
        assertInert(error.body(), "error page");
    }

    /** No element or attribute comes from the input: only the page's own tags, and no control characters. */
    static void assertInert(String html, String where) {
        assertFalse(html.contains("<script>") || html.contains("<img"), where + ": markup from the input");
        Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
        while (tags.find()) {
            String outsideValues = tags.group().replaceAll("\"[^\"]*\"", "\"\"");
            assertFalse(Pattern.compile("\\son\\w+=").matcher(outsideValues).find(), where + ": an event handler in " + tags.group());
        }
        assertFalse(html.toLowerCase().contains("href=\"javascript:"), where + ": a script link");
        // Shown text only: a hidden field carries a value back exactly as it came, and shows nothing.
        String shown = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html).replaceAll(m -> Matcher.quoteReplacement(
                m.group().replaceAll("\"[^\"]*\"", "\"\"")));
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e);
            assertFalse(control, where.substring(0, Math.min(40, where.length())) + ": a control character in "
                    + shown.substring(Math.max(0, i - 80), Math.min(shown.length(), i + 20)));
        }
        Matcher scripts = Pattern.compile("<script[^>]*>").matcher(html);
        while (scripts.find()) {
            assertEquals("<script src=\"/static/app.js\" defer>", scripts.group(), where);
        }
    }

    @Test
    void formsThatSendFilesNeedTheTokenOfTheStartPage() {
        HttpResponse<String> start = web.get("/");
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        assertTrue(start.body().contains("name=\"csrf\" value=\"" + token + "\""));
        String form = "text=" + enc("error: {mainCode: \"0x904\", extendedCode: \"0x7\"}\nhost: {tls12ServerEnabled: false}\n")
                + "&then=report";

        assertEquals(403, postForm("/facts", form, null).statusCode(), "no token");
        assertEquals(403, postForm("/facts", form + "&csrf=" + token, null).statusCode(), "no cookie");
        assertEquals(403, postForm("/facts", form + "&csrf=forged.value", "rdpdiag-csrf=forged.value").statusCode(), "unsigned");
        HttpRequest.Builder foreign = HttpRequest.newBuilder(URI.create(web.base() + "/facts"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "rdpdiag-csrf=" + token)
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(form + "&csrf=" + token));
        assertEquals(403, web.send(foreign).statusCode(), "another site");

        HttpResponse<String> ok = postForm("/facts", form + "&csrf=" + token, "rdpdiag-csrf=" + token);
        assertEquals(303, ok.statusCode(), ok.body());
        String report = web.get(ok.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(report.contains("<code>tls12-disabled</code>"), "the report of the pasted facts");

        HttpResponse<String> bad = postForm("/facts", "text=" + enc("host:\n  nlaRequird: true\n") + "&csrf=" + token,
                "rdpdiag-csrf=" + token);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("2:3: unknown key &#39;nlaRequird&#39;"), bad.body());
    }

    @Test
    void uploadsAsABrowserSendsThem() throws Exception {
        HttpResponse<String> start = web.get("/");
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow();
        String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        String jsonl = "{\"id\": \"a\", \"error\": {\"mainCode\": \"0x904\"}, \"host\": {\"tls12ServerEnabled\": false}}\n"
                + "{\"id\": \"<b>b</b>\", \"host\": {\"nlaRequired\": \"yes\"}}\n";
        HttpResponse<String> fleet = postMultipart("/fleet", token, Map.of("file", new String[] {"fleet.jsonl", jsonl}));
        assertEquals(200, fleet.statusCode(), fleet.body());
        String csp = fleet.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("style-src 'sha256-") && !csp.contains("script-src") && !csp.contains("unsafe"), csp);
        assertTrue(fleet.body().contains("tls12-disabled") && fleet.body().contains("&lt;b&gt;b&lt;/b&gt;"));
        assertEquals(403, postMultipart("/fleet", "x", Map.of("file", new String[] {"fleet.jsonl", jsonl})).statusCode());

        String host = Files.readString(Path.of("collect/samples/expired-self-signed-cert-host.json"));
        HttpResponse<String> evidence = postMultipart("/evidence", token, Map.of("host", new String[] {"h.json", host}));
        assertEquals(303, evidence.statusCode(), evidence.body());
        String page = web.get(evidence.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(page.contains("data-question=") || page.contains("id=\"complete\""), page);
        assertFalse(page.contains("data-question=\"host-certificate-state\""), "what the evidence holds is not asked");
    }

    private static HttpResponse<String> postForm(String path, String body, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(web.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return web.send(b);
    }

    private static HttpResponse<String> postMultipart(String path, String token, Map<String, String[]> files) {
        String boundary = "----rdpdiagTestBoundary7MA4YWxk";
        StringBuilder body = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token + "\r\n");
        files.forEach((name, file) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"; filename=\"").append(file[0]).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(file[1]).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return web.send(HttpRequest.newBuilder(URI.create(web.base() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", "rdpdiag-csrf=" + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    static String attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "no " + name + " in the page");
        return m.group(1);
    }

    private static String hrefOf(String html, String id) {
        return hrefOf(html, id, null);
    }

    private static String hrefOf(String html, String id, String prefix) {
        String start = prefix != null ? prefix : "id=\"" + id + "\" href=\"";
        int at = html.indexOf(start);
        assertTrue(at >= 0, "no link " + start);
        int from = at + start.length();
        return html.substring(from, html.indexOf('"', from));
    }

    private static String unescape(String attribute) {
        return attribute.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
