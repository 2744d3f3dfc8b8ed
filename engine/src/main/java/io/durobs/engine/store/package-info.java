/**
 * The provider contract ({@link io.durobs.engine.store.Store}) between the runtime and durable
 * storage, its records, the builders of what a turn writes
 * ({@link io.durobs.engine.store.TurnCommit}, {@link io.durobs.engine.store.NewInstance}), the
 * SQLSTATE-classified {@link io.durobs.engine.store.StoreException},
 * and the decorator that times and counts every store call.
 */
package io.durobs.engine.store;
