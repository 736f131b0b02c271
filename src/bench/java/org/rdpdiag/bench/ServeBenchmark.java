package org.rdpdiag.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on {@code rdpdiag serve}: starts the product jar's server as its own process on a free
 * loopback port, times the start to the first answered diagnosis, then keeps N keep-alive
 * connections busy for a while at each level and reports throughput, latency percentiles,
 * errors and the server's heap after a full collection. The client is a plain blocking socket per
 * connection, writing one request and reading its whole answer before the next, so that it costs
 * the two cores it shares with the server as little as possible. The requests cycle through
 * different hosts, so no answer is served twice in a row.
 */
final class ServeBenchmark {
    /** One request as it goes on the wire. */
    record Request(String name, byte[] bytes) {}

    /** A keep-alive connection with its buffered streams. */
    private static final class Connection implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.out = socket.getOutputStream();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** What one level of load produced. */
    record Result(String what, int connections, long requests, long errors, double seconds, long[] latencies, double serverCpuSeconds,
            String load) {
        double perSecond() {
            return requests / seconds;
        }

        double percentile(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
        }
    }

    private final Path jar;
    private final PrintWriter out;
    private Process server;
    private int port;

    ServeBenchmark(Path jar, PrintWriter out) {
        this.jar = jar;
        this.out = out;
    }

    /** Starts the server; returns the milliseconds from the process start to the first answered diagnosis. */
    double start(List<String> jvmOptions, Request first) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--port", "0"));
        long t0 = System.nanoTime();
        server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        Matcher m = line == null ? null : Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
        if (m == null || !m.find()) {
            stop();
            throw new IOException("the server did not say where it listens: " + line);
        }
        port = Integer.parseInt(m.group(1));
        try (Connection s = connect()) {
            int status = exchange(s, first.bytes());
            if (status != 200) {
                throw new IOException("the first diagnosis answered " + status);
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    long pid() {
        return server == null ? ProcessHandle.current().pid() : server.pid();
    }

    /** Measures a server that is already listening on {@code port} (its tests run one in-process). */
    void attach(int port) {
        this.port = port;
    }

    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Keeps {@code connections} connections sending {@code requests} in turn for {@code seconds}, after a warm-up. */
    Result run(String what, List<Request> requests, int connections, double seconds) throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int me = c;
            threads[c] = new Thread(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                int next = me;
                Connection s = null;
                try {
                    while (System.nanoTime() < end) {
                        if (s == null) {
                            s = connect();
                        }
                        byte[] request = requests.get(next++ % requests.size()).bytes();
                        long t = System.nanoTime();
                        int status;
                        try {
                            status = exchange(s, request);
                        } catch (IOException e) {
                            status = -1;
                            s.close();
                            s = null;
                        }
                        long took = System.nanoTime() - t;
                        if (status != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } finally {
                    latencies[me] = mine;
                    counts[me] = n;
                    try {
                        if (s != null) {
                            s.close();
                        }
                    } catch (IOException e) {
                        // closing at the end: nothing left to measure
                    }
                }
            }, "bench-client-" + c);
        }
        String load = loadAverage();
        double cpu0 = serverCpuSeconds();
        long t0 = System.nanoTime();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - t0) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(what, connections, total, errors.get(), took, all, serverCpuSeconds() - cpu0, load);
    }

    /**
     * The CPU time the server process has used, from /proc (Linux; NaN elsewhere). CPU per request
     * holds when other programs share the cores, where throughput and latency do not.
     */
    double serverCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in USER_HZ (100 on Linux)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The machine's one-minute load average, to say how much of the cores the run had. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The server's heap in use after a full collection, in MB, as jcmd reports it; NaN without jcmd. */
    double heapAfterGc() {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            if (!Files.isExecutable(jcmd)) {
                return Double.NaN;
            }
            run(jcmd.toString(), String.valueOf(pid()), "GC.run");
            String info = run(jcmd.toString(), String.valueOf(pid()), "GC.heap_info");
            Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException | InterruptedException e) {
            return Double.NaN;
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text;
    }

    void print(Result r) {
        out.println(String.format(Locale.ROOT, "%-9s %3d conn %7d req %6.0f/s  p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  "
                + "errors %d  server CPU %.2f ms/req  load %s",
                r.what(), r.connections(), r.requests(), r.perSecond(), r.percentile(50), r.percentile(99), r.percentile(100),
                r.errors(), r.serverCpuSeconds() * 1000 / Math.max(1, r.requests()), r.load()));
        out.flush();
    }

    private Connection connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new Connection(s);
    }

    static Request get(String name, String path) {
        return new Request(name, ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    static Request post(String name, String path, String type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length
                + "\r\nConnection: keep-alive\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return new Request(name, all);
    }

    /** Sends one request and reads its whole answer (Content-Length or chunked); returns the status. */
    private static int exchange(Connection s, byte[] request) throws IOException {
        s.out.write(request);
        s.out.flush();
        InputStream in = s.in;
        String status = line(in);
        if (status == null) {
            throw new IOException("the server closed the connection");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).strip(), 16); size > 0; size = Long.parseLong(line(in).strip(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return code;
    }

    private static void skip(InputStream in, long n) throws IOException {
        byte[] buffer = new byte[8192];
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("the answer ended early");
            }
            n -= r;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = b.length();
                return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }
}
