package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcSysctlsTest {

  @TempDir Path proc;

  @Test
  void readsNumbersAndKernelRelease() {
    new FakeProc(proc)
        .with("sys/user/max_user_namespaces", "96365\n")
        .with("sys/kernel/unprivileged_userns_clone", "0\n")
        .with("sys/kernel/apparmor_restrict_unprivileged_userns", "1\n")
        .with("sys/kernel/osrelease", "6.8.0-31-generic\n");
    ProcSysctls sysctls = new ProcSysctls(proc);

    assertThat(sysctls.maxUserNamespaces()).contains(96365L);
    assertThat(sysctls.unprivilegedUsernsClone()).contains(0L);
    assertThat(sysctls.apparmorRestrictUnprivilegedUserns()).contains(1L);
    assertThat(sysctls.kernelRelease()).contains("6.8.0-31-generic");
  }

  @Test
  void absentOrGarbledSettingsAreEmpty() {
    new FakeProc(proc).with("sys/user/max_user_namespaces", "lots\n");
    ProcSysctls sysctls = new ProcSysctls(proc);

    assertThat(sysctls.maxUserNamespaces()).isEmpty();
    assertThat(sysctls.unprivilegedUsernsClone()).isEmpty();
    assertThat(sysctls.apparmorRestrictUnprivilegedUserns()).isEmpty();
    assertThat(sysctls.kernelRelease()).isEmpty();
  }
}
