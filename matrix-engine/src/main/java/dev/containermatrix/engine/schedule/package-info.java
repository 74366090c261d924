/**
 * Admission of variants on one host: which may start now, by count, CPU and memory against the
 * host's capacity, first come first served (the policy; junit-extension blocks the threads).
 */
package dev.containermatrix.engine.schedule;
