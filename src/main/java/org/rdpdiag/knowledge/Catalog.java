package org.rdpdiag.knowledge;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Causes, fixes, checks, questions and error codes by id, as authored in the YAML files of {@code rules/}. */
public final class Catalog implements java.io.Serializable {
    private final Map<String, Cause> causes;
    private final Map<String, Fix> fixes;
    private final Map<String, Check> checks;
    private final List<ErrorCode> codes;
    private final List<SeedClaim> seedClaims;
    private final Map<String, Question> questions;
    private final List<SeedPair> seedPairs;
    private final Map<String, Location> locations;
    private final Costs costs;
    private final List<Policy> policies;
    private final List<Contradiction> contradictions;
    private final List<DialogMessage> dialogs;
    /** Each dialog message's patterns, compiled once: recognition runs on every diagnosis. */
    private final transient Map<DialogMessage, List<java.util.regex.Pattern>> dialogPatterns = new java.util.IdentityHashMap<>();

    /** Where an entry is defined, for messages an author's editor can jump to. */
    public record Location(String file, int line, int column) implements java.io.Serializable {}

    Catalog(Map<String, Cause> causes, Map<String, Fix> fixes, Map<String, Check> checks,
            List<ErrorCode> codes, List<SeedClaim> seedClaims, Map<String, Question> questions,
            List<SeedPair> seedPairs, Map<String, Location> locations, Costs costs, List<Policy> policies,
            List<Contradiction> contradictions, List<DialogMessage> dialogs) {
        this.dialogs = List.copyOf(dialogs);
        this.dialogs.forEach(m -> dialogPatterns.put(m, m.patterns()));
        this.costs = costs;
        this.policies = policies;
        this.contradictions = List.copyOf(contradictions);
        this.seedPairs = List.copyOf(seedPairs);
        this.locations = Map.copyOf(locations);
        this.causes = new LinkedHashMap<>(causes);
        this.fixes = new LinkedHashMap<>(fixes);
        this.checks = new LinkedHashMap<>(checks);
        this.codes = List.copyOf(codes);
        this.seedClaims = List.copyOf(seedClaims);
        this.questions = new LinkedHashMap<>(questions);
    }

    /**
     * The bundled catalogue travels in the jar in serialised form (see {@link KnowledgeImage}); it
     * is written as its parts and built again through the constructor, which also compiles the
     * dialog patterns.
     */
    private Object writeReplace() {
        return new Parts(causes, fixes, checks, codes, seedClaims, questions, seedPairs, locations, costs, policies,
                contradictions, dialogs);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a catalogue is read through its parts");
    }

    private record Parts(Map<String, Cause> causes, Map<String, Fix> fixes, Map<String, Check> checks,
            List<ErrorCode> codes, List<SeedClaim> seedClaims, Map<String, Question> questions,
            List<SeedPair> seedPairs, Map<String, Location> locations, Costs costs, List<Policy> policies,
            List<Contradiction> contradictions, List<DialogMessage> dialogs) implements java.io.Serializable {
        private Object readResolve() {
            return new Catalog(causes, fixes, checks, codes, seedClaims, questions, seedPairs, locations, costs, policies,
                    contradictions, dialogs);
        }
    }

    /** The cost model: what each step costs and how likely a fix is to help. */
    public Costs costs() {
        return costs;
    }

    /** Rules of conduct that withhold steps under some observations. */
    public List<Policy> policies() {
        return policies;
    }

    /** Observations declared unable to hold together, in the order the files give them. */
    public List<Contradiction> contradictions() {
        return contradictions;
    }

    /** The documented dialog messages, in the order the files give them. */
    public List<DialogMessage> dialogs() {
        return dialogs;
    }

    /** The documented message a dialog text carries, if any: the first whose wording it has. */
    public java.util.Optional<DialogMessage> recognise(String dialogText) {
        return dialogText == null ? java.util.Optional.empty()
                : dialogs.stream().filter(m -> dialogPatterns.get(m).stream().anyMatch(p -> p.matcher(dialogText).find()))
                        .findFirst();
    }

    public java.util.Optional<DialogMessage> dialog(String id) {
        return dialogs.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Collection<Question> questions() {
        return questions.values();
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    public Optional<Check> check(String id) {
        return checks.values().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Collection<Cause> causes() {
        return causes.values();
    }

    public Optional<Cause> cause(String id) {
        return Optional.ofNullable(causes.get(id));
    }

    public Collection<Fix> fixes() {
        return fixes.values();
    }

    public Optional<Fix> fix(String id) {
        return Optional.ofNullable(fixes.get(id));
    }

    public Collection<Check> checks() {
        return checks.values();
    }

    public List<ErrorCode> codes() {
        return codes;
    }

    public Optional<ErrorCode> code(String kind, int value) {
        return codes.stream().filter(c -> c.kind().equals(kind) && c.value() == value).findFirst();
    }

    public List<SeedClaim> seedClaims() {
        return seedClaims;
    }

    /** The seed pairs listed as the checklist, in file order; empty when the folder lists none. */
    public List<SeedPair> seedPairs() {
        return seedPairs;
    }

    /**
     * Where an entry is defined.
     *
     * @param kind {@code cause}, {@code fix}, {@code check}, {@code question}, {@code pair} or
     *             {@code policy}; or {@code costs} with the id {@code section} for the costs section,
     *             or the name of one of its keys ({@code escalation}, {@code checkMinutes} ...)
     */
    public Optional<Location> locate(String kind, String id) {
        return Optional.ofNullable(locations.get(kind + " " + id));
    }
}
