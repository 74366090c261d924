package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.report.RunReportWriter;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The engine's root: writes report.json once every class has finished. */
final class MatrixEngineDescriptor extends EngineDescriptor implements Node<MatrixExecutionContext> {

  MatrixEngineDescriptor(UniqueId uniqueId) {
    super(uniqueId, "ContainerMatrix");
  }

  @Override
  public void after(MatrixExecutionContext context) {
    try {
      if (!getChildren().isEmpty()) {
        context.collectUnusedLayers();
        new RunReportWriter().write(context.report(), context.settings().reportDirectory());
      }
    } finally {
      context.close();
    }
  }
}
