package dev.containermatrix.junit.agent;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The junit-platform-suite-api annotations on a class, found by name: directly present, inherited,
 * inside their repeatable containers, or as meta-annotations of the user's own annotations. Read by
 * name and reflection, never by type, so that neither the host nor a variant needs the suite API on
 * its classpath unless the class uses it, and an annotation newer than the user's JUnit is never
 * linked.
 */
final class SuiteAnnotations {
  static final String PACKAGE = "org.junit.platform.suite.api.";

  private final Class<?> suiteClass;
  private final List<Annotation> found = new ArrayList<>();

  private SuiteAnnotations(Class<?> suiteClass) {
    this.suiteClass = suiteClass;
    Set<Class<?>> visited = new HashSet<>();
    for (Annotation a : suiteClass.getAnnotations()) {
      collect(a, visited);
    }
  }

  static SuiteAnnotations of(Class<?> suiteClass) {
    return new SuiteAnnotations(suiteClass);
  }

  private void collect(Annotation annotation, Set<Class<?>> visited) {
    Class<? extends Annotation> type = annotation.annotationType();
    if (type.getName().startsWith(PACKAGE)) {
      Annotation[] repeated = containedRepeatables(annotation);
      if (repeated != null) {
        for (Annotation r : repeated) {
          found.add(r);
        }
      } else {
        found.add(annotation);
      }
      return;
    }
    if (type.getName().startsWith("java.lang.annotation.") || !visited.add(type)) {
      return;
    }
    for (Annotation meta : type.getAnnotations()) {
      collect(meta, visited);
    }
  }

  /** The annotations inside a repeatable container such as {@code @SelectMethods}, else null. */
  private Annotation[] containedRepeatables(Annotation annotation) {
    try {
      Method value = annotation.annotationType().getMethod("value");
      if (value.getReturnType().isArray()
          && value.getReturnType().getComponentType().isAnnotation()) {
        return (Annotation[]) value.invoke(annotation);
      }
      return null;
    } catch (NoSuchMethodException e) {
      return null;
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "Could not read " + annotation.annotationType().getName() + " on " + suiteClass, e);
    }
  }

  /** The suite-api annotations of that simple name, in the order the class declares them. */
  List<Annotation> named(String simpleName) {
    return found.stream()
        .filter(a -> a.annotationType().getName().equals(PACKAGE + simpleName))
        .toList();
  }

  /** Whether any annotation's simple name starts with {@code prefix} (e.g. {@code Select}). */
  boolean anyStartingWith(String prefix) {
    return found.stream().anyMatch(a -> a.annotationType().getName().startsWith(PACKAGE + prefix));
  }

  List<Annotation> all() {
    return List.copyOf(found);
  }

  /**
   * The attribute {@code name} of {@code annotation}; a class it names that is not on the classpath
   * fails naming the annotation and the suite class.
   */
  Object attribute(Annotation annotation, String name) {
    try {
      return annotation.annotationType().getMethod(name).invoke(annotation);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TypeNotPresentException missing) {
        throw new SuiteDefinitionException(
            "@"
                + annotation.annotationType().getSimpleName()
                + " on "
                + suiteClass.getName()
                + " names the class "
                + missing.typeName()
                + ", which is not on the test classpath; check the name or add the jar that holds"
                + " it",
            missing);
      }
      throw new IllegalStateException(
          "Could not read " + name + " of @" + annotation.annotationType().getSimpleName(), cause);
    } catch (NoSuchMethodException e) {
      // an attribute this JUnit version's annotation does not have
      return null;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "Could not read " + name + " of @" + annotation.annotationType().getSimpleName(), e);
    }
  }

  String[] strings(Annotation annotation, String name) {
    Object value = attribute(annotation, name);
    return value == null ? new String[0] : (String[]) value;
  }

  String string(Annotation annotation, String name) {
    Object value = attribute(annotation, name);
    return value == null ? "" : (String) value;
  }
}
