/**
 * Alerts end to end: {@link io.durobs.it.alerts.AlertChecker} follows each alert from Prometheus' rule
 * state to Alertmanager ({@link io.durobs.it.alerts.AlertmanagerClient}) and to the run's own webhook
 * receiver ({@link io.durobs.it.alerts.WebhookReceiver}), per fault scenario.
 */
package io.durobs.it.alerts;
