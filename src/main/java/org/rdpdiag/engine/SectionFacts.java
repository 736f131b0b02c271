package org.rdpdiag.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Observations;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.knowledge.KnowledgeBase;

/**
 * The facts a session holds for one host: the tool's {@link org.rdpdiag.facts.ErrorReport} and one
 * object of each fact type the vocabulary declares ({@code Host}, {@code Client}, ...), filled
 * from the observations. Built once per knowledge base.
 *
 * <p>The objects are made and filled through their constructors and setters, not through Drools'
 * field API: that generates an accessor class per field, which a cold start would pay for every
 * observation instead of only for those the rules read.
 */
final class SectionFacts {
    private final Vocabulary vocabulary;
    private final Vocabulary.Section[] sections;
    /** Per section: the constructor of its declared type, or null for the built-in error section. */
    private final MethodHandle[] types;
    /** Per observation: the setter of its field, or null for the error section. */
    private final MethodHandle[] fields;
    private final Map<Class<?>, Vocabulary.Section> sectionOfClass = new HashMap<>();

    SectionFacts(KnowledgeBase kb) {
        this.vocabulary = kb.vocabulary();
        this.sections = vocabulary.sections().toArray(new Vocabulary.Section[0]);
        this.types = new MethodHandle[sections.length];
        this.fields = new MethodHandle[vocabulary.size()];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (int s = 0; s < sections.length; s++) {
            Vocabulary.Section section = sections[s];
            if (section.builtIn()) {
                sectionOfClass.put(org.rdpdiag.facts.ErrorReport.class, section);
                continue;
            }
            // Loaded by name: asking Drools for the FactType would build an accessor class per field.
            Class<?> factClass;
            try {
                factClass = Class.forName(Vocabulary.FACT_PACKAGE + "." + section.type(), true,
                        ((org.drools.kiesession.rulebase.InternalKnowledgeBase) kb.kieBase()).getRootClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the knowledge base declares no fact type " + section.type(), e);
            }
            sectionOfClass.put(factClass, section);
            try {
                types[s] = lookup.findConstructor(factClass, MethodType.methodType(void.class));
                for (int i = section.first(); i < section.end(); i++) {
                    String name = vocabulary.pathAt(i).substring(section.name().length() + 1);
                    fields[i] = lookup.findVirtual(factClass, "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1),
                            MethodType.methodType(void.class, vocabulary.typeAt(i).valueClass()));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the fact type " + section.type() + " does not have the vocabulary's fields", e);
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
            // Every field is set, unknown ones to null: a declared type starts a Boolean at false
            // and an Integer at 0, which rules would read as observed.
            try {
                Object fact = types[s].invoke();
                for (int i = sections[s].first(); i < sections[s].end(); i++) {
                    fields[i].invoke(fact, observed.get(i));
                }
                out.add(fact);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot fill a " + sections[s].type(), e);
            }
        }
        return out;
    }

    /** The section a session fact stands for, or null for any other object. */
    Vocabulary.Section sectionOf(Object fact) {
        return fact == null ? null : sectionOfClass.get(fact.getClass());
    }
}
