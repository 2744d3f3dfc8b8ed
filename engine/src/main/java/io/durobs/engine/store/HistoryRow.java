package io.durobs.engine.store;

/**
 * One stored history event.
 *
 * @param executionId the execution it belongs to
 * @param seq its position in the execution's history, from 1
 * @param type the event type name
 * @param payload the event JSON
 */
public record HistoryRow(long executionId, int seq, String type, String payload) {}
