/**
 * The one place tests get a PostgreSQL database from: {@link io.durobs.testing.postgres.TestPostgres}
 * starts a throwaway server from the embedded binaries of {@link io.durobs.testing.postgres.PostgresBinaries} (or uses {@code DATABASE_URL}) and hands
 * out a fresh {@link io.durobs.testing.postgres.TestDatabase} per caller.
 *
 * <p>This module sits below the engine (the engine's own tests use it), so it depends on nothing
 * of the project's.
 */
package io.durobs.testing.postgres;
