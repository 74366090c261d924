/**
 * The host's file system where its content is not ours to trust: trees deleted and files opened
 * without following links, private directories.
 */
@NullMarked
package dev.containermatrix.backend.hostfs;

import org.jspecify.annotations.NullMarked;
