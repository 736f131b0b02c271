package org.rdpdiag.text;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON whose strings are inert when printed: JSON itself escapes only C0 controls, so C1
 * controls and the bidirectional characters that {@link Inert} escapes on a terminal are written
 * as {@code \}{@code uXXXX} here too. A reader gets the same string back; only the bytes differ.
 */
public final class InertJson {
    private InertJson() {}

    /** A mapper builder whose generators escape what {@link Inert} escapes. */
    public static JsonMapper.Builder mapper() {
        return JsonMapper.builder(JsonFactory.builder().characterEscapes(new Escapes()).build());
    }

    private static final class Escapes extends CharacterEscapes {
        private static final int[] ASCII = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch > 0x7F && Inert.unsafe((char) ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
