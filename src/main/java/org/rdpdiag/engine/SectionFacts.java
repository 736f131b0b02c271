package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.type.FactField;
import org.kie.api.definition.type.FactType;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Observations;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.knowledge.KnowledgeBase;

/**
 * The facts a session holds for one host: the tool's {@link org.rdpdiag.facts.ErrorReport} and one
 * object of each fact type the vocabulary declares ({@code Host}, {@code Client}, ...), filled
 * from the observations. Built once per knowledge base; the field handles are Drools' own.
 */
final class SectionFacts {
    private final Vocabulary vocabulary;
    private final Vocabulary.Section[] sections;
    /** Per section: its declared type, or null for the built-in error section. */
    private final FactType[] types;
    /** Per observation: the field of its section's declared type, or null for the error section. */
    private final FactField[] fields;
    private final Map<Class<?>, Vocabulary.Section> sectionOfClass = new HashMap<>();

    SectionFacts(KnowledgeBase kb) {
        this.vocabulary = kb.vocabulary();
        this.sections = vocabulary.sections().toArray(new Vocabulary.Section[0]);
        this.types = new FactType[sections.length];
        this.fields = new FactField[vocabulary.size()];
        for (int s = 0; s < sections.length; s++) {
            Vocabulary.Section section = sections[s];
            if (section.builtIn()) {
                sectionOfClass.put(org.rdpdiag.facts.ErrorReport.class, section);
                continue;
            }
            FactType type = kb.kieBase().getFactType(Vocabulary.FACT_PACKAGE, section.type());
            if (type == null) {
                throw new IllegalStateException("the knowledge base declares no fact type " + section.type());
            }
            types[s] = type;
            sectionOfClass.put(type.getFactClass(), section);
            for (int i = section.first(); i < section.end(); i++) {
                fields[i] = type.getField(vocabulary.pathAt(i).substring(section.name().length() + 1));
            }
        }
    }

    /**
     * The session facts of a host, in the vocabulary's section order.
     *
     * @throws IllegalArgumentException when the facts were read with another vocabulary
     */
    List<Object> of(HostFacts facts) {
        Observations observed = facts.observations();
        if (!observed.vocabulary().equals(vocabulary)) {
            throw new IllegalArgumentException("the facts of " + facts.id() + " were read with " + observed.vocabulary()
                    + ", not with the knowledge base's " + vocabulary);
        }
        List<Object> out = new ArrayList<>(sections.length);
        for (int s = 0; s < sections.length; s++) {
            if (types[s] == null) {
                out.add(facts.error());
                continue;
            }
            Object fact;
            try {
                fact = types[s].newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create a " + sections[s].type(), e);
            }
            // Every field is set, unknown ones to null: a declared type starts a Boolean at false
            // and an Integer at 0, which rules would read as observed.
            for (int i = sections[s].first(); i < sections[s].end(); i++) {
                fields[i].set(fact, observed.get(i));
            }
            out.add(fact);
        }
        return out;
    }

    /** The section a session fact stands for, or null for any other object. */
    Vocabulary.Section sectionOf(Object fact) {
        return fact == null ? null : sectionOfClass.get(fact.getClass());
    }
}
