package org.rdpdiag.facts;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The {@code tried} entries of facts as read from a file, with where each entry's step was
 * written. It is an ordinary immutable list of {@link Tried} (equal to any list of the same
 * entries), so the places travel with the facts without being part of them.
 */
final class TriedList extends AbstractList<Tried> implements RandomAccess {
    private final List<Tried> entries;
    private final List<FactsLocation> places;

    TriedList(List<Tried> entries, List<FactsLocation> places) {
        if (entries.size() != places.size()) {
            throw new IllegalArgumentException(entries.size() + " entries but " + places.size() + " places");
        }
        this.entries = List.copyOf(entries);
        this.places = List.copyOf(places);
    }

    @Override
    public Tried get(int index) {
        return entries.get(index);
    }

    @Override
    public int size() {
        return entries.size();
    }

    FactsLocation place(int index) {
        return places.get(index);
    }
}
