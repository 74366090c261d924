/**
 * The Docker Engine API (also Podman's compatible API) over its Unix socket, with the JDK's own
 * {@code SocketChannel}: where the engine is ({@link
 * dev.containermatrix.backend.docker.DockerHost}) and a small client of the operations the docker
 * backend needs ({@link dev.containermatrix.backend.docker.DockerApi}).
 */
@NullMarked
package dev.containermatrix.backend.docker;

import org.jspecify.annotations.NullMarked;
