/**
 * From a variant's plan to what a backend launches: the container spec with the agent's JVM command
 * ({@link dev.containermatrix.engine.launch.ContainerSpecFactory}), the short-run JVM flags, and
 * the class-data archive each variant starts from, trained once per key ({@link
 * dev.containermatrix.engine.launch.ClassDataTraining}). No JUnit here: the agent's entry points
 * are named, not imported.
 */
package dev.containermatrix.engine.launch;
