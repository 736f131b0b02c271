package org.rdpdiag.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes UTF-8 without ever failing: a malformed byte sequence becomes U+FFFD, and the first one
 * of each line is noted with its line and column, so that the CSV parser reading ahead of the
 * rows it hands out cannot lose or misplace the problem. A CSV parser can go on after such a
 * byte because no byte of a line break or of a quote is ever taken as part of a malformed
 * sequence.
 *
 * <p>Lines and columns are counted as the CSV parser counts them: {@code \n}, {@code \r} and
 * {@code \r\n} end a line, columns are UTF-16 characters from 1, a byte-order mark included, so a
 * noted place and a cell's place agree. A U+FFFD written in the file is ordinary text and is not
 * noted.
 */
final class Utf8Reader extends Reader {
    /**
     * The first malformed sequence of a line: where its replacement character stands, and what the
     * bytes were, as in "byte 0xFF, which never occurs in UTF-8".
     */
    record Malformed(int line, int column, String message) {}

    private final InputStream in;
    private final byte[] buf = new byte[32 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    /** The low half of a supplementary character that did not fit into the caller's buffer. */
    private char pendingLow;

    /** Characters handed out so far: positions below are counted in these, over the whole input. */
    private long chars;
    private int line = 1;
    private long lineStart;
    private long lastCr = -2;
    private int lastMalformedLine;
    private final ArrayDeque<Malformed> malformed = new ArrayDeque<>();

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    /** Takes the noted sequences of every line up to {@code lastLine}, in file order. */
    List<Malformed> takeUpTo(int lastLine) {
        if (malformed.isEmpty() || malformed.peekFirst().line() > lastLine) {
            return List.of(); // the common case, without allocating
        }
        List<Malformed> taken = new ArrayList<>();
        while (!malformed.isEmpty() && malformed.peekFirst().line() <= lastLine) {
            taken.add(malformed.removeFirst());
        }
        return taken;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len <= 0) {
            return 0;
        }
        int o = off;
        int end = off + len;
        if (pendingLow != 0) {
            cbuf[o++] = pendingLow;
            pendingLow = 0;
        }
        // Global position of cbuf[i] is base + i.
        long base = chars - off;
        while (o < end) {
            if (pos >= limit && !fill()) {
                break;
            }
            // ASCII, the bulk of any export, stays in this loop.
            int stop = pos + Math.min(limit - pos, end - o);
            while (pos < stop) {
                int b = buf[pos];
                if (b < 0) {
                    break;
                }
                pos++;
                cbuf[o] = (char) b;
                if (b <= '\r' && (b == '\n' || b == '\r')) {
                    lineBreak(b, base + o);
                }
                o++;
            }
            if (pos < stop) {
                o = multiByte(cbuf, o, end, base);
            }
        }
        chars = base + o;
        return o == off ? -1 : o - off;
    }

    /** Decodes the non-ASCII sequence at {@code pos} into {@code cbuf[o]}; returns the next free index. */
    private int multiByte(char[] cbuf, int o, int end, long base) throws IOException {
        int lead = buf[pos] & 0xFF;
        int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
        if (need == 0) {
            return malformed(cbuf, o, base, 1, "byte " + hex(lead) + ", which never occurs in UTF-8");
        }
        while (limit - pos <= need && !eof) {
            fill();
        }
        int cp = lead & (0x3F >> need);
        for (int i = 1; i <= need; i++) {
            if (pos + i >= limit) {
                return malformed(cbuf, o, base, i, bytes(i) + " starting a character that the end of the file cuts short");
            }
            int c = buf[pos + i] & 0xFF;
            // The second byte's narrower ranges exclude overlong forms, surrogates and code points past U+10FFFF.
            int low = i > 1 ? 0x80 : lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
            int high = i > 1 ? 0xBF : lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
            if (c < low || c > high) {
                return malformed(cbuf, o, base, i, bytes(i) + " starting a character that the next byte, " + hex(c)
                        + ", does not continue");
            }
            cp = cp << 6 | c & 0x3F;
        }
        pos += need + 1;
        if (cp < 0x10000) {
            cbuf[o] = (char) cp;
            return o + 1;
        }
        cbuf[o++] = Character.highSurrogate(cp);
        if (o < end) {
            cbuf[o] = Character.lowSurrogate(cp);
            return o + 1;
        }
        pendingLow = Character.lowSurrogate(cp);
        return o;
    }

    private int malformed(char[] cbuf, int o, long base, int length, String message) {
        pos += length;
        cbuf[o] = '\uFFFD';
        if (line != lastMalformedLine) {
            lastMalformedLine = line;
            malformed.addLast(new Malformed(line, (int) (base + o - lineStart) + 1, message));
        }
        return o + 1;
    }

    private void lineBreak(int b, long at) {
        if (b == '\r') {
            line++;
            lastCr = at;
        } else if (lastCr != at - 1) {
            line++; // a \n after a \r ends the same line
        }
        lineStart = at + 1;
    }

    /** Reads more bytes after those not yet decoded; false when there are none left at all. */
    private boolean fill() throws IOException {
        if (!eof) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return pos < limit;
    }

    /** The first {@code n} bytes at {@code pos}, as a message names them. */
    private String bytes(int n) {
        StringBuilder s = new StringBuilder(n == 1 ? "byte" : "bytes");
        for (int i = 0; i < n; i++) {
            s.append(' ').append(hex(buf[pos + i] & 0xFF));
        }
        return s.toString();
    }

    private static String hex(int b) {
        return String.format(Locale.ROOT, "0x%02X", b);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
