/**
 * The catalogue check of a live run: every catalogue metric present in Prometheus under its computed
 * name, with every allowed value of each enumerated label ({@link io.durobs.it.catalogue.CatalogueCheck}).
 */
package io.durobs.it.catalogue;
