package org.rdpdiag.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One {@link TestServer} per test class: started before its first test, stopped after its last. */
abstract class ServedTest {
    static TestServer web;

    @BeforeAll
    static void startServer() {
        web = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        web.close();
    }
}
