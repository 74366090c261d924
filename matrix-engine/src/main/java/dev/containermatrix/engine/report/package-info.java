/** The run report: {@code report.json} with the keys of design §3, collected while variants run. */
@NullMarked
package dev.containermatrix.engine.report;

import org.jspecify.annotations.NullMarked;
