/**
 * What a variant needs at launch: its classpath, JDK, environment and the facts it can read about
 * itself.
 */
@NullMarked
package dev.containermatrix.engine.plan;

import org.jspecify.annotations.NullMarked;
