package dev.containermatrix.junit.engine;

import java.util.Map;

/** Configuration parameters from a map. */
record MapParameters(Map<String, String> values)
    implements org.junit.platform.engine.ConfigurationParameters {
  @Override
  public java.util.Optional<String> get(String key) {
    return java.util.Optional.ofNullable(values.get(key));
  }

  @Override
  public java.util.Optional<Boolean> getBoolean(String key) {
    return get(key).map(Boolean::parseBoolean);
  }

  @Override
  public java.util.Set<String> keySet() {
    return values.keySet();
  }

  /**
   * Abstract in JUnit 5 (this module builds against 5.10), gone in JUnit 6: no {@code @Override}.
   */
  @SuppressWarnings("unused")
  public int size() {
    return values.size();
  }
}
