package org.rdpdiag.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages input the way files really get damaged, and the way a hostile user would: cut short,
 * bytes flipped, control and direction characters, text that is not UTF-8, values grown huge,
 * structures nested deep, lines lost or doubled. Every mutation is a pure function of the seed,
 * so a failure is reproduced by its number.
 */
final class Mutator {
    /** What one mutation did, for the failure message. */
    record Mutation(String kind, byte[] bytes) {}

    private static final List<String> HOSTILE = List.of("\u001b[31m", "\u001b]0;title\u0007", "\r", "\u0000", "\u0085",
            "\u009b2J", "\u202e", "\u2066", "\n# heading\n", "[click](javascript:alert(1))", "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0", "&anchor ", "*anchor", "!!binary ", "\t", "\"", "'", "{", "}", "[", "]", ",", ":");

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** One mutation of {@code input}, chosen and placed at random; {@code lineSafe} keeps line breaks out. */
    Mutation mutate(byte[] input, boolean lineSafe) {
        int kind = random.nextInt(lineSafe ? 7 : 10);
        return switch (kind) {
            case 0 -> new Mutation("flip a byte", flip(input));
            case 1 -> new Mutation("insert a hostile string", insert(input, hostile(lineSafe)));
            case 2 -> new Mutation("insert bytes that are not UTF-8", insert(input, new byte[] {(byte) 0xC3, (byte) 0x28,
                    (byte) 0xFF, (byte) 0xE2, (byte) 0x82}));
            case 3 -> new Mutation("grow a value huge", insert(input, huge()));
            case 4 -> new Mutation("nest deep", insert(input, deep()));
            case 5 -> new Mutation("insert control bytes", insert(input, controls()));
            case 6 -> new Mutation("replace a number", replaceDigits(input));
            case 7 -> new Mutation("cut short", Arrays.copyOf(input, input.length == 0 ? 0 : random.nextInt(input.length)));
            case 8 -> new Mutation("lose a line", dropLine(input));
            default -> new Mutation("double a line", doubleLine(input));
        };
    }

    private String hostile(boolean lineSafe) {
        String s;
        do {
            s = HOSTILE.get(random.nextInt(HOSTILE.size()));
        } while (lineSafe && (s.contains("\n") || s.contains("\r")));
        return s;
    }

    private byte[] flip(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    private byte[] insert(byte[] in, String text) {
        return insert(in, text.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] insert(byte[] in, byte[] piece) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + piece.length);
        out.write(in, 0, at);
        out.write(piece, 0, piece.length);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    /** A value from a few kilobytes up to about half a megabyte: inside the file size limit, beyond any text limit. */
    private String huge() {
        int size = 1 << (12 + random.nextInt(8));
        return "x".repeat(size / 2) + " word".repeat(size / 10);
    }

    private String deep() {
        int depth = 50 + random.nextInt(5000);
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private byte[] controls() {
        byte[] b = new byte[1 + random.nextInt(6)];
        for (int i = 0; i < b.length; i++) {
            int c = random.nextInt(32);
            b[i] = (byte) (c == '\n' || c == '\r' ? 0x1b : c);
        }
        return b;
    }

    private byte[] replaceDigits(byte[] in) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        String[] numbers = {"-1", "99999999999999999999", "1e309", "0x", "NaN", "3.5", "-0", "2147483648"};
        return s.replaceFirst("\\d+", numbers[random.nextInt(numbers.length)]).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] dropLine(byte[] in) {
        List<String> lines = List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1));
        if (lines.size() < 2) {
            return in;
        }
        int drop = random.nextInt(lines.size());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i != drop) {
                out.append(lines.get(i)).append(i < lines.size() - 1 ? "\n" : "");
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] doubleLine(byte[] in) {
        String[] lines = new String(in, StandardCharsets.ISO_8859_1).split("\n", -1);
        int twice = random.nextInt(lines.length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]).append('\n');
            if (i == twice) {
                out.append(lines[i]).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
