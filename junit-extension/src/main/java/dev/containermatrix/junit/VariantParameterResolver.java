package dev.containermatrix.junit;

import dev.containermatrix.junit.agent.VariantVariables;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves {@link Variant} parameters inside a variant from the environment the host set. */
final class VariantParameterResolver implements ParameterResolver {

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == Variant.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    VariantVariables env =
        VariantVariables.read(System.getenv())
            .orElseThrow(
                () ->
                    new ExtensionConfigurationException(
                        "No variant to inject into "
                            + parameterContext.getDeclaringExecutable()
                            + ": this test is running outside ContainerMatrix (the "
                            + VariantVariables.ID
                            + " environment variable is unset). Run it through the container-matrix"
                            + " engine (mvn verify, or your IDE's JUnit Platform launcher) with"
                            + " junit-extension on the test classpath."));
    return new RunningVariant(env.id(), env.name(), env.values());
  }

  private record RunningVariant(String id, String name, Map<String, String> values)
      implements Variant {
    @Override
    public String value(String axis) {
      String value = values.get(axis);
      if (value == null) {
        throw new IllegalArgumentException(
            "Variant " + id + " has no axis '" + axis + "'; its axes are " + values.keySet());
      }
      return value;
    }
  }
}
