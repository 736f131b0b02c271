package org.rdpdiag.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.engine.EngineException;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.batch.BatchException;
import tools.jackson.databind.ObjectMapper;

/**
 * The server: the JDK's HTTP server with the pages, the static files and the API, bounded in
 * what one request may send and in how many consultations run at once.
 */
public final class WebServer implements AutoCloseable {
    /**
     * How the server runs.
     *
     * @param bind          the address to listen on (loopback unless told otherwise)
     * @param port          the port, 0 for any free one
     * @param maxBody       the largest body of a diagnosis, an interview step or a page form, in bytes
     * @param maxBatchBody  the largest export for {@code /api/v1/batch} and the fleet page, in bytes
     * @param consultations how many diagnoses, interviews and batches run at once; more wait
     * @param waitSeconds   how long a request waits for its turn before it is refused with 503
     */
    public record Settings(InetAddress bind, int port, int maxBody, int maxBatchBody, int consultations, int waitSeconds) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the port must be from 0 to 65535, not " + port);
            }
            if (maxBody < 1024 || maxBatchBody < 1024) {
                throw new IllegalArgumentException("a body limit must be at least 1024 bytes");
            }
            if (waitSeconds < 0) {
                throw new IllegalArgumentException("the wait for a turn cannot be negative");
            }
            if (consultations < 1) {
                throw new IllegalArgumentException("at least one consultation must be allowed at a time");
            }
        }

        /** Loopback, the given port, 1 MB per diagnosis, 8 MB per export, two consultations per core. */
        public static Settings defaults(int port) {
            return new Settings(InetAddress.getLoopbackAddress(), port, 1024 * 1024, 8 * 1024 * 1024,
                    2 * Runtime.getRuntime().availableProcessors(), 10);
        }
    }

    private static final ObjectMapper JSON = org.rdpdiag.text.InertJson.mapper().build();

    static {
        // The JDK server reads these once. Without them it waits for ever on a client that stops
        // sending, and small answers wait for the peer's delayed acknowledgement (Nagle).
        setIfAbsent("sun.net.httpserver.maxReqTime", "30");
        setIfAbsent("sun.net.httpserver.maxRspTime", "120");
        setIfAbsent("sun.net.httpserver.idleInterval", "30");
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Semaphore turns;
    private final Settings settings;
    private final Api api;
    private final Pages pages;
    private final Map<String, StaticFile> files = new LinkedHashMap<>();

    private record StaticFile(String type, byte[] body) {}

    private WebServer(DiagnoseService service, Settings settings) throws IOException {
        this.settings = settings;
        this.turns = new Semaphore(settings.consultations(), true);
        this.api = new Api(service, settings);
        this.pages = new Pages(service, settings);
        files.put("/static/app.css", new StaticFile("text/css; charset=utf-8", Resources.bytes("app.css")));
        files.put("/static/app.js", new StaticFile("text/javascript; charset=utf-8", Resources.bytes("app.js")));
        AtomicInteger n = new AtomicInteger();
        // Consultations plus a few for pages and refusals, so that a busy server still answers "busy".
        this.threads = Executors.newFixedThreadPool(settings.consultations() + 4, r -> {
            Thread t = new Thread(r, "rdpdiag-web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 256);
        server.createContext("/", this::dispatch);
        server.setExecutor(threads);
    }

    /** Starts listening; the server runs on its own threads until {@link #close()}. */
    public static WebServer start(DiagnoseService service, Settings settings) throws IOException {
        WebServer w = new WebServer(service, settings);
        w.server.start();
        return w;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets the requests under way finish for up to two seconds, and stops. */
    @Override
    public void close() {
        server.stop(2);
        threads.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) {
        Call call = null;
        boolean api = exchange.getRequestURI().getPath().startsWith(Api.PREFIX + "/")
                || exchange.getRequestURI().getPath().equals(Api.PREFIX);
        try {
            call = new Call(exchange);
            String path = call.path();
            StaticFile file = files.get(path);
            if (file != null) {
                if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
                    throw HttpFailure.methodNotAllowed("GET");
                }
                call.header("Cache-Control", "max-age=3600");
                call.send(200, file.type(), Call.PAGE_POLICY, file.body());
                return;
            }
            boolean free = path.equals(Api.PREFIX + "/openapi.json") || path.equals(Api.PREFIX + "/catalog")
                    || path.startsWith(Api.PREFIX + "/codes/");
            if (free) {
                this.api.handle(call);
                return;
            }
            if (!turns.tryAcquire(settings.waitSeconds(), TimeUnit.SECONDS)) {
                call.header("Retry-After", "2");
                throw HttpFailure.of(503, "the server is busy with other consultations; try again in a moment");
            }
            try {
                if (api) {
                    this.api.handle(call);
                } else {
                    pages.handle(call);
                }
            } finally {
                turns.release();
            }
        } catch (HttpFailure f) {
            fail(call, exchange, api, f);
        } catch (FactsException e) {
            fail(call, exchange, api, new HttpFailure(400, Api.problems(e), List.of()));
        } catch (BatchException e) {
            fail(call, exchange, api, HttpFailure.badRequest(e.getMessage()));
        } catch (EngineException e) {
            // A rule of the knowledge base failed on these facts: the server's fault, not the request's.
            fail(call, exchange, api, HttpFailure.of(500, "the knowledge base failed on these facts: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(call, exchange, api, HttpFailure.of(503, "the server is stopping"));
        } catch (IOException e) {
            // The client went away or stopped sending: nothing to answer.
            exchange.close();
        } catch (RuntimeException e) {
            fail(call, exchange, api, HttpFailure.of(500, "internal error (" + e.getClass().getSimpleName() + ")"));
        } finally {
            exchange.close();
        }
    }

    private void fail(Call call, HttpExchange exchange, boolean api, HttpFailure f) {
        try {
            if (call == null) {
                call = new Call(exchange);
            }
            if (call.sent()) {
                return; // a streamed answer already started: the client sees it end early
            }
            f.headers().forEach(h -> exchange.getResponseHeaders().set(h[0], h[1]));
            if (api) {
                call.json(f.status(), JSON.writeValueAsString(errors(f)));
            } else {
                call.html(f.status(), pages.errorPage(f));
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    static Map<String, Object> errors(HttpFailure f) {
        return Map.of("errors", f.problems().stream()
                .map(p -> Api.object("line", p.line(), "column", p.column(), "message", p.message())).toList());
    }
}
