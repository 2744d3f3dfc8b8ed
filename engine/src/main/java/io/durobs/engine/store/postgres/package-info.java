/**
 * The PostgreSQL store: versioned migrations (SQL resources applied under an advisory lock),
 * queues dequeued with {@code FOR UPDATE SKIP LOCKED}, a HikariCP pool, and the parsing of JDBC
 * and {@code DATABASE_URL} locations.
 */
package io.durobs.engine.store.postgres;
