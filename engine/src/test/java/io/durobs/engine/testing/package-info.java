/**
 * Test support shared with the {@code it} module through the engine's test-jar: the throwaway
 * PostgreSQL server ({@link io.durobs.engine.testing.TestPostgres}), engine settings for tests,
 * the engine-in-a-child-JVM used by the crash and multi-process tests, and metric reading.
 */
package io.durobs.engine.testing;
