package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaJsonTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void readsTheBundledSchemaAsTheMapperDoes() {
        String schema = Vocabulary.bundled().schemaText();
        JsonNode expected = MAPPER.readTree(schema);
        assertEquals(expected, SchemaJson.parse(schema));
    }

    @Test
    void keepsEveryKindOfValueAndNumberAsTheMapperDoes() {
        String json = "{\"a\": [1, -2147483649, 123456789012345678901234567890, 2.5, 1e3], \"b\": {\"c\": null,"
                + " \"d\": true, \"e\": false, \"f\": \"x\\u00e9\"}, \"g\": []}";
        JsonNode light = SchemaJson.parse(json);
        assertEquals(MAPPER.readTree(json), light);
        assertEquals(MAPPER.readTree(json).get("a").get(1).getClass(), light.get("a").get(1).getClass(),
                "a number beyond int stays a long, as the mapper has it");
    }

    @Test
    void refusesTrailingValues() {
        assertThrows(IllegalArgumentException.class, () -> SchemaJson.parse("{} {}"));
    }
}
