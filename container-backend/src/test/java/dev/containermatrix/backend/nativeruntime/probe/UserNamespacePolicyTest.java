package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamespacePolicyTest {

  @TempDir Path proc;

  private String maxMessage() {
    return "user namespaces are disabled: "
        + proc.resolve("sys/user/max_user_namespaces")
        + " is 0; ask an admin to allow them (sysctl user.max_user_namespaces=15000) or run as"
        + " root";
  }

  private String cloneMessage() {
    return "user namespaces are disabled: "
        + proc.resolve("sys/kernel/unprivileged_userns_clone")
        + " is 0; ask an admin to allow them (sysctl kernel.unprivileged_userns_clone=1) or run as"
        + " root";
  }

  private String apparmorMessage() {
    return "user namespaces are disabled: "
        + proc.resolve("sys/kernel/apparmor_restrict_unprivileged_userns")
        + " is 1; ask an admin to allow them (sysctl"
        + " kernel.apparmor_restrict_unprivileged_userns=0) or run as root";
  }

  private List<String> refusals() {
    boolean root = new ProcSelfStatus(proc).effectiveUid().orElseThrow() == 0;
    return new UserNamespacePolicy(new ProcSysctls(proc)).refusals(root);
  }

  @Test
  void allowsEveryoneWhenOnlyMaxUserNamespacesIsSetAndPositive() {
    FakeProc fake = new FakeProc(proc).with("sys/user/max_user_namespaces", "96365\n");

    fake.uid(0, 0);
    assertThat(refusals()).isEmpty();
    fake.uid(1000, 1000);
    assertThat(refusals()).isEmpty();
  }

  @Test
  void allowsWhenTheSwitchesAreSetToAllow() {
    new FakeProc(proc)
        .uid(1000, 1000)
        .with("sys/user/max_user_namespaces", "15000\n")
        .with("sys/kernel/unprivileged_userns_clone", "1\n")
        .with("sys/kernel/apparmor_restrict_unprivileged_userns", "0\n");

    assertThat(refusals()).isEmpty();
  }

  @Test
  void maxUserNamespacesZeroStopsRootAndOrdinaryUsers() {
    FakeProc fake = new FakeProc(proc).with("sys/user/max_user_namespaces", "0\n");

    fake.uid(0, 0);
    assertThat(refusals()).containsExactly(maxMessage());
    fake.uid(1000, 1000);
    assertThat(refusals()).containsExactly(maxMessage());
  }

  @Test
  void debianSwitchOffStopsOrdinaryUsersButNotRoot() {
    FakeProc fake =
        new FakeProc(proc)
            .with("sys/user/max_user_namespaces", "15000\n")
            .with("sys/kernel/unprivileged_userns_clone", "0\n");

    fake.uid(0, 0);
    assertThat(refusals()).isEmpty();
    fake.uid(1000, 1000);
    assertThat(refusals()).containsExactly(cloneMessage());
  }

  @Test
  void ubuntuAppArmorRestrictionStopsOrdinaryUsersButNotRoot() {
    FakeProc fake =
        new FakeProc(proc)
            .with("sys/user/max_user_namespaces", "15000\n")
            .with("sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");

    fake.uid(0, 0);
    assertThat(refusals()).isEmpty();
    fake.uid(1000, 1000);
    assertThat(refusals()).containsExactly(apparmorMessage());
  }

  @Test
  void namesEverySettingThatRefusesInFileOrder() {
    FakeProc fake =
        new FakeProc(proc)
            .with("sys/user/max_user_namespaces", "0\n")
            .with("sys/kernel/unprivileged_userns_clone", "0\n")
            .with("sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");

    fake.uid(1000, 1000);
    assertThat(refusals()).containsExactly(maxMessage(), cloneMessage(), apparmorMessage());
    fake.uid(0, 0);
    assertThat(refusals()).containsExactly(maxMessage());
  }

  @Test
  void absentSettingsAllow() {
    new FakeProc(proc).uid(1000, 1000);

    assertThat(refusals()).isEmpty();
  }
}
