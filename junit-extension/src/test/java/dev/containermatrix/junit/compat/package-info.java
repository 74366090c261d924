/**
 * Compatibility tests: real child Maven builds of the small user projects in {@code src/it},
 * against this module's jar.
 */
package dev.containermatrix.junit.compat;
