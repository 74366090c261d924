package dev.containermatrix.backend.nativeruntime.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel settings that forbid user namespaces, each as a sentence naming the file, its value
 * and the fix. {@code max_user_namespaces = 0} stops everyone; Debian's {@code
 * unprivileged_userns_clone = 0} and Ubuntu's {@code apparmor_restrict_unprivileged_userns = 1}
 * stop only users without {@code CAP_SYS_ADMIN}, so they do not apply to root.
 *
 * <p>The settings only explain a refusal: whether user namespaces work is decided by trying one (an
 * AppArmor profile may allow {@code unshare} despite the restriction).
 */
final class UserNamespacePolicy {

  private static final String FIX = "; ask an admin to allow them (sysctl %s=%s) or run as root";

  private final ProcSysctls sysctls;

  UserNamespacePolicy(ProcSysctls sysctls) {
    this.sysctls = sysctls;
  }

  /**
   * Every setting that forbids this user ({@code root} or not) a user namespace; empty when none
   * does.
   */
  List<String> refusals(boolean root) {
    List<String> out = new ArrayList<>();
    if (sysctls.maxUserNamespaces().filter(max -> max == 0).isPresent()) {
      out.add(disabled(ProcSysctls.MAX_USER_NAMESPACES, 0, "user.max_user_namespaces", "15000"));
    }
    if (!root && sysctls.unprivilegedUsernsClone().filter(clone -> clone == 0).isPresent()) {
      out.add(
          disabled(
              ProcSysctls.UNPRIVILEGED_USERNS_CLONE, 0, "kernel.unprivileged_userns_clone", "1"));
    }
    if (!root) {
      sysctls
          .apparmorRestrictUnprivilegedUserns()
          .filter(restrict -> restrict != 0)
          .ifPresent(
              restrict ->
                  out.add(
                      disabled(
                          ProcSysctls.APPARMOR_RESTRICT_UNPRIVILEGED_USERNS,
                          restrict,
                          "kernel.apparmor_restrict_unprivileged_userns",
                          "0")));
    }
    return List.copyOf(out);
  }

  private String disabled(String name, long value, String key, String allowing) {
    return "user namespaces are disabled: "
        + sysctls.path(name)
        + " is "
        + value
        + String.format(FIX, key, allowing);
  }
}
