package dev.containermatrix.backend.linux;

/**
 * Chooses, once per JVM, the JNA binding or, where libc cannot be bound, the unsupported null
 * object.
 */
final class SystemCalls {

  static final LinuxCalls INSTANCE = load();

  private SystemCalls() {}

  private static LinuxCalls load() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return new UnsupportedLinuxCalls("this is " + System.getProperty("os.name") + ", not Linux");
    }
    try {
      return new JnaLinuxCalls();
    } catch (LinkageError e) {
      return new UnsupportedLinuxCalls(
          "JNA cannot bind libc: "
              + e
              + "; the native backend needs JNA 5 (built and tested with 5.19.0) on the test"
              + " classpath: if your project pins an older JNA, raise it to 5.19.0");
    }
  }
}
