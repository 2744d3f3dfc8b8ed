/**
 * The {@code durobs} command ({@link io.durobs.cli.Durobs}): {@code render} and {@code validate}
 * delegate to the render of {@code generated/} and the dashboard validator (their options, help
 * and exit codes), {@code lint} runs the toolkit's static checks, {@code stack} runs the local
 * stack ({@link io.durobs.cli.stack}) and {@code demo} drives the sample app and the catalogue
 * workload against it until every panel has data. Built as one executable jar,
 * {@code cli/target/durobs.jar}, run by the {@code ./durobs} launcher at the checkout's root.
 */
package io.durobs.cli;
