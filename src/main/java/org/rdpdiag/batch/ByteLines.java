package org.rdpdiag.batch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so that each record can be decoded, and
 * refused when it is not UTF-8, on its own. A line longer than the limit is not kept in memory:
 * its bytes are skipped and only its length is reported, so one runaway line cannot exhaust the
 * heap.
 */
final class ByteLines {
    /** One line: its bytes without the line break ({@code null} when it was too long), its number and length. */
    record Line(byte[] bytes, int number, long length, long endOffset) {
        boolean tooLong() {
            return bytes == null;
        }

        boolean blank() {
            if (bytes == null) {
                return false;
            }
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final int maxLength;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private int number;
    private long offset;
    private boolean eof;

    ByteLines(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or {@code null} at the end of the stream. */
    Line next() throws IOException {
        byte[] kept = null;
        int keptLength = 0;
        long length = 0;
        boolean overflow = false;
        while (true) {
            if (start == end) {
                if (eof || !fill()) {
                    eof = true;
                    if (length == 0 && kept == null) {
                        return null;
                    }
                    return finish(kept, keptLength, length, overflow);
                }
            }
            int newline = -1;
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int stop = newline < 0 ? end : newline;
            int n = stop - start;
            length += n;
            if (!overflow) {
                if (length > maxLength) {
                    overflow = true;
                    kept = null;
                } else {
                    if (kept == null) {
                        kept = new byte[Math.max(n, 256)];
                    } else if (keptLength + n > kept.length) {
                        kept = Arrays.copyOf(kept, Math.max(keptLength + n, 2 * kept.length));
                    }
                    System.arraycopy(buffer, start, kept, keptLength, n);
                    keptLength += n;
                }
            }
            offset += n;
            start = stop;
            if (newline >= 0) {
                start++;
                offset++;
                return finish(kept, keptLength, length, overflow);
            }
        }
    }

    private Line finish(byte[] kept, int keptLength, long length, boolean overflow) {
        number++;
        if (overflow) {
            return new Line(null, number, length, offset);
        }
        int n = keptLength;
        if (n > 0 && kept[n - 1] == '\r') {
            n--;
        }
        byte[] bytes = kept == null ? new byte[0] : kept.length == n ? kept : Arrays.copyOf(kept, n);
        return new Line(bytes, number, length, offset);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        start = 0;
        end = n;
        return true;
    }

    /** Bytes consumed so far, line breaks included. */
    long offset() {
        return offset;
    }
}
