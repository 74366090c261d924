package dev.containermatrix.backend.testmains;

import java.util.TreeMap;

/**
 * Prints its environment ({@code env:K=V}), working directory, arguments and asked-for properties
 * ({@code prop:name}).
 */
public final class PrintEnvMain {

  public static void main(String[] args) {
    new TreeMap<>(System.getenv())
        .forEach((name, value) -> System.out.println("env:" + name + "=" + value));
    System.out.println("cwd:" + System.getProperty("user.dir"));
    System.out.println("classpath-length:" + System.getProperty("java.class.path").length());
    for (String arg : args) {
      if (arg.startsWith("prop:")) {
        String name = arg.substring("prop:".length());
        System.out.println("prop:" + name + "=" + System.getProperty(name));
      } else {
        System.out.println("arg:" + arg);
      }
    }
    System.err.println("this line goes to stderr");
  }
}
