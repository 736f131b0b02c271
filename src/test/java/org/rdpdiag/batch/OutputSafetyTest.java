package org.rdpdiag.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch outputs never destroy an input or earlier results: by identity, not by name; with
 * every output checked before any is cut; one run at a time per output; and a resume only of
 * the same run's results.
 */
class OutputSafetyTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static BatchService.Request req(Path in, Path out, Path csv, Path report, boolean resume) {
        return Fleet.outputs(Fleet.request(List.of(in.toString()), out), csv, report, resume);
    }

    @Test
    void anOutputThatIsAnInputThroughASymbolicOrHardLinkIsRefusedAndTheInputKept() throws Exception {
        String hosts = Fleet.jsonLines(Fleet.HOSTS);
        Path in = write("in.jsonl", hosts);
        Path symlink = Files.createSymbolicLink(tmp.resolve("l.jsonl"), in.getFileName());
        Path hardlink = Files.createLink(tmp.resolve("h.jsonl"), in);
        for (Path out : List.of(symlink, hardlink)) {
            BatchException e = assertThrows(BatchException.Usage.class, () -> Fleet.run(req(in, out, null, null, false)));
            assertTrue(e.getMessage().contains("under another name"), e.getMessage());
            assertEquals(hosts, Files.readString(in), "the input is intact");
        }
        // The input given through the link, the output named plainly.
        assertThrows(BatchException.Usage.class, () -> Fleet.run(req(symlink, in, null, null, false)));
        // The CSV or the report may not be the input either.
        assertThrows(BatchException.Usage.class, () -> Fleet.run(req(in, tmp.resolve("o.jsonl"), hardlink, null, false)));
        assertEquals(hosts, Files.readString(in));
        assertFalse(Files.exists(tmp.resolve("o.jsonl")), "nothing was written");
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeEarlierResultsAreTouched() throws Exception {
        Path in = write("in.jsonl", Fleet.jsonLines(Fleet.HOSTS));
        Path prev = tmp.resolve("prev.jsonl");
        Fleet.run(req(in, prev, null, null, false));
        String earlier = Files.readString(prev);
        Path blocker = write("not-a-folder", "a file where a folder is expected\n");
        BatchException e = assertThrows(BatchException.Usage.class,
                () -> Fleet.run(req(in, prev, blocker.resolve("x.csv"), null, false)));
        assertTrue(e.getMessage().startsWith("cannot write " + blocker.resolve("x.csv")), e.getMessage());
        assertEquals(earlier, Files.readString(prev), "the earlier results are intact");
        assertFalse(Files.exists(tmp.resolve(".prev.jsonl.partial")), "no working file is left behind");
        assertFalse(Files.exists(tmp.resolve(".prev.jsonl.lock")), "the lock is released");
    }

    @Test
    void resumingAFileThatIsNotResultsLeavesItByteForByte() throws Exception {
        Path in = write("in.jsonl", Fleet.jsonLines(Fleet.HOSTS));
        String notes = "my notes\nsecond line without a line break";
        Path out = write("notes.txt", notes);
        BatchException e = assertThrows(BatchException.Usage.class, () -> Fleet.run(req(in, out, null, null, true)));
        assertTrue(e.getMessage().contains("not a result line"), e.getMessage());
        assertEquals(notes, Files.readString(out));
    }

    @Test
    void resumingTheResultsOfOtherInputsIsRefused() throws Exception {
        Path first = write("first.jsonl", Fleet.jsonLines(Fleet.HOSTS));
        Path other = write("other.jsonl", Fleet.jsonLines(Fleet.HOSTS.subList(2, 5)));
        Path out = tmp.resolve("results.jsonl");
        Fleet.run(req(first, out, null, null, false));
        String results = Files.readString(out);
        BatchException e = assertThrows(BatchException.Usage.class, () -> Fleet.run(req(other, out, null, null, true)));
        assertTrue(e.getMessage().contains("results of another run"), e.getMessage());
        assertEquals(results, Files.readString(out));
        // Other options are another run too: --top changes every line.
        BatchService.Request top5 = new BatchService.Request(List.of(first.toString()), InputFormat.AUTO, null, out, null,
                null, null, true, 2, 5);
        assertThrows(BatchException.Usage.class, () -> Fleet.run(top5));
        // The same run resumes (nothing left to do) and changes nothing.
        Fleet.Run same = Fleet.run(req(first, out, null, null, true));
        assertEquals(Fleet.HOSTS.size(), same.summary().resumed());
        assertEquals(results, Files.readString(out));
    }

    @Test
    void aStalledInputStillWritesWhatItReadAndASecondRunToTheSameOutputIsRefused() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
        Path out = tmp.resolve("out.jsonl");
        BatchService.Request viaStdin = new BatchService.Request(List.of("-"), InputFormat.JSONL, stdin, out, null, null,
                null, false, 2, 3);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Fleet.Run> running = CompletableFuture.supplyAsync(() -> {
            try {
                return Fleet.run(Fleet.batch(), viaStdin, BatchListener.NONE, stop);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        feed.write(Fleet.jsonLines(Fleet.HOSTS).getBytes(StandardCharsets.UTF_8));
        feed.flush();
        Path partial = tmp.resolve(".out.jsonl.partial");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!Files.exists(partial) || Files.readAllLines(partial).size() < Fleet.HOSTS.size())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Fleet.HOSTS.size(), Files.readAllLines(partial).size(),
                "the records read are written while the input stalls");

        Path in = write("in.jsonl", Fleet.jsonLines(Fleet.HOSTS));
        BatchException busy = assertThrows(BatchException.Usage.class, () -> Fleet.run(req(in, out, null, null, false)));
        assertTrue(busy.getMessage().contains("another rdpdiag batch is writing"), busy.getMessage());

        stop.set(true); // what Ctrl-C or SIGTERM does, with the input still open and silent
        Fleet.Run stopped = running.get(10, TimeUnit.SECONDS);
        assertTrue(stopped.summary().interrupted());
        assertEquals(Fleet.HOSTS.size(), stopped.lines().size(), "the stopped run keeps every record it read");
        assertFalse(Files.exists(partial), "the results were moved into place");
        feed.close();
    }

    @Test
    void aFailedWriteLeavesTheEarlierResultsAndSaysHowToGoOn() throws Exception {
        Path in = write("in.jsonl", Fleet.jsonLines(Fleet.HOSTS));
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full (Linux)");
        BatchException e = assertThrows(BatchException.Output.class, () -> Fleet.batch()
                .run(req(in, full, null, null, false), BatchListener.NONE, new AtomicBoolean()));
        assertTrue(e.getMessage().startsWith("cannot write /dev/full: no space left on device. Free some space"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void aFolderInputNeverReadsTheRunsOwnOutputsOrNamedPipes() throws Exception {
        Path hosts = Fleet.folder(tmp.resolve("hosts"), Fleet.HOSTS);
        Path out = hosts.resolve("results.json");
        Fleet.Run first = Fleet.run(req(hosts, out, null, null, false));
        Process fifo = new ProcessBuilder("mkfifo", hosts.resolve("stuck.yaml").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(fifo.waitFor() == 0, "needs mkfifo");
        Fleet.Run second = Fleet.run(req(hosts, out, null, null, false));
        assertEquals(Fleet.HOSTS.size(), first.lines().size());
        assertEquals(first.lines(), second.lines(), "neither its own results nor the pipe became a record");
    }
}
