/**
 * What was observed about one failing connection: the model (one record per side of the
 * connection), reading it from YAML or JSON, and validating it against the published schema.
 * Every observation is optional; {@code null} means "not known", never "false".
 */
package org.rdpdiag.facts;
