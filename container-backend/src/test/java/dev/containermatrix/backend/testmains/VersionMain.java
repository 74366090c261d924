package dev.containermatrix.backend.testmains;

/** Prints the JVM's home and feature version. */
public final class VersionMain {

  public static void main(String[] args) {
    System.out.println("java.home:" + System.getProperty("java.home"));
    System.out.println("feature:" + Runtime.version().feature());
  }
}
