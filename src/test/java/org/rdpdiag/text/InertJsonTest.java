package org.rdpdiag.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class InertJsonTest {
    @Test
    void c1AndDirectionCharactersAreEscapedAndReadBackUnchanged() {
        String hostile = "a\u0085b\u009b2Jc\u202ed\u2066e caf\u00e9 \u65e5\u672c";
        String json = InertJson.mapper().build().writeValueAsString(Map.of("id", hostile));
        assertEquals("{\"id\":\"a\\u0085b\\u009B2Jc\\u202Ed\\u2066e caf\u00e9 \u65e5\u672c\"}", json,
                "only the unsafe characters are escaped; other text stays as it is");
        assertEquals(hostile, JsonMapper.builder().build().readTree(json).get("id").asString());
        for (char c : json.toCharArray()) {
            assertTrue(!Inert.unsafe(c), "raw unsafe character U+" + Integer.toHexString(c));
        }
    }
}
