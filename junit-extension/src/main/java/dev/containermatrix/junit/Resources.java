package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** One named set of resource limits in a {@link ResourceAxis}. Empty or 0 means "not limited". */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Resources {
  String name();

  /** CPU quota in CPUs, such as {@code "1"} or {@code "0.5"}. */
  String cpus() default "";

  /** Memory limit without swap, such as {@code "256m"} or {@code "1g"}. */
  String memory() default "";

  /** Most processes and threads. */
  long pids() default 0;

  /** Most open files. */
  long nofile() default 0;

  /** CPUs to pin to, such as {@code "0"} or {@code "0-1"}. */
  String cpuset() default "";
}
