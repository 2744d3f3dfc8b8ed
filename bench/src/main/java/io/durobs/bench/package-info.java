/**
 * The benchmark behind {@code ./durobs bench}: the engine on its own PostgreSQL server (default
 * durability settings) against that server's limit ({@code pgbench -N}) and against DBOS Transact
 * Java running the same workloads on the same server in the same run.
 *
 * <p>{@link io.durobs.bench.BenchMain} is the program; {@link io.durobs.bench.Plan} says how long
 * each measurement lasts ({@code --smoke}, {@code --quick}, full); {@link io.durobs.bench.BenchServer}
 * owns the server and reads its counters (commits, write transactions, WAL, statements, wait
 * events); {@link io.durobs.bench.ClosedLoop} keeps a fixed number of orchestrations in flight on
 * an {@link io.durobs.bench.Engine} ({@link io.durobs.bench.DurobsEngine},
 * {@link io.durobs.bench.DbosEngine}, both seeing completions through
 * {@link io.durobs.bench.CompletionHints}) and measures windows; {@link io.durobs.bench.Report} prints
 * the table and the summary line and writes the JSON file.
 */
package io.durobs.bench;
