package org.rdpdiag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.text.Inert;
import org.rdpdiag.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rdpdiag serve}: the web pages and the REST API, in the foreground until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the interview, the report and the fleet upload as web pages, and the REST API under /api/v1 "
                + "(described at /api/v1/openapi.json). Runs in the foreground until Ctrl-C or SIGTERM.",
                "Listens on loopback only unless --bind names another address: the pages and the API have no login."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad usage, a port in use or a bad knowledge base", "3:internal error"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8904",
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback exposes the service "
                    + "to the network, without authentication.")
    String bind;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest facts document, interview or form accepted (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--max-upload", paramLabel = "BYTES", defaultValue = "8388608",
            description = "Largest export for the fleet page and POST /api/v1/batch (default: ${DEFAULT-VALUE}).")
    int maxUpload;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "0",
            description = "Consultations served at once; more wait, then get 503 (default: two per core).")
    int maxConcurrent;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new Failures.UsageException("--bind " + bind + ": not an address of this machine");
        }
        WebServer.Settings settings;
        try {
            settings = new WebServer.Settings(address, port, maxBody, maxUpload,
                    maxConcurrent == 0 ? 2 * Runtime.getRuntime().availableProcessors() : maxConcurrent, 10);
        } catch (IllegalArgumentException e) {
            throw new Failures.UsageException(e.getMessage());
        }
        DiagnoseService service = new DiagnoseService(knowledge.load());
        WebServer server;
        try {
            server = WebServer.start(service, settings);
        } catch (java.net.BindException e) {
            throw new Failures.UsageException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (another program has the port? try --port 0)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!address.isLoopbackAddress()) {
            err.println("rdpdiag: warning: listening on " + Inert.terminal(bind) + ", not on loopback: anyone who can reach "
                    + "this machine can use the pages and the API, without a login");
            err.flush();
        }
        out.println("listening on " + url(new InetSocketAddress(address, server.port())));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rdpdiag-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return ExitCodes.OK;
    }

    static String url(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
