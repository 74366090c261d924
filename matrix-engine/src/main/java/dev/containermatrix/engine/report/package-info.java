/**
 * The run report: {@code report.json} with the keys of design §3, collected while variants run,
 * written as the run's part and merged with the other runs of its build.
 */
@NullMarked
package dev.containermatrix.engine.report;

import org.jspecify.annotations.NullMarked;
