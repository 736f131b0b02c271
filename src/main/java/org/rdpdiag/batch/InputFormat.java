package org.rdpdiag.batch;

/**
 * How an input file is read. {@code AUTO} goes by the extension ({@code .jsonl}/{@code .ndjson},
 * {@code .yaml}/{@code .yml}, {@code .csv}/{@code .tsv}, {@code .json} for one host) and, for any
 * other name and for standard input, by the content: a first {@code '{'} means JSON Lines, a
 * first line with a separator and no {@code ':'} means CSV, anything else YAML.
 */
public enum InputFormat {
    AUTO, JSONL, YAML, CSV
}
