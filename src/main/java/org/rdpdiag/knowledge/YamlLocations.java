package org.rdpdiag.knowledge;

import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Line and column of any place in a catalogue file, found by its path ({@code fixes}, 3,
 * {@code rollback}). Data binding loses positions; the composed node tree keeps them, so problems
 * found after binding can still point an author at the right line.
 */
public final class YamlLocations {
    /** A 1-based position. */
    public record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    private final Node root;

    private YamlLocations(Node root) {
        this.root = root;
    }

    public static YamlLocations of(String text) {
        try {
            return new YamlLocations(new Compose(LoadSettings.builder().build()).composeString(text).orElse(null));
        } catch (RuntimeException e) {
            // The binder reports syntax errors with their own position.
            return new YamlLocations(null);
        }
    }

    /**
     * The position of the deepest node the path reaches: for a mapping key, the key itself; for
     * a list index, the item.
     */
    public Position find(List<Object> path) {
        Node node = root;
        Position best = position(root).orElse(Position.START);
        for (Object step : path) {
            Node next = null;
            if (node instanceof MappingNode m && step instanceof String key) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        best = position(t.getKeyNode()).orElse(best);
                        next = t.getValueNode();
                        break;
                    }
                }
            } else if (node instanceof SequenceNode s && step instanceof Integer i && i >= 0 && i < s.getValue().size()) {
                next = s.getValue().get(i);
                best = position(next).orElse(best);
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return best;
    }

    private static Optional<Position> position(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        return node.getStartMark().map((Mark m) -> new Position(m.getLine() + 1, m.getColumn() + 1));
    }
}
