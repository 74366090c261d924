/**
 * The few Linux system calls the JDK lacks (mknod, extended attributes, geteuid), bound through JNA
 * behind {@link dev.containermatrix.backend.linux.LinuxCalls}.
 */
@NullMarked
package dev.containermatrix.backend.linux;

import org.jspecify.annotations.NullMarked;
