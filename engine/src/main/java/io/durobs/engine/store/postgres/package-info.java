/**
 * The PostgreSQL store: versioned migrations (SQL resources applied under an advisory lock, on
 * start or as a separate step, {@code PostgresStore.migrate}, with engines then checking the
 * schema version only), queues dequeued with {@code FOR UPDATE SKIP LOCKED}, a HikariCP pool
 * whose per-connection warnings are replaced by one line per reachability change
 * ({@code Reachability}), and the parsing of JDBC and {@code DATABASE_URL} locations.
 */
package io.durobs.engine.store.postgres;
