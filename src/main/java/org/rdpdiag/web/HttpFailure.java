package org.rdpdiag.web;

import java.util.List;

/**
 * A request that cannot be answered as asked, with the HTTP status and the problems to report:
 * each with where it is in the request body (line and column, or 0 when it has no place) and
 * what is wrong. Turned into {@code {"errors": [...]}} by the API and into an error page by the
 * pages.
 */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem of a request. */
    record Problem(int line, int column, String message) {}

    private final int status;
    private final transient List<Problem> problems;
    /** Extra response headers, such as {@code Allow} for a 405. */
    private final transient List<String[]> headers;

    HttpFailure(int status, List<Problem> problems, List<String[]> headers) {
        super(problems.isEmpty() ? "HTTP " + status : problems.get(0).message(), null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.headers = List.copyOf(headers);
    }

    static HttpFailure of(int status, String message) {
        return new HttpFailure(status, List.of(new Problem(0, 0, message)), List.of());
    }

    static HttpFailure badRequest(String message) {
        return of(400, message);
    }

    static HttpFailure methodNotAllowed(String allowed) {
        return new HttpFailure(405, List.of(new Problem(0, 0, "method not allowed here; use " + allowed)),
                List.<String[]>of(new String[] {"Allow", allowed}));
    }

    int status() {
        return status;
    }

    List<Problem> problems() {
        return problems;
    }

    List<String[]> headers() {
        return headers;
    }
}
