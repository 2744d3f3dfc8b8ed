/**
 * The engine's own test support: engine settings for tests, a base class giving each test a fresh
 * database ({@link io.durobs.testing.postgres.TestPostgres}) and a runtime, the
 * engine-in-a-child-JVM used by the crash and multi-process tests, and the lookup of catalogue
 * metrics for the OTel SDK's assertions ({@link io.durobs.engine.testing.CollectedMetrics}).
 */
package io.durobs.engine.testing;
