/**
 * What was observed about one failing connection: the observation vocabulary
 * ({@link org.rdpdiag.facts.Vocabulary}, declared in the knowledge base's {@code observations.yaml}),
 * the observed values ({@link org.rdpdiag.facts.Observations}), reading them from YAML, JSON or CSV,
 * and validating them against the schema the vocabulary publishes. Every observation is optional;
 * {@code null} means "not known", never "false".
 *
 * <p>{@link org.rdpdiag.facts.FactsReader} is the way in: it parses a file into a tree that keeps
 * every key's and value's position, checks that tree against the vocabulary's schema (published
 * as {@code facts/schema/host-facts.schema.json}; it decides keys, types, allowed values and
 * ranges), and binds the result to {@link org.rdpdiag.facts.HostFacts}. Every mistake in a
 * file comes back as a located {@link org.rdpdiag.facts.FactsProblem} inside one
 * {@link org.rdpdiag.facts.FactsException}. {@code FactsReader.readRecord} reads one host of a
 * larger file (a JSON line, a YAML document) with its problems located in that file, and
 * {@link org.rdpdiag.facts.FactColumns} reads table rows (CSV) by the schema's field types.
 *
 * <p>Besides the observations, facts list what was already tried ({@link org.rdpdiag.facts.Tried}):
 * steps of an earlier plan and their {@link org.rdpdiag.facts.TriedOutcome}. The reader checks the
 * form of each entry and keeps where its step was written ({@link org.rdpdiag.facts.HostFacts#triedAt});
 * whether a step exists depends on the knowledge base, and is checked by {@code diagnosis}.
 *
 * <p>Layer above {@code text}; uses only {@code text}.
 */
package org.rdpdiag.facts;
