package org.rdpdiag.knowledge;

import java.util.List;

/**
 * Where a piece of knowledge comes from: seed documents with the pair id they state it under,
 * or a documentation page.
 */
public record Source(List<String> seeds, String pair, String url, String title) implements java.io.Serializable {
    public Source {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
    }

    public String cite() {
        StringBuilder sb = new StringBuilder();
        if (!seeds.isEmpty()) {
            sb.append("seed ").append(String.join(", ", seeds));
            if (pair != null) {
                sb.append(" (").append(pair).append(')');
            }
        }
        if (url != null) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(title == null ? url : title + " <" + url + ">");
        }
        return sb.toString();
    }
}
